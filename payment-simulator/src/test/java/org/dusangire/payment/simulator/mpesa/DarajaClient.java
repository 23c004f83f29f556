package org.dusangire.payment.simulator.mpesa;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dusangire.payment.simulator.testsupport.JsonHttpClient;

/** A bare Daraja client for the simulator's tests: the wire as Safaricom documents it. */
final class DarajaClient extends JsonHttpClient {
    static final String TIMESTAMP = LocalDateTime.now()
            .format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));

    private final MpesaSimulator sim;

    DarajaClient(MpesaSimulator sim) {
        this.sim = sim;
    }

    HttpResponse<String> tokenResponse(String key, String secret, String grant) {
        String basic = Base64.getEncoder().encodeToString((key + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri("/oauth/v1/generate?grant_type=" + grant))
                .header("Authorization", "Basic " + basic).GET());
    }

    String token() {
        return json(tokenResponse(sim.consumerKey(), sim.consumerSecret(), "client_credentials"))
                .get("access_token").asText();
    }

    String password(String timestamp) {
        return Base64.getEncoder().encodeToString((sim.shortcode() + sim.passkey() + timestamp)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A valid push body from {@code phone} for {@code amount} shillings to {@code callbackUrl}. */
    Map<String, Object> pushBody(String phone, Object amount, String callbackUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("BusinessShortCode", sim.shortcode());
        body.put("Password", password(TIMESTAMP));
        body.put("Timestamp", TIMESTAMP);
        body.put("TransactionType", sim.transactionType());
        body.put("Amount", amount);
        body.put("PartyA", phone);
        body.put("PartyB", sim.partyB());
        body.put("PhoneNumber", phone);
        body.put("CallBackURL", callbackUrl);
        body.put("AccountReference", "INV-1042");
        body.put("TransactionDesc", "Clinic bill");
        return body;
    }

    HttpResponse<String> push(String token, Object body) {
        return post("/mpesa/stkpush/v1/processrequest", token, body);
    }

    /** Pushes and returns the CheckoutRequestID, failing the test when refused. */
    String pushed(String token, String phone, String callbackUrl) {
        HttpResponse<String> r = push(token, pushBody(phone, 100, callbackUrl));
        if (r.statusCode() != 200) {
            throw new AssertionError("push refused: " + r.statusCode() + " " + r.body());
        }
        return json(r).get("CheckoutRequestID").asText();
    }

    HttpResponse<String> query(String token, String checkoutRequestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("BusinessShortCode", sim.shortcode());
        body.put("Password", password(TIMESTAMP));
        body.put("Timestamp", TIMESTAMP);
        body.put("CheckoutRequestID", checkoutRequestId);
        return post("/mpesa/stkpushquery/v1/query", token, body);
    }

    HttpResponse<String> control(String method, String path) {
        return send(HttpRequest.newBuilder(uri(path)).method(method,
                HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> post(String path, String token, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    private URI uri(String path) {
        return sim.baseUri().resolve(path);
    }

    static JsonNode error(HttpResponse<String> r) {
        return json(r);
    }
}
