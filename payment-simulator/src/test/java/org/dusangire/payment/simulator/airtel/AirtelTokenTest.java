package org.dusangire.payment.simulator.airtel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.dusangire.payment.simulator.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AirtelTokenTest {

    private final MutableClock clock = new MutableClock();
    private final AirtelMoneySimulator sim = AirtelMoneySimulator.builder().clock(clock).build().start();
    private final AirtelClient client = new AirtelClient(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void issuesAShortLivedBearerTokenWithExpiresInAsAString() {
        var response = client.token(sim.clientId(), sim.clientSecret());

        assertThat(response.statusCode()).isEqualTo(200);
        var body = AirtelClient.json(response);
        assertThat(body.get("access_token").asText()).isNotBlank();
        assertThat(body.get("token_type").asText()).isEqualTo("bearer");
        assertThat(body.get("expires_in").isTextual()).isTrue();
        assertThat(body.get("expires_in").asText()).isEqualTo("180");
        assertThat(sim.tokenRequests()).isEqualTo(1);
    }

    @Test
    void expiresInCanBeANumber() {
        try (var numeric = AirtelMoneySimulator.builder().expiresInAsString(false).build().start()) {
            var body = AirtelClient.json(new AirtelClient(numeric).token(numeric.clientId(),
                    numeric.clientSecret()));
            assertThat(body.get("expires_in").isNumber()).isTrue();
        }
    }

    @Test
    void wrongCredentialsAreAnOAuthError() {
        var response = client.token(sim.clientId(), "wrong");

        assertThat(response.statusCode()).isEqualTo(401);
        var body = AirtelClient.json(response);
        assertThat(body.get("error").asText()).isEqualTo("invalid_client");
        assertThat(body.get("error_description").asText()).isNotBlank();
    }

    @Test
    void formEncodedBodyIsRefusedBecauseAirtelWantsJson() {
        var response = client.post("/auth/oauth2/token", null,
                ("client_id=" + sim.clientId() + "&client_secret=" + sim.clientSecret()
                        + "&grant_type=client_credentials").getBytes(StandardCharsets.UTF_8),
                Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(AirtelClient.json(response).get("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void tokenExpiresAfterThreeMinutesOfTheInjectedClock() {
        String token = client.token();
        String id = client.newPayment(token);
        clock.advance(Duration.ofSeconds(179));
        assertThat(client.enquiry(token, id).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(1));

        var expired = client.enquiry(token, id);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(AirtelClient.json(expired).get("error").asText()).isEqualTo("invalid_token");
        assertThat(client.enquiry("made-up", id).statusCode()).isEqualTo(401);
    }
}
