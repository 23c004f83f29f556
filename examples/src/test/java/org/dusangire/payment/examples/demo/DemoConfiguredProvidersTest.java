package org.dusangire.payment.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentConfigurationException.Problem;
import org.dusangire.payment.simulator.mpesa.MpesaSimulator;
import org.junit.jupiter.api.Test;

/**
 * The demo with {@code PAYMENT_ENVIRONMENT} set: gateways come from the {@code MPESA_*}
 * variables, as they would for Daraja's sandbox, and no simulator of the demo's own runs. An
 * {@link MpesaSimulator} stands in for Daraja at {@code MPESA_BASE_URL}, so nothing leaves
 * loopback.
 */
class DemoConfiguredProvidersTest {
    private static final String TOKEN = "configured-test-cashier-token";
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theMpesaVariablesPutMpesaInShillingsOnThePageAndDarajasCallbackSettlesIt() throws Exception {
        try (MpesaSimulator daraja = MpesaSimulator.builder().build().start()) {
            int port = freePort();
            Map<String, String> env = new HashMap<>(daraja.environment());
            env.put("PAYMENT_ENVIRONMENT", "sandbox");
            env.put("SITE_URL", "http://localhost:" + port);
            env.put(CashierToken.VARIABLE, TOKEN);
            try (DemoServer demo = DemoServer.start(env, port)) {
                JsonNode mode = get(demo, "/api/mode");
                assertThat(mode.get("simulated").asBoolean()).isFalse();
                assertThat(mode.get("methods").findValuesAsText("method"))
                        .containsExactlyInAnyOrder("MPESA", "CASH_ON_DELIVERY");
                JsonNode mpesa = mode.get("methods").findParents("method").stream()
                        .filter(m -> m.get("method").asText().equals("MPESA")).findFirst().orElseThrow();
                assertThat(mpesa.get("currencies").toString()).isEqualTo("[\"KES\"]");

                HttpResponse<String> created = post(demo, "/api/payments", "{\"orderReference\":\"BILL-KE\","
                        + "\"amount\":\"250\",\"currency\":\"KES\",\"method\":\"MPESA\","
                        + "\"phone\":\"+254 712 000404\"}");
                assertThat(created.statusCode()).isEqualTo(201);
                JsonNode p = mapper.readTree(created.body());
                assertThat(p.get("gateway").asText()).isEqualTo("mpesa");
                // no simulated phone when the providers are real (no /simulator route: the page's
                // servlet refuses the POST): the customer answers on their own phone
                assertThat(post(demo, "/simulator/mpesa/payments/" + p.get("id").asText() + "/approve", "")
                        .statusCode()).isEqualTo(405);
                assertThat(get(demo, "/api/payments/" + p.get("id").asText()).get("status").asText())
                        .isEqualTo("PENDING");

                assertThat(daraja.approve(p.get("providerReference").asText())).isTrue();

                JsonNode paid = awaitStatus(demo, p.get("id").asText(), "SUCCEEDED");
                assertThat(paid.get("status").asText()).isEqualTo("SUCCEEDED");
                // settled by Daraja's callback to SITE_URL, not by a reconciliation pass
                assertThat(paid.get("history").get(1).get("trigger").asText()).isEqualTo("WEBHOOK");
            }
        }
    }

    @Test
    void anIncompleteMpesaConfigurationStopsTheDemoNamingEachVariableButNoSecret() throws Exception {
        int port = freePort();
        Map<String, String> env = Map.of("PAYMENT_ENVIRONMENT", "sandbox",
                "SITE_URL", "http://localhost:" + port, CashierToken.VARIABLE, TOKEN,
                "MPESA_CONSUMER_KEY", "consumer-key-that-must-stay-secret",
                "MPESA_SHORTCODE", "12");

        assertThatThrownBy(() -> DemoServer.start(env, port))
                .isInstanceOfSatisfying(PaymentConfigurationException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::variable).contains(
                            "MPESA_CONSUMER_SECRET", "MPESA_SHORTCODE", "MPESA_PASSKEY");
                    assertThat(e.getMessage()).doesNotContain("consumer-key-that-must-stay-secret");
                });
        // refused before the demo kept anything: the port is free again
        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static HttpResponse<String> post(DemoServer demo, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(demo.baseUri().resolve(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(DemoServer demo, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(demo.baseUri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return mapper.readTree(r.body());
    }

    private static JsonNode awaitStatus(DemoServer demo, String id, String status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode p = get(demo, "/api/payments/" + id);
        while (!p.get("status").asText().equals(status) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            p = get(demo, "/api/payments/" + id);
        }
        return p;
    }
}
