package org.dusangire.payment.gateway.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.error.WebhookRejectedException.Reason;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.simulator.flutterwave.WebhookScheme;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The authentication matrix, over webhooks the simulator really delivered. */
class FlutterwaveWebhookAuthenticationTest {

    private FlwFixture fx;

    @AfterEach
    void stop() {
        fx.close();
    }

    private byte[] deliveredBody(WebhookScheme scheme) {
        fx = new FlwFixture(b -> b.webhookScheme(scheme), c -> { });
        Payment p = FlwFixture.cardPayment();
        fx.gateway.initiate(new InitiationRequest(p, java.net.URI.create("http://localhost/cb"),
                java.net.URI.create("http://localhost/back"), "Clinic"));
        fx.sim.payByCard(p.providerReference());
        return fx.webhookFor(p.providerReference()).body();
    }

    private static InboundRequest request(byte[] body, String header, String value) {
        InboundRequest.Builder b = InboundRequest.builder("POST").body(body);
        if (header != null) {
            b.header(header, value);
        }
        return b.build();
    }

    private void assertRejected(InboundRequest request) {
        assertThatThrownBy(() -> fx.gateway.parseWebhook(request))
                .isInstanceOfSatisfying(WebhookRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION));
    }

    @Test
    void validVerifHashPasses() {
        byte[] body = deliveredBody(WebhookScheme.VERIF_HASH);

        var n = fx.gateway.parseWebhook(request(body, "verif-hash", FlwFixture.HASH));

        assertThat(n.reportedStatus()).isEqualTo(ProviderStatus.SUCCEEDED);
    }

    @Test
    void validFlutterwaveSignaturePasses() {
        byte[] body = deliveredBody(WebhookScheme.FLUTTERWAVE_SIGNATURE);

        var n = fx.gateway.parseWebhook(request(body, "flutterwave-signature",
                WebhookAuthenticator.sign(FlwFixture.HASH, body)));

        assertThat(n.paymentReference()).isNotBlank();
    }

    @Test
    void signaturesCheckedAtOnceOnManyThreadsEachGetTheirOwnAnswer() throws Exception {
        byte[] body = deliveredBody(WebhookScheme.FLUTTERWAVE_SIGNATURE);
        String good = WebhookAuthenticator.sign(FlwFixture.HASH, body);
        String forged = WebhookAuthenticator.sign("other", body);
        int checks = 400;
        AtomicInteger wrong = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < checks; i++) {
                boolean genuine = i % 2 == 0;
                done.add(pool.submit(() -> {
                    boolean passed;
                    try {
                        fx.gateway.parseWebhook(request(body, "flutterwave-signature",
                                genuine ? good : forged));
                        passed = true;
                    } catch (WebhookRejectedException e) {
                        passed = false;
                    }
                    if (passed != genuine) {
                        wrong.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(wrong.get()).as("checks answered wrongly, of " + checks).isZero();
    }

    @Test
    void theSimulatorsOwnDeliveriesPassInBothSchemes() {
        for (WebhookScheme scheme : WebhookScheme.values()) {
            deliveredBody(scheme);
            var delivered = FlwFixture.inbound(fx.sim.webhookDeliveries().get(0));
            assertThat(fx.gateway.parseWebhook(delivered).eventKey()).startsWith("charge.completed:");
            fx.close();
        }
        fx = new FlwFixture();
    }

    @Test
    void missingHeaderIsRejected() {
        assertRejected(request(deliveredBody(WebhookScheme.VERIF_HASH), null, null));
    }

    @Test
    void wrongHashIsRejected() {
        byte[] body = deliveredBody(WebhookScheme.VERIF_HASH);

        assertRejected(request(body, "verif-hash", FlwFixture.HASH + "x"));
        assertRejected(request(body, "verif-hash", ""));
        assertRejected(request(body, "flutterwave-signature", WebhookAuthenticator.sign("other", body)));
    }

    @Test
    void malformedSignatureIsRejected() {
        byte[] body = deliveredBody(WebhookScheme.FLUTTERWAVE_SIGNATURE);

        assertRejected(request(body, "flutterwave-signature", "not base64 at all!"));
        assertRejected(request(body, "flutterwave-signature", FlwFixture.HASH));
    }

    @Test
    void bodyChangedByOneByteIsRejected() {
        byte[] body = deliveredBody(WebhookScheme.FLUTTERWAVE_SIGNATURE);
        String signature = WebhookAuthenticator.sign(FlwFixture.HASH, body);
        byte[] changed = body.clone();
        int at = new String(body, StandardCharsets.UTF_8).indexOf("successful");
        changed[at] = (byte) 'S';

        assertRejected(request(changed, "flutterwave-signature", signature));
    }

    @Test
    void signatureOverReSerialisedJsonIsRejected() throws Exception {
        byte[] body = deliveredBody(WebhookScheme.FLUTTERWAVE_SIGNATURE);
        ObjectMapper mapper = new ObjectMapper();
        byte[] reserialised = mapper.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(mapper.readTree(body));

        assertRejected(request(body, "flutterwave-signature",
                WebhookAuthenticator.sign(FlwFixture.HASH, reserialised)));
    }

    @Test
    void headerNamesMatchInAnyLetterCase() {
        byte[] body = deliveredBody(WebhookScheme.FLUTTERWAVE_SIGNATURE);

        assertThat(fx.gateway.parseWebhook(request(body, "VERIF-HASH", FlwFixture.HASH))).isNotNull();
        assertThat(fx.gateway.parseWebhook(request(body, "Flutterwave-Signature",
                WebhookAuthenticator.sign(FlwFixture.HASH, body)))).isNotNull();
    }

    @Test
    void withoutAConfiguredHashEveryWebhookIsRefusedUnlessSandboxAllowsIt() {
        byte[] body = deliveredBody(WebhookScheme.VERIF_HASH);
        var closed = new WebhookAuthenticator(null, false);
        var open = new WebhookAuthenticator(null, true);

        assertThatThrownBy(() -> closed.authenticate(request(body, "verif-hash", "anything")))
                .isInstanceOf(WebhookRejectedException.class)
                .hasMessageContaining(FlutterwaveConfig.SECRET_HASH);
        open.authenticate(request(body, null, null));
        assertThat(FlutterwaveConfig.builder().secretKey(fx.sim.secretKey()).allowUnsignedWebhooks(true)
                .environment(PaymentEnvironment.SANDBOX).build().allowUnsignedWebhooks()).isTrue();
    }

    @Test
    void verifHashIsComparedExactlyNotAfterTrimming() {
        byte[] body = deliveredBody(WebhookScheme.VERIF_HASH);

        assertRejected(request(body, "verif-hash", FlwFixture.HASH + " "));
        assertRejected(request(body, "verif-hash", " " + FlwFixture.HASH));
        assertRejected(request(body, "verif-hash", FlwFixture.HASH + "\t"));
        assertThat(fx.gateway.parseWebhook(request(body, "verif-hash", FlwFixture.HASH))).isNotNull();
    }

    @Test
    void signatureIsComparedExactlyNotAfterTrimming() {
        byte[] body = deliveredBody(WebhookScheme.FLUTTERWAVE_SIGNATURE);
        String signature = WebhookAuthenticator.sign(FlwFixture.HASH, body);

        assertRejected(request(body, "flutterwave-signature", signature + " "));
        assertRejected(request(body, "flutterwave-signature", " " + signature));
        assertThat(fx.gateway.parseWebhook(request(body, "flutterwave-signature", signature))).isNotNull();
    }
}
