package org.dusangire.payment.simulator.mpesa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.dusangire.payment.simulator.testsupport.JsonHttpClient;
import org.dusangire.payment.simulator.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MpesaTokenAndPushTest {
    private static final String CALLBACK = "https://clinic.example/payments/webhooks/mpesa/x/y";

    private final MutableClock clock = new MutableClock();
    private final MpesaSimulator sim = MpesaSimulator.builder().clock(clock).build().start();
    private final DarajaClient client = new DarajaClient(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void tokenCarriesExpiresInAsAStringAsDarajaSendsIt() {
        JsonNode token = JsonHttpClient.json(client.tokenResponse(sim.consumerKey(),
                sim.consumerSecret(), "client_credentials"));

        assertThat(token.get("access_token").asText()).matches("[A-Za-z0-9]{28}");
        assertThat(token.get("expires_in").isTextual()).isTrue();
        assertThat(token.get("expires_in").asText()).isEqualTo("3599");
    }

    @Test
    void tokenCanCarryExpiresInAsANumber() {
        try (MpesaSimulator numeric = MpesaSimulator.builder().expiresIn(ValueFormat.NUMBER)
                .build().start()) {
            JsonNode token = JsonHttpClient.json(new DarajaClient(numeric).tokenResponse(
                    numeric.consumerKey(), numeric.consumerSecret(), "client_credentials"));

            assertThat(token.get("expires_in").isNumber()).isTrue();
            assertThat(token.get("expires_in").asLong()).isEqualTo(3599);
        }
    }

    @Test
    void wrongCredentialsOrGrantTypeAreRefusedInDarajasEnvelope() {
        HttpResponse<String> wrongSecret = client.tokenResponse(sim.consumerKey(), "nope",
                "client_credentials");
        HttpResponse<String> wrongGrant = client.tokenResponse(sim.consumerKey(),
                sim.consumerSecret(), "password");

        assertThat(wrongSecret.statusCode()).isEqualTo(400);
        assertThat(DarajaClient.error(wrongSecret).get("errorCode").asText()).isEqualTo("400.008.01");
        assertThat(wrongGrant.statusCode()).isEqualTo(400);
        assertThat(DarajaClient.error(wrongGrant).get("errorCode").asText()).isEqualTo("400.008.02");
        assertThat(sim.tokenRequests()).isEqualTo(2);
    }

    @Test
    void anExpiredOrUnknownTokenIsInvalidAccessToken() {
        String token = client.token();
        clock.advance(Duration.ofHours(1));

        HttpResponse<String> expired = client.push(token,
                client.pushBody("254708374149", 100, CALLBACK));
        HttpResponse<String> unknown = client.push("made-up", client.pushBody("254708374149", 100,
                CALLBACK));

        for (HttpResponse<String> r : java.util.List.of(expired, unknown)) {
            assertThat(r.statusCode()).isEqualTo(404);
            JsonNode error = DarajaClient.error(r);
            assertThat(error.get("errorCode").asText()).isEqualTo("404.001.03");
            assertThat(error.get("errorMessage").asText()).isEqualTo("Invalid Access Token");
            assertThat(error.get("requestId").asText()).isNotBlank();
        }
        assertThat(sim.pushes()).isEmpty();
    }

    @Test
    void anAcceptedPushNamesDarajasOwnIdentifiers() {
        HttpResponse<String> r = client.push(client.token(),
                client.pushBody("254708374149", 100, CALLBACK));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JsonHttpClient.json(r);
        assertThat(body.get("ResponseCode").asText()).isEqualTo("0");
        assertThat(body.get("ResponseDescription").asText()).startsWith("Success");
        assertThat(body.get("CustomerMessage").asText()).isNotBlank();
        assertThat(body.get("MerchantRequestID").asText()).matches("\\d+-\\d+-1");
        String checkout = body.get("CheckoutRequestID").asText();
        assertThat(checkout).matches("ws_CO_\\d{20,}");
        assertThat(sim.state(checkout)).hasValueSatisfying(s -> {
            assertThat(s.isFinal()).isFalse();
            assertThat(s.amount()).isEqualByComparingTo("100");
            assertThat(s.accountReference()).isEqualTo("INV-1042");
        });
    }

    @Test
    void theSameBodyTwiceIsTwoPushesNeverDeduplicated() {
        try (MpesaSimulator unlocked = MpesaSimulator.builder().lockSubscriber(false).build().start()) {
            DarajaClient c = new DarajaClient(unlocked);
            String token = c.token();
            Map<String, Object> body = c.pushBody("254708374149", "100", CALLBACK);

            String first = JsonHttpClient.json(c.push(token, body)).get("CheckoutRequestID").asText();
            String second = JsonHttpClient.json(c.push(token, body)).get("CheckoutRequestID").asText();

            assertThat(first).isNotEqualTo(second);
            assertThat(unlocked.pushesTo("254708374149")).hasSize(2);
        }
    }

    @Test
    void aSecondPushWhileTheFirstIsUnansweredFindsTheSubscriberLocked() {
        String token = client.token();
        String first = client.pushed(token, "254708374149", CALLBACK);

        HttpResponse<String> locked = client.push(token, client.pushBody("254708374149", 100, CALLBACK));
        sim.approve(first);
        HttpResponse<String> after = client.push(token, client.pushBody("254708374149", 100, CALLBACK));

        assertThat(locked.statusCode()).isEqualTo(500);
        assertThat(DarajaClient.error(locked).get("errorCode").asText()).isEqualTo("500.001.1001");
        assertThat(DarajaClient.error(locked).get("errorMessage").asText())
                .contains("Unable to lock subscriber");
        assertThat(after.statusCode()).isEqualTo(200);
    }

    static Stream<Arguments> badPushes() {
        return Stream.of(
                bad("fractional amount", b -> b.put("Amount", 10.5), 400, "400.002.02", "Amount"),
                bad("zero amount", b -> b.put("Amount", 0), 400, "400.002.02", "Amount"),
                bad("amount not a number", b -> b.put("Amount", "ten"), 400, "400.002.02", "Amount"),
                bad("local phone", b -> b.put("PhoneNumber", "0708374149"), 400, "400.002.02", "PhoneNumber"),
                bad("Ugandan phone", b -> b.put("PartyA", "256772123456"), 400, "400.002.02", "PartyA"),
                bad("other party B", b -> b.put("PartyB", "600000"), 400, "400.002.02", "PartyB"),
                bad("unknown type", b -> b.put("TransactionType", "CustomerPay"), 400, "400.002.02", "TransactionType"),
                bad("13-character reference", b -> b.put("AccountReference", "ABCDEFGHIJKLM"), 400, "400.002.02", "AccountReference"),
                bad("long description", b -> b.put("TransactionDesc", "Payment of the clinic bill"), 400, "400.002.02", "TransactionDesc"),
                bad("no callback", b -> b.remove("CallBackURL"), 400, "400.002.02", "CallBackURL"),
                bad("bad timestamp", b -> b.put("Timestamp", "20241332250000"), 400, "400.002.02", "Timestamp"),
                bad("wrong password", b -> b.put("Password", "bm9wZQ=="), 500, "500.001.1001", "Wrong credentials"),
                bad("other short code", b -> b.put("BusinessShortCode", "600000"), 500, "500.001.1001", "Merchant does not exist"));
    }

    private static Arguments bad(String name, Consumer<Map<String, Object>> change, int status,
                                 String code, String message) {
        return Arguments.of(name, change, status, code, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPushes")
    void aBadPushIsRefusedInDarajasEnvelopeAndPromptsNobody(String name,
            Consumer<Map<String, Object>> change, int status, String code, String message) {
        Map<String, Object> body = client.pushBody("254708374149", 100, CALLBACK);
        change.accept(body);

        HttpResponse<String> r = client.push(client.token(), body);

        assertThat(r.statusCode()).isEqualTo(status);
        JsonNode error = DarajaClient.error(r);
        assertThat(error.get("errorCode").asText()).isEqualTo(code);
        assertThat(error.get("errorMessage").asText()).contains(message);
        assertThat(sim.pushes()).isEmpty();
    }

    @Test
    void amountAndShortCodeAreAcceptedAsNumbersOrStrings() {
        Map<String, Object> body = client.pushBody("254110123456", "250", CALLBACK);
        body.put("BusinessShortCode", Integer.parseInt(sim.shortcode()));
        body.put("PartyB", Integer.parseInt(sim.partyB()));

        HttpResponse<String> r = client.push(client.token(), body);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sim.pushesTo("254110123456")).singleElement()
                .satisfies(p -> assertThat(p.amount()).isEqualByComparingTo("250"));
    }

    @Test
    void aTillReceivesBuyGoodsPushes() {
        try (MpesaSimulator till = MpesaSimulator.builder().tillNumber("5432109").build().start()) {
            DarajaClient c = new DarajaClient(till);

            HttpResponse<String> r = c.push(c.token(), c.pushBody("254708374149", 100, CALLBACK));

            assertThat(till.transactionType()).isEqualTo("CustomerBuyGoodsOnline");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(till.environment()).containsEntry("MPESA_PARTY_B", "5432109")
                    .containsEntry("MPESA_TRANSACTION_TYPE", "CustomerBuyGoodsOnline");
        }
    }
}
