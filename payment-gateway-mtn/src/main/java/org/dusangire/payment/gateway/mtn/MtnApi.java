package org.dusangire.payment.gateway.mtn;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.gateway.http.AccessToken;
import org.dusangire.payment.gateway.http.ApiRequest;
import org.dusangire.payment.gateway.http.ApiResponse;
import org.dusangire.payment.gateway.http.JsonHttpClient;
import org.dusangire.payment.gateway.http.JsonNodes;
import org.dusangire.payment.gateway.http.ProviderErrors;
import org.dusangire.payment.gateway.http.Redactor;
import org.dusangire.payment.gateway.http.RetryPolicy;
import org.dusangire.payment.gateway.http.Sleeper;
import org.dusangire.payment.gateway.http.TokenCache;

/**
 * The MTN MoMo wire: one HTTP client and one token cache per product, the headers every call
 * carries, and the endpoints the gateway uses. It returns raw answers; the gateway reads them.
 */
final class MtnApi {
    static final String SUBSCRIPTION_HEADER = "Ocp-Apim-Subscription-Key";
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);

    private final MtnMomoConfig config;
    private final JsonHttpClient http;
    private final TokenCache collectionTokens;
    private final TokenCache disbursementTokens;

    MtnApi(MtnMomoConfig config, Clock clock, Sleeper sleeper, HttpClient httpClient,
            Duration tokenRefreshMargin, TokenCache.Listener tokenListener) {
        this.config = config;
        Redactor redactor = Redactor.builder()
                .secretHeaders(SUBSCRIPTION_HEADER, "X-Callback-Url")
                .phoneFields("partyId")
                .plainFields("financialTransactionId", "externalId", "referenceIdToRefund")
                .build();
        RetryPolicy retry = RetryPolicy.builder().maxAttempts(config.maxAttempts())
                .clock(clock).sleeper(sleeper).build();
        this.http = JsonHttpClient.builder(MtnMomoGateway.NAME, config.baseUrl())
                .httpClient(httpClient)
                .connectTimeout(config.connectTimeout())
                .requestTimeout(config.requestTimeout())
                .retryPolicy(retry)
                .redactor(redactor)
                .transientAnswer(MtnErrors::isTransient)
                .build();
        this.collectionTokens = TokenCache.create(() -> fetchToken("collection",
                config.subscriptionKey(), MtnMomoConfig.SUBSCRIPTION_KEY), clock, tokenRefreshMargin,
                tokenListener);
        this.disbursementTokens = config.disbursementSubscriptionKey()
                .map(key -> TokenCache.create(() -> fetchToken("disbursement", key,
                        MtnMomoConfig.DISBURSEMENT_SUBSCRIPTION_KEY), clock, tokenRefreshMargin,
                        tokenListener))
                .orElse(null);
    }

    boolean hasDisbursement() {
        return disbursementTokens != null;
    }

    ApiResponse requestToPay(String reference, URI callbackUrl, MtnWire.RequestToPay body) {
        return http.send(collection(ApiRequest.post("/collection/v1_0/requesttopay"))
                .header("X-Reference-Id", reference)
                .header("X-Callback-Url", callbackUrl.toString())
                .idempotentWith(reference)
                .json(body).build(), collectionTokens);
    }

    ApiResponse requestToPayStatus(String reference) {
        return http.send(collection(ApiRequest.get("/collection/v1_0/requesttopay/" + segment(reference)))
                .reference(reference).build(), collectionTokens);
    }

    ApiResponse accountHolderActive(String msisdnDigits, String reference) {
        return http.send(collection(ApiRequest.get("/collection/v1_0/accountholder/msisdn/"
                + segment(msisdnDigits) + "/active")).reference(reference).build(), collectionTokens);
    }

    ApiResponse refund(String refundId, MtnWire.Refund body) {
        return http.send(disbursement(ApiRequest.post("/disbursement/v1_0/refund"))
                .header("X-Reference-Id", refundId)
                .idempotentWith(refundId)
                .json(body).build(), disbursementTokens);
    }

    ApiResponse refundStatus(String refundId) {
        return http.send(disbursement(ApiRequest.get("/disbursement/v1_0/refund/" + segment(refundId)))
                .reference(refundId).build(), disbursementTokens);
    }

    JsonHttpClient http() {
        return http;
    }

    private ApiRequest.Builder collection(ApiRequest.Builder b) {
        return b.header("X-Target-Environment", config.targetEnvironment())
                .header(SUBSCRIPTION_HEADER, config.subscriptionKey().reveal());
    }

    private ApiRequest.Builder disbursement(ApiRequest.Builder b) {
        return b.header("X-Target-Environment", config.targetEnvironment())
                .header(SUBSCRIPTION_HEADER, config.disbursementSubscriptionKey().orElseThrow().reveal());
    }

    /** {@code POST /<product>/token/} with Basic auth and no body, as MTN's own SDK does. */
    private AccessToken fetchToken(String product, Secret subscriptionKey, String subscriptionVariable) {
        String basic = Base64.getEncoder().encodeToString((config.apiUser().reveal() + ":"
                + config.apiKey().reveal()).getBytes(StandardCharsets.UTF_8));
        ApiResponse r = http.send(ApiRequest.post("/" + product + "/token/")
                .header("Authorization", "Basic " + basic)
                .header(SUBSCRIPTION_HEADER, subscriptionKey.reveal()).build());
        if (r.status() != 200) {
            throw MtnErrors.tokenRefused(r, subscriptionVariable);
        }
        JsonNode body = r.json().orElseThrow(() -> ProviderErrors.unreadable(MtnMomoGateway.NAME, r, null));
        String token = JsonNodes.text(body, "access_token");
        if (token == null) {
            throw ProviderErrors.unreadable(MtnMomoGateway.NAME, r, null);
        }
        long seconds = JsonNodes.seconds(body, "expires_in");
        return new AccessToken(Secret.of(token), seconds > 0 ? Duration.ofSeconds(seconds)
                : DEFAULT_TOKEN_LIFETIME);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
