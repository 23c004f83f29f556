package org.dusangire.payment.simulator.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.testsupport.Await;
import org.dusangire.payment.simulator.testsupport.CallbackReceiver;
import org.dusangire.payment.simulator.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlutterwaveWebhookTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final CallbackReceiver receiver = new CallbackReceiver();
    private FlutterwaveSimulator sim;

    private URI webhookUrl() {
        return URI.create(receiver.url("/payments/webhooks/flutterwave/"));
    }

    private FlwClient start(FlutterwaveSimulatorBuilder builder) {
        sim = builder.clock(clock).webhookUrl(webhookUrl()).build().start();
        return new FlwClient(sim);
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
        receiver.close();
    }

    @Test
    void successfulPaymentPostsTheV3EnvelopeWithVerifHash() {
        var client = start(FlutterwaveSimulator.builder().secretHash("my-hash"));
        String txRef = client.newLink();
        long id = sim.payByCard(txRef);

        Await.until(() -> receiver.received().size() == 1);
        var got = receiver.received().get(0);
        assertThat(got.header("verif-hash")).isEqualTo("my-hash");
        assertThat(got.header("flutterwave-signature")).isNull();
        var json = FlwClient.json(got.body());
        assertThat(json.get("event").asText()).isEqualTo("charge.completed");
        assertThat(json.get("event.type").asText()).isEqualTo("CARD_TRANSACTION");
        assertThat(json.at("/data/id").asLong()).isEqualTo(id);
        assertThat(json.at("/data/tx_ref").asText()).isEqualTo(txRef);
        assertThat(json.at("/data/status").asText()).isEqualTo("successful");
        Await.until(() -> sim.webhookDeliveries().size() == 1);
        assertThat(sim.webhookDeliveries().get(0).delivered()).isTrue();
    }

    @Test
    void signatureSchemeSignsTheExactRawBody() throws Exception {
        var client = start(FlutterwaveSimulator.builder().secretHash("sig-hash")
                .webhookScheme(WebhookScheme.FLUTTERWAVE_SIGNATURE));
        sim.payByBankTransfer(client.newLink());

        Await.until(() -> receiver.received().size() == 1);
        var got = receiver.received().get(0);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("sig-hash".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(got.header("flutterwave-signature"))
                .isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal(got.bytes())));
        assertThat(got.header("verif-hash")).isNull();
        var json = FlwClient.json(got.body());
        assertThat(json.get("event.type").asText()).isEqualTo("BANK_TRANSFER_TRANSACTION");
        assertThat(json.has("meta_data")).isTrue();
    }

    @Test
    void legacyFlatShapeUsesCamelCaseWithoutEnvelope() {
        var client = start(FlutterwaveSimulator.builder().webhookShape(WebhookShape.LEGACY_FLAT));
        String txRef = client.newLink();
        long id = sim.payByCard(txRef);

        Await.until(() -> receiver.received().size() == 1);
        var json = FlwClient.json(receiver.received().get(0).body());
        assertThat(json.has("event")).isFalse();
        assertThat(json.has("data")).isFalse();
        assertThat(json.get("id").asLong()).isEqualTo(id);
        assertThat(json.get("txRef").asText()).isEqualTo(txRef);
        assertThat(json.get("flwRef").asText()).startsWith("FLW-MOCK-");
        assertThat(json.get("status").asText()).isEqualTo("successful");
    }

    @Test
    void withoutASecretHashNoAuthenticationHeaderIsSent() {
        var client = start(FlutterwaveSimulator.builder().secretHash(null));
        sim.payByCard(client.newLink());

        Await.until(() -> receiver.received().size() == 1);
        assertThat(receiver.received().get(0).header("verif-hash")).isNull();
        assertThat(receiver.received().get(0).header("flutterwave-signature")).isNull();
    }

    @Test
    void failedAttemptsSendWebhooksUnlessSwitchedOffAndPendingSendsNone() {
        var client = start(FlutterwaveSimulator.builder());
        String txRef = client.newLink();
        sim.fail(txRef);
        long pending = sim.leavePending(txRef);

        Await.until(() -> receiver.received().size() == 1);
        assertThat(FlwClient.json(receiver.received().get(0).body()).at("/data/status").asText())
                .isEqualTo("failed");
        sim.settle(pending);
        Await.until(() -> receiver.received().size() == 2);
        assertThat(FlwClient.json(receiver.received().get(1).body()).at("/data/id").asLong())
                .isEqualTo(pending);
    }

    @Test
    void failedWebhooksCanBeSwitchedOff() {
        var client = start(FlutterwaveSimulator.builder().failedWebhooks(false));
        String txRef = client.newLink();
        sim.fail(txRef);
        sim.payByCard(txRef);

        Await.until(() -> receiver.received().size() == 1);
        assertThat(FlwClient.json(receiver.received().get(0).body()).at("/data/status").asText())
                .isEqualTo("successful");
    }

    @Test
    void duplicateDeliveryOnDemandSendsTheSameBytes() {
        var client = start(FlutterwaveSimulator.builder());
        long id = sim.payByCard(client.newLink());
        Await.until(() -> receiver.received().size() == 1);

        sim.resendWebhook(id).join();

        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.received().get(1).bytes()).isEqualTo(receiver.received().get(0).bytes());
    }

    @Test
    void retriesThreeTimesThirtyMinutesApartWhenSwitchedOn() {
        var client = start(FlutterwaveSimulator.builder().webhookRetries(true));
        receiver.answer(500, 302, 503, 500);
        sim.payByCard(client.newLink());
        Await.until(() -> sim.webhookRetriesWaiting() == 1);

        assertThat(sim.deliverDueWebhookRetries()).isZero();
        for (int retry = 1; retry <= 3; retry++) {
            clock.advance(Duration.ofMinutes(30));
            assertThat(sim.deliverDueWebhookRetries()).isEqualTo(1);
        }

        assertThat(receiver.received()).hasSize(4);
        assertThat(sim.webhookRetriesWaiting()).isZero();
        assertThat(sim.webhookDeliveries()).extracting(WebhookDelivery::attempt)
                .containsExactly(1, 2, 3, 4);
        assertThat(sim.webhookDeliveries()).noneMatch(WebhookDelivery::delivered);
    }

    @Test
    void retriesStopAtTheFirst200AndAreOffByDefault() {
        var client = start(FlutterwaveSimulator.builder().webhookRetries(true));
        receiver.answer(500);
        sim.payByCard(client.newLink());
        Await.until(() -> sim.webhookRetriesWaiting() == 1);
        clock.advance(Duration.ofMinutes(30));
        sim.deliverDueWebhookRetries();
        assertThat(sim.webhookRetriesWaiting()).isZero();
        assertThat(sim.webhookDeliveries().get(1).delivered()).isTrue();

        try (var noRetry = FlutterwaveSimulator.builder().clock(clock).webhookUrl(webhookUrl())
                .build().start()) {
            receiver.answer(500);
            noRetry.payByCard(new FlwClient(noRetry).newLink());
            Await.until(() -> noRetry.webhookDeliveries().size() == 1);
            assertThat(noRetry.webhookRetriesWaiting()).isZero();
        }
    }

    @Test
    void webhookNeverSentFaultSuppressesOneDelivery() {
        var client = start(FlutterwaveSimulator.builder());
        sim.inject(FaultRule.nextCalls(FlutterwaveEndpoint.WEBHOOK, 1,
                Fault.of(FaultKind.CALLBACK_NEVER_SENT)));
        long lost = sim.payByCard(client.newLink());
        long delivered = sim.payByCard(client.newLink());

        Await.until(() -> receiver.received().size() == 1);
        assertThat(FlwClient.json(receiver.received().get(0).body()).at("/data/id").asLong())
                .isEqualTo(delivered);
        assertThat(sim.webhookDeliveries()).filteredOn(WebhookDelivery::suppressed)
                .extracting(WebhookDelivery::transactionId).containsExactly(lost);
        assertThat(sim.transaction(lost).orElseThrow().status()).isEqualTo("successful");
    }
}
