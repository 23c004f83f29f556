package org.dusangire.payment.simulator.airtel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AirtelHttpControlTest {

    private final AirtelMoneySimulator sim = AirtelMoneySimulator.builder().build().start();
    private final AirtelClient client = new AirtelClient(sim);
    private final String token = client.token();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void eachPayerAnswerHasARoute() {
        Map<String, String> expected = Map.of("approve", "TS", "decline", "TF", "wrong-pin", "TF",
                "insufficient-funds", "TF", "time-out", "TF", "expire", "TE", "ambiguous", "TA",
                "fail?code=DP00800001009", "TF");
        expected.forEach((action, status) -> {
            String id = client.newPayment(token);
            var response = control("/_sim/payments/" + id + "/" + action);
            assertThat(response.statusCode()).as(action).isEqualTo(200);
            assertThat(AirtelClient.json(response).get("status").asText()).as(action)
                    .isEqualTo(status);
        });
    }

    @Test
    void finalPaymentAnswers409AndUnknownAnswers404() {
        String id = client.newPayment(token);
        control("/_sim/payments/" + id + "/approve");

        assertThat(control("/_sim/payments/" + id + "/decline").statusCode()).isEqualTo(409);
        assertThat(control("/_sim/payments/nope/approve").statusCode()).isEqualTo(404);
        var state = client.send(HttpRequest.newBuilder(client.uri("/_sim/payments/" + id)).GET());
        assertThat(AirtelClient.json(state).get("airtel_money_id").asText()).startsWith("MP");
    }

    @Test
    void tokenCountAndAutoApproveAreControllable() {
        var tokens = client.send(HttpRequest.newBuilder(client.uri("/_sim/tokens")).GET());
        assertThat(AirtelClient.json(tokens).get("requests").asInt()).isEqualTo(1);

        assertThat(control("/_sim/auto-approve?enabled=true").statusCode()).isEqualTo(204);
        String id = client.newPayment(token);

        assertThat(sim.state(id).orElseThrow().status()).isEqualTo(AirtelStatus.TS);
    }

    @Test
    void callbackUrlCanBeChangedAtRunTime() {
        var response = client.send(HttpRequest.newBuilder(client.uri("/_sim/callback-url"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"http://localhost:1/cb\"}",
                        StandardCharsets.UTF_8)));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(sim.callbackUrl()).isEqualTo("http://localhost:1/cb");
    }

    @Test
    void faultsAreInjectedPerEndpointOverHttp() {
        var added = client.send(HttpRequest.newBuilder(client.uri("/_sim/faults"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"endpoint\":\"ENQUIRY\",\"kind\":\"HTTP_503\",\"times\":1}")));
        assertThat(added.statusCode()).isEqualTo(201);
        String id = client.newPayment(token);

        assertThat(client.enquiry(token, id).statusCode()).isEqualTo(503);
        assertThat(client.enquiry(token, id).statusCode()).isEqualTo(200);
        var journal = client.send(HttpRequest.newBuilder(client.uri("/_sim/journal")).GET());
        assertThat(AirtelClient.json(journal).at("/requests/ENQUIRY").asInt()).isEqualTo(2);
    }

    private java.net.http.HttpResponse<String> control(String path) {
        return client.send(HttpRequest.newBuilder(client.uri(path))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }
}
