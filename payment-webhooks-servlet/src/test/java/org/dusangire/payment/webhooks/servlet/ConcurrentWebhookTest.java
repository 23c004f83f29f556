package org.dusangire.payment.webhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.testkit.ScriptedPaymentGateway;
import org.junit.jupiter.api.Test;

class ConcurrentWebhookTest {

    @Test
    void twoHundredConcurrentDeliveriesOfOneWebhookMakeExactlyOneTransition() throws Exception {
        try (ServletHarness h = ServletHarness.start()) {
            Payment p = h.checkout(PaymentMethod.CARD);
            h.flutterwave.approve(p);
            HttpRequest request = h.request("POST", "/payments/webhooks/flutterwave/",
                    BodyPublishers.ofByteArray(ServletHarness.webhookBody(p, ProviderStatus.SUCCEEDED,
                            "storm-1")),
                    "Content-Type", "application/json",
                    ScriptedPaymentGateway.SIGNATURE_HEADER, ScriptedPaymentGateway.DEFAULT_SECRET);

            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                inFlight.add(h.http().sendAsync(request, BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            assertThat(inFlight).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(200));
            assertThat(h.reload(p).status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(h.reload(p).history()).hasSize(2);
            assertThat(h.listener.events()).hasSize(1);
            assertThat(h.listener.count(p.id(), PaymentStatus.SUCCEEDED)).isEqualTo(1);
        }
    }
}
