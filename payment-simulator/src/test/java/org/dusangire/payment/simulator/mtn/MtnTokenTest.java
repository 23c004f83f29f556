package org.dusangire.payment.simulator.mtn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.dusangire.payment.simulator.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MtnTokenTest {

    private final MutableClock clock = new MutableClock();
    private final MtnMomoSimulator sim = MtnMomoSimulator.builder().clock(clock).build().start();
    private final MtnClient client = new MtnClient(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void issuesAnAccessTokenForGoodCredentials() {
        var response = client.token("collection", sim.collectionSubscriptionKey(), sim.apiUser(),
                sim.apiKey());

        assertThat(response.statusCode()).isEqualTo(200);
        var body = MtnClient.json(response);
        assertThat(body.get("access_token").asText()).isNotBlank();
        assertThat(body.get("token_type").asText()).isEqualTo("access_token");
        assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(sim.tokenRequests()).isEqualTo(1);
    }

    @Test
    void wrongSubscriptionKeyIsAnApimStyle401() {
        var response = client.token("collection", "nope", sim.apiUser(), sim.apiKey());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(MtnClient.json(response).get("statusCode").asInt()).isEqualTo(401);
    }

    @Test
    void wrongCredentialsAre500LoginFailed() {
        var response = client.token("collection", sim.collectionSubscriptionKey(), sim.apiUser(),
                "wrong-key");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"error\":\"login_failed\"}");
    }

    @Test
    void tokenExpiresByTheInjectedClock() {
        String token = client.collectionToken();
        String ref = client.newPayment(token, "256772123456");
        assertThat(client.status(token, ref).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(3600));

        assertThat(client.status(token, ref).statusCode()).isEqualTo(401);
        assertThat(client.status("made-up", ref).statusCode()).isEqualTo(401);
    }

    @Test
    void collectionTokenDoesNotOpenDisbursement() {
        String token = client.collectionToken();
        var response = client.send(java.net.http.HttpRequest.newBuilder(
                        client.uri("/disbursement/v1_0/refund/" + java.util.UUID.randomUUID()))
                .header("Authorization", "Bearer " + token)
                .header("X-Target-Environment", "sandbox")
                .header("Ocp-Apim-Subscription-Key", sim.disbursementSubscriptionKey()).GET());

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
