package org.dusangire.payment.simulator.mtn;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MtnHttpControlTest {

    private final MtnMomoSimulator sim = MtnMomoSimulator.builder().build().start();
    private final MtnClient client = new MtnClient(sim);
    private final String token = client.collectionToken();

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> control(String method, String path, String body) {
        return client.send(HttpRequest.newBuilder(client.uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void phoneActionsOverHttpDecideTheOutcome() {
        String approved = client.newPayment(token, "256772123456");
        String declined = client.newPayment(token, "256772123456");
        String expired = client.newPayment(token, "256772123456");
        String broke = client.newPayment(token, "256772123456");

        assertThat(control("POST", "/_sim/payments/" + approved + "/approve", null).statusCode())
                .isEqualTo(200);
        assertThat(control("POST", "/_sim/payments/" + declined + "/decline", null).statusCode())
                .isEqualTo(200);
        assertThat(control("POST", "/_sim/payments/" + expired + "/expire", null).statusCode())
                .isEqualTo(200);
        assertThat(control("POST", "/_sim/payments/" + broke
                + "/insufficient-funds?reason=INTERNAL_PROCESSING_ERROR", null).statusCode())
                .isEqualTo(200);

        assertThat(MtnClient.json(client.status(token, approved)).get("status").asText())
                .isEqualTo("SUCCESSFUL");
        assertThat(MtnClient.json(client.status(token, declined)).get("reason").asText())
                .isEqualTo("APPROVAL_REJECTED");
        assertThat(MtnClient.json(client.status(token, expired)).get("reason").asText())
                .isEqualTo("EXPIRED");
        assertThat(MtnClient.json(client.status(token, broke)).get("reason").asText())
                .isEqualTo("INTERNAL_PROCESSING_ERROR");
        assertThat(control("POST", "/_sim/payments/" + approved + "/decline", null).statusCode())
                .isEqualTo(409);
    }

    @Test
    void simulatorViewOfAPayment() {
        String ref = client.newPayment(token, "256772123456");

        var view = control("GET", "/_sim/payments/" + ref, null);

        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(MtnClient.json(view).get("status").asText()).isEqualTo("PENDING");
        assertThat(MtnClient.json(view).get("reference").asText()).isEqualTo(ref);
        assertThat(control("GET", "/_sim/payments/" + java.util.UUID.randomUUID(), null)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void faultsAddedAndClearedOverHttp() {
        String ref = client.newPayment(token, "256772123456");
        var added = control("POST", "/_sim/faults",
                "{\"endpoint\":\"REQUEST_TO_PAY_STATUS\",\"kind\":\"HTTP_503\",\"times\":1}");
        assertThat(added.statusCode()).isEqualTo(201);

        assertThat(client.status(token, ref).statusCode()).isEqualTo(503);
        assertThat(client.status(token, ref).statusCode()).isEqualTo(200);
        var described = MtnClient.json(control("GET", "/_sim/faults", null));
        assertThat(described.at("/injected/HTTP_503").asInt()).isEqualTo(1);

        control("POST", "/_sim/faults", "{\"kind\":\"HTTP_500\"}");
        assertThat(client.status(token, ref).statusCode()).isEqualTo(500);
        assertThat(control("DELETE", "/_sim/faults", null).statusCode()).isEqualTo(204);
        assertThat(client.status(token, ref).statusCode()).isEqualTo(200);
        assertThat(control("POST", "/_sim/faults", "{\"kind\":\"NOPE\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void journalCountsRequestsPerEndpoint() {
        client.newPayment(token, "256772123456");

        var journal = MtnClient.json(control("GET", "/_sim/journal", null));

        assertThat(journal.at("/requests/REQUEST_TO_PAY").asInt()).isEqualTo(1);
        assertThat(journal.at("/requests/COLLECTION_TOKEN").asInt()).isEqualTo(1);
        assertThat(sim.journal().entries(MtnEndpoint.REQUEST_TO_PAY.name()).get(0)
                .header("authorization")).isEqualTo("Bearer ***");
    }
}
