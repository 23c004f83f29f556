package org.dusangire.payment.gateway.flutterwave;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import org.dusangire.payment.gateway.http.ApiRequest;
import org.dusangire.payment.gateway.http.ApiResponse;
import org.dusangire.payment.gateway.http.JsonHttpClient;
import org.dusangire.payment.gateway.http.Redactor;
import org.dusangire.payment.gateway.http.RetryPolicy;
import org.dusangire.payment.gateway.http.Sleeper;

/**
 * The v3 wire: one HTTP client with the secret key as Bearer token, and the endpoints the gateway
 * uses. Money-moving POSTs (payment link, refund) are never repeated after a timeout, because v3
 * documents no idempotency for them; the GETs are.
 */
final class FlwApi {
    private final FlutterwaveConfig config;
    private final JsonHttpClient http;

    FlwApi(FlutterwaveConfig config, Clock clock, Sleeper sleeper, HttpClient httpClient, int maxAttempts) {
        this.config = config;
        Redactor redactor = Redactor.builder()
                .secretFields("secret_key", "verif-hash", "flutterwave-signature")
                .phoneFields("phonenumber", "phone_number", "phone")
                .plainFields("id", "tx_ref", "flw_ref", "tx_id", "account_id", "transaction_id",
                        "wallet_id", "link")
                .build();
        this.http = JsonHttpClient.builder(FlutterwaveGateway.NAME, config.baseUrl())
                .httpClient(httpClient)
                .requestTimeout(config.requestTimeout())
                .retryPolicy(RetryPolicy.builder().maxAttempts(maxAttempts).clock(clock)
                        .sleeper(sleeper).build())
                .redactor(redactor)
                .build();
    }

    ApiResponse createPayment(FlwWire.PaymentRequest body) {
        return http.send(auth(ApiRequest.post("/payments")).reference(body.txRef()).json(body).build());
    }

    ApiResponse verify(long transactionId, String reference) {
        return http.send(auth(ApiRequest.get("/transactions/" + transactionId + "/verify"))
                .reference(reference).build());
    }

    ApiResponse verifyByReference(String txRef) {
        return http.send(auth(ApiRequest.get("/transactions/verify_by_reference?tx_ref="
                + URLEncoder.encode(txRef, StandardCharsets.UTF_8))).reference(txRef).build());
    }

    ApiResponse refund(long transactionId, FlwWire.Refund body, String reference) {
        return http.send(auth(ApiRequest.post("/transactions/" + transactionId + "/refund"))
                .reference(reference).json(body).build());
    }

    /** Refund details by Flutterwave's refund id (the path the v3 docs give). */
    ApiResponse refundDetails(String refundId, String reference) {
        return http.send(auth(ApiRequest.get("/refunds/" + segment(refundId)))
                .reference(reference).build());
    }

    /** Refund details by transaction (the path Flutterwave's Java SDK uses). */
    ApiResponse transactionRefund(long transactionId, String reference) {
        return http.send(auth(ApiRequest.get("/transactions/" + transactionId + "/refund"))
                .reference(reference).build());
    }

    /**
     * One page (from 1) of the refunds of a transaction: {@code GET /v3/refunds} filtered by
     * transaction id and by creation dates ({@code YYYY-MM-DD}) that surely hold them.
     */
    ApiResponse refunds(long transactionId, LocalDate from, LocalDate to, int page, String reference) {
        return http.send(auth(ApiRequest.get("/refunds?id=" + transactionId + "&from=" + from
                + "&to=" + to + "&page=" + page)).reference(reference).build());
    }

    JsonHttpClient http() {
        return http;
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private ApiRequest.Builder auth(ApiRequest.Builder b) {
        return b.header("Authorization", "Bearer " + config.secretKey().reveal());
    }
}
