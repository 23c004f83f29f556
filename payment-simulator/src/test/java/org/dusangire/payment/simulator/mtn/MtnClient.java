package org.dusangire.payment.simulator.mtn;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.dusangire.payment.simulator.testsupport.JsonHttpClient;

/** A bare HTTP client speaking MTN's wire format to a running simulator, for tests. */
final class MtnClient extends JsonHttpClient {

    final MtnMomoSimulator sim;

    MtnClient(MtnMomoSimulator sim) {
        this.sim = sim;
    }

    HttpResponse<String> token(String product, String key, String user, String apiKey) {
        String basic = Base64.getEncoder().encodeToString(
                (user + ":" + apiKey).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri("/" + product + "/token/"))
                .header("Authorization", "Basic " + basic)
                .header("Ocp-Apim-Subscription-Key", key)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    String collectionToken() {
        return json(token("collection", sim.collectionSubscriptionKey(), sim.apiUser(),
                sim.apiKey())).get("access_token").asText();
    }

    String disbursementToken() {
        return json(token("disbursement", sim.disbursementSubscriptionKey(), sim.apiUser(),
                sim.apiKey())).get("access_token").asText();
    }

    static Map<String, Object> body(String payer) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", "6.0");
        body.put("currency", "EUR");
        body.put("externalId", "order-1");
        body.put("payer", Map.of("partyIdType", "MSISDN", "partyId", payer));
        body.put("payerMessage", "Pay for order 1");
        body.put("payeeNote", "Order 1");
        return body;
    }

    HttpRequest.Builder collection(String path, String token) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("X-Target-Environment", sim.targetEnvironment())
                .header("Ocp-Apim-Subscription-Key", sim.collectionSubscriptionKey());
    }

    HttpResponse<String> requestToPay(String token, String ref, Object body, String callbackUrl) {
        HttpRequest.Builder b = collection("/collection/v1_0/requesttopay", token)
                .header("X-Reference-Id", ref).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)));
        if (callbackUrl != null) {
            b.header("X-Callback-Url", callbackUrl);
        }
        return send(b);
    }

    String newPayment(String token, String payer) {
        String ref = UUID.randomUUID().toString();
        HttpResponse<String> r = requestToPay(token, ref, body(payer), null);
        if (r.statusCode() != 202) {
            throw new AssertionError("expected 202, got " + r.statusCode() + " " + r.body());
        }
        return ref;
    }

    HttpResponse<String> status(String token, String ref) {
        return send(collection("/collection/v1_0/requesttopay/" + ref, token).GET());
    }

    URI uri(String path) {
        return sim.baseUri().resolve(path);
    }
}
