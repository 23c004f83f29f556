package org.dusangire.payment.simulator.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlutterwavePaymentLinkTest {

    private final FlutterwaveSimulator sim = FlutterwaveSimulator.builder().build().start();
    private final FlwClient client = new FlwClient(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void createsAHostedLinkOnTheCheckoutHost() {
        var response = client.create(FlwClient.body("order-" + UUID.randomUUID()));

        assertThat(response.statusCode()).isEqualTo(200);
        var json = FlwClient.json(response);
        assertThat(json.get("status").asText()).isEqualTo("success");
        assertThat(json.get("message").asText()).isEqualTo("Hosted Link");
        assertThat(json.at("/data/link").asText())
                .startsWith(sim.checkoutBaseUri() + "/v3/hosted/pay/flwlnk-");
    }

    @Test
    void acceptsTheAmountAsANumericStringAndDefaultsTheCurrencyToNgn() {
        String txRef = UUID.randomUUID().toString();
        var body = FlwClient.body(txRef);
        body.put("amount", "99.50");
        body.remove("currency");

        assertThat(client.create(body).statusCode()).isEqualTo(200);
        assertThat(sim.amountDue(txRef)).contains("99.50 NGN");
    }

    @Test
    void aReusedTxRefGetsTheSameLinkAndKeepsTheFirstTerms() {
        String txRef = UUID.randomUUID().toString();
        var first = FlwClient.json(client.create(FlwClient.body(txRef)));
        var changed = FlwClient.body(txRef);
        changed.put("amount", 1);

        var second = FlwClient.json(client.create(changed));

        assertThat(second.at("/data/link").asText()).isEqualTo(first.at("/data/link").asText());
        assertThat(sim.amountDue(txRef)).contains("1500 UGX");
    }

    @Test
    void refusesAWrongOrMissingSecretKeyWith401() {
        var wrong = client.create(FlwClient.body("x"), "FLWSECK_TEST-wrong-X");
        var missing = client.send(client.api("/payments").POST(
                java.net.http.HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(FlwClient.json(wrong).get("status").asText()).isEqualTo("error");
        assertThat(FlwClient.json(wrong).get("data").isNull()).isTrue();
        assertThat(missing.statusCode()).isEqualTo(401);
    }

    @Test
    void validatesEachRequiredFieldInTheV3ErrorEnvelope() {
        Map<String, String> missing = Map.of("tx_ref", "tx_ref", "amount", "amount",
                "redirect_url", "redirect_url", "customer", "customer");
        missing.forEach((field, word) -> {
            var body = FlwClient.body(UUID.randomUUID().toString());
            body.remove(field);
            var response = client.create(body);
            assertThat(response.statusCode()).as(field).isEqualTo(400);
            var json = FlwClient.json(response);
            assertThat(json.get("status").asText()).isEqualTo("error");
            assertThat(json.get("message").asText()).contains(word);
            assertThat(json.get("data").isNull()).isTrue();
        });
    }

    @Test
    void refusesBadAmountsCurrenciesEmailsAndOptions() {
        var cases = Map.<String, Object>of("amount", "12abc", "currency", "XXXX",
                "redirect_url", "not a url", "payment_options", 7, "customizations", "title");
        cases.forEach((field, value) -> {
            var body = FlwClient.body(UUID.randomUUID().toString());
            body.put(field, value);
            assertThat(client.create(body).statusCode()).as(field).isEqualTo(400);
        });
        var body = FlwClient.body(UUID.randomUUID().toString());
        body.put("customer", Map.of("name", "No Email"));
        assertThat(client.create(body).statusCode()).isEqualTo(400);
        body.put("amount", -5);
        assertThat(client.create(body).statusCode()).isEqualTo(400);
        assertThat(client.create("not json", sim.secretKey()).statusCode()).isEqualTo(400);
    }

    @Test
    void autoPayPaysEveryNewLinkByCard() {
        sim.autoPay(true);
        String txRef = client.newLink();

        assertThat(sim.transactions(txRef)).singleElement()
                .satisfies(t -> assertThat(t.status()).isEqualTo("successful"));
    }
}
