package org.dusangire.payment.gateway.airtel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.error.WebhookRejectedException.Reason;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.WebhookNotification;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.simulator.airtel.AirtelMoneySimulator;
import org.dusangire.payment.testkit.InMemoryPaymentRepository;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The callback authenticator matrix and the rule that a callback is only a hint. */
class AirtelCallbackTest {
    private static final String KEY = AirtelFixture.CALLBACK_KEY;

    private final AirtelMoneySimulator sim = AirtelMoneySimulator.builder()
            .callbackAuthentication(KEY).build().start();
    private final AirtelMoneyGateway gateway = AirtelFixture.gateway(sim,
            b -> b.callbackPrivateKey(Secret.of(KEY)), Clock.systemUTC());

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void validCallbackFromTheSimulatorIsAccepted() {
        String id = initiatedAndApproved();

        WebhookNotification n = gateway.parseWebhook(AirtelFixture.callback(
                sim.callbackBody(id).orElseThrow()));

        assertThat(n.paymentReference()).isEqualTo(id);
        assertThat(n.reportedStatus()).isEqualTo(ProviderStatus.SUCCEEDED);
        assertThat(n.providerTransactionId()).isEqualTo(sim.state(id).orElseThrow().airtelMoneyId());
        assertThat(n.eventKey()).contains(id).contains("TS");
        assertThat(n.callbackToken()).isNull();
    }

    @Test
    void missingHashIsRejected() {
        assertAuthentication(tx("TS") + "}");
    }

    @Test
    void wrongKeyIsRejected() {
        String unsigned = tx("TS") + "}";
        assertAuthentication(tx("TS") + ",\"hash\":\"" + AirtelFixture.hmac("wrong", unsigned) + "\"}");
    }

    @Test
    void malformedHashIsRejected() {
        assertAuthentication(tx("TS") + ",\"hash\":\"%%%not-base64\"}");
    }

    @Test
    void bodyChangedByOneByteIsRejected() {
        String id = initiatedAndApproved();
        String body = new String(sim.callbackBody(id).orElseThrow(), StandardCharsets.UTF_8);

        assertAuthentication(body.replace("\"TS\"", "\"TF\""));
    }

    @Test
    void hashOverReSerialisedJsonIsAccepted() {
        String compact = tx("TS") + "}";
        String pretty = "{\n  \"transaction\" : " + tx("TS").substring("{\"transaction\":".length())
                + ",\n  \"hash\" : \"" + AirtelFixture.hmac(KEY, compact) + "\"\n}";

        assertThat(gateway.parseWebhook(AirtelFixture.callback(pretty)).reportedStatus())
                .isEqualTo(ProviderStatus.SUCCEEDED);
    }

    @Test
    void hashOverTheTransactionObjectAloneIsAccepted() {
        String txObject = tx("TF").substring("{\"transaction\":".length());
        String body = tx("TF") + ",\"hash\":\"" + AirtelFixture.hmac(KEY, txObject) + "\"}";

        assertThat(gateway.parseWebhook(AirtelFixture.callback(body)).reportedStatus())
                .isEqualTo(ProviderStatus.FAILED);
    }

    @Test
    void hashBeforeTheTransactionIsCutOutOfTheRawBody() {
        String body = "{\"hash\":\"" + AirtelFixture.hmac(KEY, tx("TS") + "}") + "\","
                + tx("TS").substring(1) + "}";

        assertThat(gateway.parseWebhook(AirtelFixture.callback(body)).reportedStatus())
                .isEqualTo(ProviderStatus.SUCCEEDED);
    }

    @Test
    void nonPostAndGarbageAreMalformed() {
        var get = InboundRequest.builder("GET").body(tx("TS") + "}").build();
        assertThatThrownBy(() -> gateway.parseWebhook(get)).isInstanceOf(WebhookRejectedException.class)
                .extracting("reason").isEqualTo(Reason.MALFORMED);
        assertThatThrownBy(() -> gateway.parseWebhook(AirtelFixture.callback("not json")))
                .extracting("reason").isEqualTo(Reason.MALFORMED);
    }

    @Test
    void withoutCallbackAuthenticationAnUnhashedCallbackIsAHint() {
        var open = AirtelFixture.gateway(sim, b -> b, Clock.systemUTC());

        WebhookNotification n = open.parseWebhook(AirtelFixture.callback(
                "{\"transaction\":{\"id\":\"abc\",\"status_code\":\"TIP\",\"extra\":1},\"more\":[]}"));

        assertThat(n.reportedStatus()).isEqualTo(ProviderStatus.PENDING);
        assertThat(n.paymentReference()).isEqualTo("abc");
    }

    @Test
    void callbackClaimingSuccessForAPaymentTheEnquiryCallsFailedEndsFailed() {
        PaymentService service = PaymentService.builder()
                .config(PaymentConfig.builder().siteUrl("http://localhost:8080").build())
                .repository(new InMemoryPaymentRepository())
                .gateway(gateway)
                .clock(Clock.systemUTC())
                .build();
        Payment payment = service.initiate(TestPayments.checkout(PaymentMethod.AIRTEL_MONEY,
                "1500", "UGX").build()).payment();
        String id = payment.providerReference();
        sim.insufficientFunds(id);
        String unsigned = "{\"transaction\":{\"id\":\"" + id + "\",\"message\":\"Paid UGX 1500\","
                + "\"status_code\":\"TS\",\"airtel_money_id\":\"MP260301.0800.L99999\"}}";
        String lying = unsigned.substring(0, unsigned.length() - 1) + ",\"hash\":\""
                + AirtelFixture.hmac(KEY, unsigned) + "\"}";

        var result = service.handleWebhook(AirtelMoneyGateway.NAME, AirtelFixture.callback(lying));

        Payment after = result.payment().orElseThrow();
        assertThat(after.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(after.failureReason()).contains("DP00800001007");
        assertThat(service.find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.FAILED);
    }

    private void assertAuthentication(String body) {
        assertThatThrownBy(() -> gateway.parseWebhook(AirtelFixture.callback(body)))
                .isInstanceOf(WebhookRejectedException.class)
                .extracting("reason").isEqualTo(Reason.AUTHENTICATION);
    }

    private String initiatedAndApproved() {
        Payment p = AirtelFixture.payment();
        gateway.initiate(AirtelFixture.initiation(p));
        sim.approve(p.providerReference());
        return p.providerReference();
    }

    /** {@code {"transaction":{...}}} without the closing brace of the root object. */
    private static String tx(String status) {
        return "{\"transaction\":{\"id\":\"" + UUID.nameUUIDFromBytes(status.getBytes(StandardCharsets.UTF_8))
                + "\",\"message\":\"Paid UGX 1,500\",\"status_code\":\"" + status
                + "\",\"airtel_money_id\":\"MP210603.1234.L06941\"}";
    }
}
