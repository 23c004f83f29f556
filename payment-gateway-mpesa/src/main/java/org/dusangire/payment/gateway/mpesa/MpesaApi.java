package org.dusangire.payment.gateway.mpesa;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
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
 * The Daraja wire: one HTTP client, one token cache, and the two endpoints the gateway uses. The
 * push is never repeated (Daraja would prompt the customer again); the token GET and the query
 * are. An answer that refuses the token is followed by one more try with a fresh token, which is
 * safe even for the push: Daraja checks the token before it looks at anything else.
 */
final class MpesaApi {
    static final String PUSH_PATH = "/mpesa/stkpush/v1/processrequest";
    static final String QUERY_PATH = "/mpesa/stkpushquery/v1/query";
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);

    private final MpesaConfig config;
    private final Clock clock;
    private final MpesaErrors errors;
    private final JsonHttpClient http;
    private final TokenCache tokens;

    MpesaApi(String gatewayName, MpesaConfig config, Clock clock, Sleeper sleeper,
            HttpClient httpClient, Duration tokenRefreshMargin, TokenCache.Listener tokenListener) {
        this.config = config;
        this.clock = clock;
        this.errors = new MpesaErrors(gatewayName);
        Redactor redactor = Redactor.builder()
                .secretFields("Password", "CallBackURL")
                .phoneFields("PartyA", "PhoneNumber")
                .plainFields("CheckoutRequestID", "MerchantRequestID", "MpesaReceiptNumber",
                        "requestId", "Timestamp")
                .build();
        RetryPolicy retry = RetryPolicy.builder().maxAttempts(config.maxAttempts())
                .clock(clock).sleeper(sleeper).build();
        this.http = JsonHttpClient.builder(gatewayName, config.baseUrl())
                .httpClient(httpClient)
                .connectTimeout(config.connectTimeout())
                .requestTimeout(config.requestTimeout())
                .retryPolicy(retry)
                .redactor(redactor)
                .transientAnswer(MpesaErrors::isTransient)
                .build();
        this.tokens = TokenCache.create(this::fetchToken, clock, tokenRefreshMargin, tokenListener);
    }

    MpesaErrors errors() {
        return errors;
    }

    JsonHttpClient http() {
        return http;
    }

    MpesaPassword.Stamp stamp() {
        return MpesaPassword.at(clock.instant(), config.shortcode(), config.passkey());
    }

    /** The push: sent once, never repeated after a timeout (Daraja de-duplicates nothing). */
    ApiResponse stkPush(String paymentId, Map<String, Object> body) {
        return authorised(token -> ApiRequest.post(PUSH_PATH).reference(paymentId)
                .header("Authorization", "Bearer " + token.reveal()).json(body).build());
    }

    /** The query: a read, so repeating it after a timeout or a 5xx cannot act twice. */
    ApiResponse stkQuery(String checkoutRequestId, Map<String, Object> body) {
        return authorised(token -> ApiRequest.post(QUERY_PATH).idempotentWith(checkoutRequestId)
                .header("Authorization", "Bearer " + token.reveal()).json(body).build());
    }

    private ApiResponse authorised(Function<Secret, ApiRequest> request) {
        Secret token = tokens.token();
        ApiResponse response = http.send(request.apply(token));
        if (!MpesaErrors.isInvalidToken(response)) {
            return response;
        }
        tokens.invalidate(token);
        return http.send(request.apply(tokens.token()));
    }

    /** {@code GET /oauth/v1/generate?grant_type=client_credentials} with HTTP Basic. */
    private AccessToken fetchToken() {
        String basic = Base64.getEncoder().encodeToString((config.consumerKey().reveal() + ":"
                + config.consumerSecret().reveal()).getBytes(StandardCharsets.UTF_8));
        ApiResponse r = http.send(ApiRequest.get("/oauth/v1/generate?grant_type=client_credentials")
                .header("Authorization", "Basic " + basic).build());
        if (r.status() != 200) {
            throw errors.tokenRefused(r);
        }
        JsonNode body = r.json().orElseThrow(() -> ProviderErrors.unreadable(http.gatewayName(), r, null));
        String token = JsonNodes.text(body, "access_token");
        if (token == null) {
            throw ProviderErrors.unreadable(http.gatewayName(), r, null);
        }
        long seconds = JsonNodes.seconds(body, "expires_in");   // "3599" as Daraja sends it, or 3599
        return new AccessToken(Secret.of(token), seconds > 0 ? Duration.ofSeconds(seconds)
                : DEFAULT_TOKEN_LIFETIME);
    }
}
