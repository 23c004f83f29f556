package org.dusangire.payment.simulator.airtel;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.dusangire.payment.simulator.testsupport.JsonHttpClient;

/** A bare HTTP client speaking Airtel's wire format to a running simulator, for tests. */
final class AirtelClient extends JsonHttpClient {

    final AirtelMoneySimulator sim;

    AirtelClient(AirtelMoneySimulator sim) {
        this.sim = sim;
    }

    HttpResponse<String> token(String clientId, String secret) {
        return post("/auth/oauth2/token", null, write(Map.of("client_id", clientId,
                "client_secret", secret, "grant_type", "client_credentials")).getBytes(
                StandardCharsets.UTF_8), Map.of());
    }

    String token() {
        return json(token(sim.clientId(), sim.clientSecret())).get("access_token").asText();
    }

    static Map<String, Object> body(String id, String msisdn, Object amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", "Order 8812");
        body.put("subscriber", Map.of("country", "UG", "currency", "UGX", "msisdn", msisdn));
        body.put("transaction", Map.of("amount", amount, "country", "UG", "currency", "UGX",
                "id", id));
        return body;
    }

    HttpResponse<String> pay(String token, Object body) {
        return post("/merchant/v1/payments/", token, write(body).getBytes(StandardCharsets.UTF_8),
                Map.of());
    }

    /** Initiates a 1,500 UGX payment and returns its id. */
    String newPayment(String token) {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> r = pay(token, body(id, "752604392", 1500));
        if (r.statusCode() != 200) {
            throw new AssertionError("expected 200, got " + r.statusCode() + " " + r.body());
        }
        return id;
    }

    HttpResponse<String> enquiry(String token, String id) {
        return send(api(HttpRequest.newBuilder(uri("/standard/v1/payments/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"))), token).GET());
    }

    HttpResponse<String> post(String path, String token, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            api(b, token);
        }
        headers.forEach(b::header);
        return send(b);
    }

    HttpRequest.Builder api(HttpRequest.Builder b, String token) {
        return b.timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .header("X-Country", sim.country()).header("X-Currency", sim.currency())
                .header("Accept", "*/*");
    }

    URI uri(String path) {
        return sim.baseUri().resolve(path);
    }
}
