package org.dusangire.payment.gateway.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.testkit.InMemoryPaymentRepository;
import org.dusangire.payment.testkit.LogCapture;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.Test;

/** A whole flow with wire logging at DEBUG leaves no key, hash or full phone number behind. */
class FlutterwaveLogScrubbingTest {

    @Test
    void fullFlowLogsNoSecretKeyHashOrPhoneNumber() {
        List<String> stored = new ArrayList<>();
        String secretKey;
        LogCapture logs = LogCapture.atDebug("org.dusangire.payment");
        try (logs; FlwFixture fx = new FlwFixture()) {
            secretKey = fx.sim.secretKey();
            var service = PaymentService.builder()
                    .config(PaymentConfig.builder().siteUrl("http://localhost:8080").build())
                    .repository(new InMemoryPaymentRepository()).gateway(fx.gateway).clock(fx.clock).build();
            Payment p = service.initiate(TestPayments.checkout(PaymentMethod.CARD, "1500", "UGX").build())
                    .payment();
            stored.add(service.find(p.id()).orElseThrow().lastGatewayResponse());
            fx.sim.payByCard(p.providerReference());
            service.handleWebhook(FlutterwaveGateway.NAME, fx.webhookFor(p.providerReference()));
            stored.add(service.find(p.id()).orElseThrow().lastGatewayResponse());
            service.refund(p.id(), null, "test");
        }
        String logged = logs.text();

        assertThat(logged).contains("/payments").contains("verify_by_reference");
        assertThat(String.join("\n", stored)).contains("Transaction fetched successfully");
        for (String text : List.of(logged, String.join("\n", stored))) {
            assertThat(text).doesNotContain(secretKey).doesNotContain(FlwFixture.HASH)
                    .doesNotContain("256772123456");
        }
    }
}
