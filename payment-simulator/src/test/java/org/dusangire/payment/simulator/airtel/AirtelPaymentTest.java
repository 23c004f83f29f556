package org.dusangire.payment.simulator.airtel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AirtelPaymentTest {

    private final AirtelMoneySimulator sim = AirtelMoneySimulator.builder()
            .unknownSubscribers(Set.of("700000001")).build().start();
    private final AirtelClient client = new AirtelClient(sim);
    private final String token = client.token();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void ussdPushIsAcceptedAsInProcess() {
        String id = UUID.randomUUID().toString();

        var response = client.pay(token, AirtelClient.body(id, "752604392", 1000));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = AirtelClient.json(response);
        assertThat(body.at("/status/response_code").asText()).isEqualTo("DP00800001006");
        assertThat(body.at("/status/result_code").asText()).isEqualTo("ESB000010");
        assertThat(body.at("/status/code").isTextual()).isTrue();
        assertThat(body.at("/status/success").asBoolean()).isTrue();
        assertThat(body.at("/data/transaction/id").asText()).isEqualTo(id);
        var state = sim.state(id).orElseThrow();
        assertThat(state.status()).isEqualTo(AirtelStatus.TIP);
        assertThat(state.amount()).isEqualByComparingTo("1000");
        assertThat(state.msisdn()).isEqualTo("752604392");
    }

    @Test
    void amountMayArriveAsANumericString() {
        String id = UUID.randomUUID().toString();

        assertThat(client.pay(token, AirtelClient.body(id, "752604392", "100")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void reusedTransactionIdIsRefusedWithEsb000041() {
        String id = client.newPayment(token);

        var again = client.pay(token, AirtelClient.body(id, "752604392", 1500));

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(AirtelClient.json(again).at("/status/result_code").asText()).isEqualTo("ESB000041");
        assertThat(AirtelClient.json(again).at("/status/success").asBoolean()).isFalse();
    }

    @Test
    void msisdnWithLeadingZeroOrCountryCodeIsRefusedAsAirtelDoes() {
        assertThat(code(AirtelClient.body(id(), "0752604392", 1000))).isEqualTo("ESB000036");
        assertThat(code(AirtelClient.body(id(), "256752604392", 1000))).isEqualTo("ESB000036");
        assertThat(code(AirtelClient.body(id(), "+256752604392", 1000))).isEqualTo("ESB000036");
        assertThat(code(AirtelClient.body(id(), "75260439", 1000))).isEqualTo("ESB000033");
    }

    @Test
    void invalidAmountsAreRefusedWithDp00800001004() {
        for (Object amount : new Object[] {0, -5, new BigDecimal("10.5"), "abc"}) {
            var response = client.pay(token, AirtelClient.body(id(), "752604392", amount));
            assertThat(response.statusCode()).as("amount %s", amount).isEqualTo(400);
            assertThat(AirtelClient.json(response).at("/status/response_code").asText())
                    .isEqualTo("DP00800001004");
        }
    }

    @Test
    void wholeAmountWithZeroDecimalsIsAccepted() {
        assertThat(client.pay(token, AirtelClient.body(id(), "752604392", new BigDecimal("1500.00")))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void unknownSubscriberIsMsisdnNotFound() {
        var response = client.pay(token, AirtelClient.body(id(), "700000001", 1000));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(AirtelClient.json(response).at("/status/response_code").asText())
                .isEqualTo("DP00800001005");
        assertThat(AirtelClient.json(response).at("/status/message").asText())
                .isEqualTo("Msisdn Not Found");
    }

    @Test
    void countryAndCurrencyMustMatchTheApplication() {
        Map<String, Object> wrongCurrency = AirtelClient.body(id(), "752604392", 1000);
        wrongCurrency.put("transaction", Map.of("amount", 1000, "country", "UG",
                "currency", "KES", "id", id()));
        assertThat(code(wrongCurrency)).isEqualTo("ESB000035");

        var wrongHeader = client.send(HttpRequest.newBuilder(client.uri("/merchant/v1/payments/"))
                .header("Authorization", "Bearer " + token).header("X-Country", "KE")
                .header("X-Currency", "UGX").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(AirtelClient.write(
                        AirtelClient.body(id(), "752604392", 1000)))));
        assertThat(wrongHeader.statusCode()).isEqualTo(400);
        assertThat(AirtelClient.json(wrongHeader).at("/status/result_code").asText())
                .isEqualTo("ROUTER006");

        var noHeaders = client.send(HttpRequest.newBuilder(client.uri("/merchant/v1/payments/"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(AirtelClient.write(
                        AirtelClient.body(id(), "752604392", 1000)))));
        assertThat(AirtelClient.json(noHeaders).at("/status/result_code").asText())
                .isEqualTo("ROUTER003");
    }

    @Test
    void missingTransactionIdOrReferenceIsAMissingField() {
        Map<String, Object> noId = AirtelClient.body(id(), "752604392", 1000);
        noId.put("transaction", Map.of("amount", 1000, "country", "UG", "currency", "UGX"));
        assertThat(code(noId)).isEqualTo("ROUTER003");

        Map<String, Object> shortReference = AirtelClient.body(id(), "752604392", 1000);
        shortReference.put("reference", "abc");
        assertThat(code(shortReference)).isEqualTo("ROUTER003");
    }

    @Test
    void thePaymentPathNeedsItsTrailingSlash() {
        var response = client.post("/merchant/v1/payments", token, AirtelClient.write(
                AirtelClient.body(id(), "752604392", 1000)).getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    private String code(Map<String, Object> body) {
        HttpResponse<String> response = client.pay(token, body);
        assertThat(response.statusCode()).isEqualTo(400);
        return AirtelClient.json(response).at("/status/result_code").asText();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
