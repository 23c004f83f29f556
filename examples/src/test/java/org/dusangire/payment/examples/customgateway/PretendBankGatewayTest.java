package org.dusangire.payment.examples.customgateway;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.testkit.PaymentGatewayContract;
import org.dusangire.payment.testkit.ProviderDriver;
import org.dusangire.payment.testkit.TestPayments;

/** The example gateway holds to the same contract as the built-in ones. */
class PretendBankGatewayTest extends PaymentGatewayContract {
    private final Secret secret = Secret.of("bank-webhook-secret");
    private final PretendBank bank = new PretendBank();
    private final PretendBankGateway gateway = new PretendBankGateway(bank, secret);

    @Override
    protected PaymentGateway gateway() {
        return gateway;
    }

    @Override
    protected Payment newPayment() {
        return TestPayments.pending(PretendBankGateway.NAME).method(PaymentMethod.BANK_TRANSFER)
                .money(Money.of("120000", "UGX")).build();
    }

    @Override
    protected ProviderDriver driver() {
        return new ProviderDriver() {
            @Override
            public void approve(Payment payment) {
                bank.receive(payment.providerReference());
            }

            @Override
            public Map<String, ProviderStatus> failureScenarios() {
                return Map.of("order closed unpaid", ProviderStatus.FAILED);
            }

            @Override
            public void fail(Payment payment, String scenario) {
                bank.close(payment.providerReference(), "UNPAID");
            }

            @Override
            public InboundRequest authenticWebhook(Payment payment) {
                byte[] body = (payment.providerReference() + ":SETTLED").getBytes(StandardCharsets.UTF_8);
                return InboundRequest.builder("POST").body(body)
                        .header(PretendBankGateway.SIGNATURE_HEADER, PretendBankGateway.sign(secret, body))
                        .build();
            }

            @Override
            public InboundRequest forgedWebhook(Payment payment) {
                byte[] body = (payment.providerReference() + ":SETTLED").getBytes(StandardCharsets.UTF_8);
                return InboundRequest.builder("POST").body(body)
                        .header(PretendBankGateway.SIGNATURE_HEADER,
                                PretendBankGateway.sign(Secret.of("guessed"), body))
                        .build();
            }
        };
    }
}
