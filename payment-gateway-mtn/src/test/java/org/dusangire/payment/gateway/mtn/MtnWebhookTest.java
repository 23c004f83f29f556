package org.dusangire.payment.gateway.mtn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.UUID;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.error.WebhookRejectedException.Reason;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.WebhookNotification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing MTN callbacks needs no network: MTN signs nothing, the core checks the token. */
class MtnWebhookTest {
    private static final String ID = UUID.randomUUID().toString();
    private static final String TOKEN = "Q2hhbmdlTWVfMjRfYnl0ZXNfb2tfMTIz";
    private final MtnMomoGateway gateway = new MtnMomoGateway(MtnMomoConfig.builder()
            .apiUser(Secret.of("00000000-1111-4222-8333-444444444444")).apiKey(Secret.of("key")).subscriptionKey(Secret.of("sub"))
            .baseUrl(URI.create("http://127.0.0.1:9")).build());

    private static InboundRequest callback(String method, String path, String body) {
        return InboundRequest.builder(method).path(path).body(body).build();
    }

    private WebhookNotification parse(String body) {
        return gateway.parseWebhook(callback("PUT", ID + "/" + TOKEN, body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "POST"})
    void successCallbackByPutOrPostNamesThePaymentAndHandsOverTheToken(String method) {
        WebhookNotification n = gateway.parseWebhook(callback(method, "/" + ID + "/" + TOKEN + "/",
                "{\"financialTransactionId\":\"1806336820\",\"externalId\":\"" + ID + "\",\"amount\":\"1500\","
                        + "\"currency\":\"UGX\",\"payer\":{\"partyIdType\":\"MSISDN\",\"partyId\":\"256772123456\"},"
                        + "\"status\":\"SUCCESSFUL\",\"unexpected\":[1,2,3]}"));

        assertThat(n.paymentReference()).isEqualTo(ID);
        assertThat(n.callbackToken()).isEqualTo(TOKEN);
        assertThat(n.reportedStatus()).isEqualTo(ProviderStatus.SUCCEEDED);
        assertThat(n.providerTransactionId()).isEqualTo("1806336820");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"status\":\"FAILED\",\"reason\":\"APPROVAL_REJECTED\"}|FAILED",
        "{\"status\":\"FAILED\",\"reason\":{\"code\":\"APPROVAL_REJECTED\",\"message\":\"declined\"}}|FAILED",
        "{\"status\":\"FAILED\",\"reason\":\"EXPIRED\"}|EXPIRED",
        "{\"status\":\"FAILED\",\"reason\":\"TRANSACTION_CANCELED.\"}|CANCELLED",
        "{\"status\":\"FAILED\"}|FAILED",
        "{\"status\":\"PENDING\"}|PENDING",
        "{\"status\":\"REVERSED\"}|UNKNOWN",
        "{\"status\":42}|UNKNOWN",
        "{}|UNKNOWN"})
    void reportedStatusIsMappedLeniently(String body, ProviderStatus expected) {
        assertThat(parse(body).reportedStatus()).isEqualTo(expected);
    }

    @Test
    void theSameDeliveryHasTheSameKeyAndADifferentOutcomeAnother() {
        String success = "{\"status\":\"SUCCESSFUL\",\"financialTransactionId\":\"77\"}";
        assertThat(parse(success).eventKey()).isEqualTo(parse(success).eventKey());
        assertThat(parse(success).eventKey()).isNotEqualTo(parse("{\"status\":\"FAILED\",\"reason\":\"EXPIRED\"}").eventKey());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|MALFORMED",
        "not-a-uuid/" + TOKEN + "|MALFORMED",
        "ID|AUTHENTICATION",
        "ID/short|AUTHENTICATION",
        "ID/bad token with spaces and more|AUTHENTICATION",
        "ID/" + TOKEN + "/extra|MALFORMED"})
    void oddPathsAreRejected(String path, Reason reason) {
        InboundRequest request = callback("PUT", path.replace("ID", ID), "{\"status\":\"SUCCESSFUL\"}");
        assertThatThrownBy(() -> gateway.parseWebhook(request))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"status\": [unterminated", "[1,2]", "\"SUCCESSFUL\"", "<html/>"})
    void bodiesThatAreNotAJsonObjectAreMalformed(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(WebhookRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void deeplyNestedBodyIsMalformedNotACrash() {
        assertThatThrownBy(() -> parse("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)))
                .isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void otherMethodsAreRejected() {
        assertThatThrownBy(() -> gateway.parseWebhook(callback("GET", ID + "/" + TOKEN, "{}")))
                .isInstanceOf(WebhookRejectedException.class);
    }
}
