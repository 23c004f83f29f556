package org.dusangire.payment.simulator.flutterwave;

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

/** A bare client speaking Flutterwave v3 to a running simulator, and a browser for its page. */
final class FlwClient extends JsonHttpClient {

    final FlutterwaveSimulator sim;

    FlwClient(FlutterwaveSimulator sim) {
        this.sim = sim;
    }

    static Map<String, Object> body(String txRef) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tx_ref", txRef);
        body.put("amount", 1500);
        body.put("currency", "UGX");
        body.put("redirect_url", "http://localhost:8080/payments/callback/");
        body.put("customer", Map.of("email", "patient@example.org", "name", "Test Patient",
                "phonenumber", "256772123456"));
        body.put("payment_options", "card, banktransfer");
        body.put("customizations", Map.of("title", "Kisenyi <Clinic>", "description", "Bill 42"));
        return body;
    }

    HttpResponse<String> create(Map<String, Object> body) {
        return create(body, sim.secretKey());
    }

    HttpResponse<String> create(Object body, String key) {
        return send(api("/payments").header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    /** Creates a link for a new tx_ref and returns the tx_ref. */
    String newLink() {
        String txRef = UUID.randomUUID().toString();
        HttpResponse<String> r = create(body(txRef));
        if (r.statusCode() != 200) {
            throw new AssertionError(r.body());
        }
        return txRef;
    }

    HttpResponse<String> get(String path) {
        return send(api(path).header("Authorization", "Bearer " + sim.secretKey()).GET());
    }

    HttpResponse<String> verify(long id) {
        return get("/transactions/" + id + "/verify");
    }

    HttpResponse<String> verifyByReference(String txRef) {
        return get("/transactions/verify_by_reference?tx_ref="
                + URLEncoder.encode(txRef, StandardCharsets.UTF_8));
    }

    HttpResponse<String> refund(long id, String body) {
        return send(api("/transactions/" + id + "/refund")
                .header("Authorization", "Bearer " + sim.secretKey())
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> page(URI link) {
        return send(HttpRequest.newBuilder(link).GET());
    }

    /** Posts the checkout form as a browser would; the answer is the 302 to redirect_url. */
    HttpResponse<String> choose(URI link, String action) {
        return send(HttpRequest.newBuilder(link)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("card_number=4187427415564246&action="
                        + URLEncoder.encode(action, StandardCharsets.UTF_8))));
    }

    HttpResponse<String> control(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(sim.baseUri() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    URI link(String txRef) {
        return sim.paymentLink(txRef).orElseThrow();
    }

    HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create(sim.apiBaseUri() + path)).timeout(Duration.ofSeconds(10));
    }

    /** Query parameters of a Location header. */
    static Map<String, String> query(String location) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = URI.create(location).getRawQuery();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
