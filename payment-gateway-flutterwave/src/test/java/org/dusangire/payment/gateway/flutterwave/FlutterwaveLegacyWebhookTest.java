package org.dusangire.payment.gateway.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;

import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.core.service.WebhookResult;
import org.dusangire.payment.simulator.flutterwave.WebhookScheme;
import org.dusangire.payment.simulator.flutterwave.WebhookShape;
import org.dusangire.payment.testkit.InMemoryPaymentRepository;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.Test;

/** An account with "v3 webhooks" off and the signature scheme still completes payments. */
class FlutterwaveLegacyWebhookTest {

    @Test
    void legacyFlatSignedWebhookCompletesThePayment() {
        try (FlwFixture fx = new FlwFixture(b -> b.webhookShape(WebhookShape.LEGACY_FLAT)
                .webhookScheme(WebhookScheme.FLUTTERWAVE_SIGNATURE), c -> { })) {
            var service = PaymentService.builder()
                    .config(PaymentConfig.builder().siteUrl("http://localhost:8080").build())
                    .repository(new InMemoryPaymentRepository()).gateway(fx.gateway).clock(fx.clock).build();
            var p = service.initiate(TestPayments.checkout(PaymentMethod.BANK_TRANSFER, "1500", "UGX").build())
                    .payment();
            fx.sim.payByBankTransfer(p.providerReference());

            WebhookResult result = service.handleWebhook(FlutterwaveGateway.NAME,
                    fx.webhookFor(p.providerReference()));

            assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.PROCESSED);
            assertThat(result.payment().orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        }
    }
}
