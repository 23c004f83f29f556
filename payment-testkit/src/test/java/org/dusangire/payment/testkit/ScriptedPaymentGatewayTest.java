package org.dusangire.payment.testkit;

import java.util.List;
import java.util.Map;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.ProviderStatus;

/**
 * Proves the gateway contract runs and that the scripted gateway honours it, refunds included:
 * it keys refunds by our refund id, never pays one twice, and answers their status.
 */
class ScriptedPaymentGatewayTest extends PaymentGatewayContract {
    private final ScriptedPaymentGateway gateway = createGateway();

    ScriptedPaymentGateway createGateway() {
        return ScriptedPaymentGateway.named("scripted", PaymentMethod.MTN_MOBILE_MONEY);
    }

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

            @Override
            public List<Money> refundsAtProvider(Payment payment) {
                return gateway.refundsHeld(payment);
            }

            @Override
            public void loseNextRefund(boolean processed) {
                gateway.scriptRefunds(processed
                        ? ScriptedPaymentGateway.RefundOutcome.TIMEOUT_AFTER_PROVIDER
                        : ScriptedPaymentGateway.RefundOutcome.TIMEOUT_BEFORE_PROVIDER);
            }
        };
    }
}
