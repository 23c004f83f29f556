package org.dusangire.payment.gateway.airtel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.PaymentConfigurationException;
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
 * The Airtel wire: one HTTP client, one token cache, the headers every call carries, v2 signing,
 * and the endpoints the gateway uses. It returns raw answers; the gateway reads them.
 */
final class AirtelApi {
    /** Airtel's documented token lifetime, used when {@code expires_in} is unreadable. */
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(180);

    private final AirtelMoneyConfig config;
    private final JsonHttpClient http;
    private final TokenCache tokens;
    private final MessageSigner signer = new MessageSigner(new SecureRandom());
    private final AtomicReference<PublicKey> airtelKey = new AtomicReference<>();

    AirtelApi(AirtelMoneyConfig config, Clock clock, Sleeper sleeper, HttpClient httpClient,
            Duration tokenRefreshMargin, TokenCache.Listener tokenListener) {
        this.config = config;
        config.rsaPublicKey().ifPresent(airtelKey::set);
        Redactor redactor = Redactor.builder()
                .secretHeaders("x-signature", "x-key")
                .phoneFields("msisdn")
                .plainFields("id", "airtel_money_id", "reference")
                .build();
        RetryPolicy retry = RetryPolicy.builder().maxAttempts(config.maxAttempts())
                .clock(clock).sleeper(sleeper).build();
        this.http = JsonHttpClient.builder(AirtelMoneyGateway.NAME, config.baseUrl())
                .httpClient(httpClient)
                .connectTimeout(config.connectTimeout())
                .requestTimeout(config.requestTimeout())
                .retryPolicy(retry)
                .redactor(redactor)
                .build();
        this.tokens = TokenCache.create(this::fetchToken, clock, tokenRefreshMargin, tokenListener);
    }

    JsonHttpClient http() {
        return http;
    }

    /**
     * USSD push under our transaction id. Repeatable: Airtel refuses a second payment with the
     * same id ({@code ESB000041}), so a repeat after a timeout cannot charge twice.
     */
    ApiResponse pay(String transactionId, ObjectNode body) {
        String path = config.messageSigning() ? "/merchant/v2/payments/" : "/merchant/v1/payments/";
        return http.send(signed(api(ApiRequest.post(path)), body).idempotentWith(transactionId)
                .build(), tokens);
    }

    ApiResponse enquiry(String transactionId) {
        return http.send(api(ApiRequest.get("/standard/v1/payments/" + segment(transactionId)))
                .reference(transactionId).build(), tokens);
    }

    /** Not repeated: a second reversal would be refused and hide the first one's success. */
    ApiResponse refund(String reference, ObjectNode body) {
        String path = config.messageSigning() ? "/standard/v2/payments/refund"
                : "/standard/v1/payments/refund";
        return http.send(signed(api(ApiRequest.post(path)), body).reference(reference).build(),
                tokens);
    }

    private ApiRequest.Builder api(ApiRequest.Builder b) {
        return b.header("X-Country", config.country())
                .header("X-Currency", config.currency().getCurrencyCode());
    }

    /** Serialises the body once and, when signing, signs exactly those bytes. */
    private ApiRequest.Builder signed(ApiRequest.Builder b, ObjectNode body) {
        if (!config.messageSigning()) {
            return b.json(body);
        }
        byte[] bytes = http.codec().write(body);
        signer.headers(bytes, airtelKey(), config.rsaPadding()).forEach(b::header);
        return b.json(new RawValue(new String(bytes, StandardCharsets.UTF_8)));
    }

    private PublicKey airtelKey() {
        PublicKey key = airtelKey.get();
        if (key != null) {
            return key;
        }
        ApiResponse r = http.send(api(ApiRequest.get("/v1/rsa/encryption-keys")).build(), tokens);
        String text = r.isSuccess() ? JsonNodes.text(r.json().orElse(null), "data", "key") : null;
        if (text == null) {
            throw ProviderErrors.classify(AirtelMoneyGateway.NAME, r, null, AirtelErrors.code(r),
                    "no RSA key for message signing; set " + AirtelMoneyConfig.RSA_PUBLIC_KEY);
        }
        PublicKey fetched = AirtelMoneyConfig.publicKey(text);
        airtelKey.compareAndSet(null, fetched);
        return airtelKey.get();
    }

    /** {@code POST /auth/oauth2/token} with a JSON client-credentials body. */
    private AccessToken fetchToken() {
        ObjectNode body = http.codec().object()
                .put("client_id", config.clientId())
                .put("client_secret", config.clientSecret().reveal())
                .put("grant_type", "client_credentials");
        ApiResponse r = http.send(ApiRequest.post("/auth/oauth2/token").json(body).build());
        if (r.status() == 400 || r.status() == 401 || r.status() == 403) {
            JsonNode error = r.json().orElse(null);
            throw new PaymentConfigurationException(AirtelMoneyConfig.CLIENT_SECRET,
                    "Airtel refused the client credentials (HTTP " + r.status() + " "
                            + r.redact(String.valueOf(JsonNodes.text(error, "error"))) + "): check "
                            + AirtelMoneyConfig.CLIENT_ID + " and " + AirtelMoneyConfig.CLIENT_SECRET,
                    AirtelMoneyGateway.NAME, JsonNodes.text(error, "error"), r.status());
        }
        if (!r.isSuccess()) {
            throw ProviderErrors.classify(AirtelMoneyGateway.NAME, r, null, null, null);
        }
        JsonNode json = r.json().orElseThrow(() -> ProviderErrors.unreadable(AirtelMoneyGateway.NAME, r, null));
        String token = JsonNodes.text(json, "access_token");
        if (token == null) {
            throw ProviderErrors.unreadable(AirtelMoneyGateway.NAME, r, null);
        }
        long seconds = JsonNodes.seconds(json, "expires_in");
        return new AccessToken(Secret.of(token), seconds > 0 ? Duration.ofSeconds(seconds)
                : DEFAULT_TOKEN_LIFETIME);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
