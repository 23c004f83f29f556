package org.dusangire.payment.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Currency;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.gateway.mtn.MtnMomoConfig;
import org.dusangire.payment.gateway.mtn.MtnMomoGateway;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulatorBuilder;

/**
 * The MTN simulator on loopback, a library gateway on it (Collection, and Disbursement for
 * refunds), and the bare baseline: one JDK {@link HttpClient} sending the same requests with a
 * token per product fetched once.
 */
final class MtnFixture implements AutoCloseable {
    static final String PAYER = "256772123456";
    static final String AMOUNT = "1000";

    final MtnMomoSimulator simulator;
    private final HttpClient bare = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private volatile String bareToken;
    private volatile String bareDisbursementToken;

    MtnFixture(MtnMomoSimulatorBuilder builder) {
        this.simulator = builder.targetEnvironment("mtnuganda").currency("UGX")
                .providerCallbackHost("localhost").threads(32).build().start();
        // the benchmarks post their own callbacks; the simulator's would race with them
        simulator.inject(new FaultRule("CALLBACK", Fault.of(FaultKind.CALLBACK_NEVER_SENT),
                FaultRule.UNLIMITED, 1.0));
    }

    MtnFixture() {
        this(MtnMomoSimulator.builder());
    }

    MtnMomoConfig config() {
        return MtnMomoConfig.builder()
                .environment(PaymentEnvironment.SANDBOX)
                .apiUser(Secret.of(simulator.apiUser()))
                .apiKey(Secret.of(simulator.apiKey()))
                .subscriptionKey(Secret.of(simulator.collectionSubscriptionKey()))
                .disbursementSubscriptionKey(Secret.of(simulator.disbursementSubscriptionKey()))
                .targetEnvironment(simulator.targetEnvironment())
                .currency(Currency.getInstance("UGX"))
                .baseUrl(simulator.baseUri())
                .build();
    }

    MtnMomoGateway gateway(Clock clock) {
        return MtnMomoGateway.builder(config()).clock(clock).build();
    }

    // ------------------------------------------------------------------ the bare baseline

    /** Fetches the one token the bare client uses for the whole run. */
    void bareLogin() throws IOException, InterruptedException {
        bareToken = token("/collection/token/", simulator.collectionSubscriptionKey());
    }

    /** Fetches the one Disbursement token the bare refunds use for the whole run. */
    void bareDisbursementLogin() throws IOException, InterruptedException {
        bareDisbursementToken = token("/disbursement/token/", simulator.disbursementSubscriptionKey());
    }

    private String token(String path, String subscriptionKey) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((simulator.apiUser() + ":"
                + simulator.apiKey()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> r = bare.send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Basic " + basic)
                .header("Ocp-Apim-Subscription-Key", subscriptionKey)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body = mapper.readTree(r.body());
        return body.get("access_token").asText();
    }

    /** The request-to-pay the library sends, by hand; true on 202. */
    boolean bareRequestToPay(String reference, String callbackUrl) throws IOException, InterruptedException {
        ObjectNode body = mapper.createObjectNode().put("amount", AMOUNT).put("currency", "UGX")
                .put("externalId", reference);
        body.putObject("payer").put("partyIdType", "MSISDN").put("partyId", PAYER);
        body.put("payerMessage", "Payment to Dusangire Hospital").put("payeeNote", "Order " + reference);
        HttpResponse<byte[]> r = bare.send(HttpRequest.newBuilder(uri("/collection/v1_0/requesttopay"))
                .header("Authorization", "Bearer " + bareToken)
                .header("X-Reference-Id", reference)
                .header("X-Callback-Url", callbackUrl)
                .header("X-Target-Environment", simulator.targetEnvironment())
                .header("Ocp-Apim-Subscription-Key", simulator.collectionSubscriptionKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode() == 202;
    }

    /** The status query the library sends, by hand, with its body parsed; true on 200. */
    boolean bareStatus(String reference) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = bare.send(HttpRequest.newBuilder(
                        uri("/collection/v1_0/requesttopay/" + reference))
                .header("Authorization", "Bearer " + bareToken)
                .header("X-Target-Environment", simulator.targetEnvironment())
                .header("Ocp-Apim-Subscription-Key", simulator.collectionSubscriptionKey())
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode() == 200 && mapper.readTree(r.body()).hasNonNull("status");
    }

    /** The status query by hand, its answer parsed; {@code null} unless 200. */
    JsonNode bareStatusOf(String reference) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = bare.send(HttpRequest.newBuilder(
                        uri("/collection/v1_0/requesttopay/" + reference))
                .header("Authorization", "Bearer " + bareToken)
                .header("X-Target-Environment", simulator.targetEnvironment())
                .header("Ocp-Apim-Subscription-Key", simulator.collectionSubscriptionKey())
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode() == 200 ? mapper.readTree(r.body()) : null;
    }

    /**
     * The refund the library sends, by hand: {@code POST /disbursement/v1_0/refund} under the
     * refund's id, of the whole amount of the request-to-pay {@code original}; true on 202.
     */
    boolean bareRefund(String refundId, String original, String orderReference)
            throws IOException, InterruptedException {
        ObjectNode body = mapper.createObjectNode().put("amount", AMOUNT).put("currency", "UGX")
                .put("externalId", refundId).put("payerMessage", "Refund")
                .put("payeeNote", "Refund of order " + orderReference)
                .put("referenceIdToRefund", original);
        HttpResponse<byte[]> r = bare.send(HttpRequest.newBuilder(uri("/disbursement/v1_0/refund"))
                .header("Authorization", "Bearer " + bareDisbursementToken)
                .header("X-Reference-Id", refundId)
                .header("X-Target-Environment", simulator.targetEnvironment())
                .header("Ocp-Apim-Subscription-Key", simulator.disbursementSubscriptionKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode() == 202;
    }

    /** The refund status query by hand, its answer parsed; {@code null} unless 200. */
    JsonNode bareRefundStatusOf(String refundId) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = bare.send(HttpRequest.newBuilder(
                        uri("/disbursement/v1_0/refund/" + refundId))
                .header("Authorization", "Bearer " + bareDisbursementToken)
                .header("X-Target-Environment", simulator.targetEnvironment())
                .header("Ocp-Apim-Subscription-Key", simulator.disbursementSubscriptionKey())
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode() == 200 ? mapper.readTree(r.body()) : null;
    }

    private URI uri(String path) {
        return URI.create(simulator.baseUri() + path);
    }

    @Override
    public void close() {
        simulator.close();
    }
}
