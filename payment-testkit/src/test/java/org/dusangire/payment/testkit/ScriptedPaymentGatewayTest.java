package org.dusangire.payment.testkit;

import java.util.EnumSet;
import java.util.Map;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.ProviderStatus;

/**
 * Proves the gateway contract runs and that the scripted gateway honours it. It runs as a
 * gateway without refunds: its refund side pays on every call and has no refund status, so it
 * cannot meet the contract's refund rules (same refund id never paid twice, status checks).
 */
class ScriptedPaymentGatewayTest extends PaymentGatewayContract {
    private final ScriptedPaymentGateway gateway = new ScriptedPaymentGateway("scripted",
            EnumSet.of(PaymentMethod.MTN_MOBILE_MONEY), ScriptedPaymentGateway.DEFAULT_SECRET, false);

    @Override
    protected PaymentGateway gateway() {
        return gateway;
    }

    @Override
    protected Payment newPayment() {
        return TestPayments.pending("scripted").build();
    }

    @Override
    protected ProviderDriver driver() {
        return new ProviderDriver() {
            @Override
            public void approve(Payment payment) {
                gateway.approve(payment);
            }

            @Override
            public Map<String, ProviderStatus> failureScenarios() {
                return Map.of("declined", ProviderStatus.FAILED, "expired", ProviderStatus.EXPIRED);
            }

            @Override
            public void fail(Payment payment, String scenario) {
                if (scenario.equals("declined")) {
                    gateway.fail(payment, "APPROVAL_REJECTED");
                } else {
                    gateway.settle(payment, ProviderStatus.EXPIRED, null, "EXPIRED",
                            payment.providerReference());
                }
            }

            @Override
            public InboundRequest authenticWebhook(Payment payment) {
                return gateway.webhook(payment, ProviderStatus.SUCCEEDED, "evt-" + payment.id());
            }

            @Override
            public InboundRequest forgedWebhook(Payment payment) {
                return gateway.forgedWebhook(payment, ProviderStatus.SUCCEEDED, "evt-" + payment.id());
            }
        };
    }
}
