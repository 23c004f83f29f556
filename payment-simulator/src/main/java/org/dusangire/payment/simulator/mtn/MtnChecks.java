package org.dusangire.payment.simulator.mtn;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dusangire.payment.simulator.Json;
import org.dusangire.payment.simulator.SimRequest;
import org.dusangire.payment.simulator.SimResponse;

/**
 * Header and field checks shared by MTN endpoints, answering as MTN does when one fails.
 */
final class MtnChecks {

    static final String SUBSCRIPTION_KEY = "Ocp-Apim-Subscription-Key";
    private static final Pattern UUID_V4 = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");
    private static final Pattern UUID_ANY = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{5,15}");
    private static final String FORBIDDEN_IN_NOTES = "'&<>\"\\";

    private final MtnSettings settings;
    private final Json json;
    private final TokenIssuer tokens;

    MtnChecks(MtnSettings settings, Json json, TokenIssuer tokens) {
        this.settings = settings;
        this.json = json;
        this.tokens = tokens;
    }

    /** Subscription key of the product, then bearer token, then target environment. */
    Optional<SimResponse> access(SimRequest request, TokenIssuer.Product product) {
        String key = product == TokenIssuer.Product.COLLECTION
                ? settings.collectionKey() : settings.disbursementKey();
        if (!key.equals(request.header(SUBSCRIPTION_KEY))) {
            return Optional.of(invalidSubscriptionKey());
        }
        if (!tokens.validBearer(request.header("Authorization"), product)) {
            return Optional.of(SimResponse.json(401, "{\"statusCode\":401,\"message\":"
                    + "\"Access denied due to invalid or expired access token.\"}"));
        }
        if (!settings.targetEnvironment().equals(request.header("X-Target-Environment"))) {
            return Optional.of(json.error(500, "NOT_ALLOWED_TARGET_ENVIRONMENT",
                    "Access to target environment is forbidden."));
        }
        return Optional.empty();
    }

    SimResponse invalidSubscriptionKey() {
        return SimResponse.json(401, "{\"statusCode\":401,\"message\":\"Access denied due to "
                + "invalid subscription key. Make sure to provide a valid key for an active "
                + "subscription.\"}");
    }

    /**
     * What MTN checks on every POST that creates a resource under {@code X-Reference-Id}
     * (request-to-pay, refund): product access, a fresh UUIDv4 reference, the callback URL, and a
     * non-empty JSON object body. Empty when all pass.
     */
    Optional<SimResponse> creation(SimRequest request, TokenIssuer.Product product, JsonNode body) {
        return access(request, product)
                .or(() -> newReference(request.header("X-Reference-Id")))
                .or(() -> callbackUrl(request))
                .or(() -> body == null || !body.isObject() || body.isEmpty()
                        ? Optional.of(badRequest("a JSON body is required")) : Optional.empty());
    }

    /** A new X-Reference-Id must be a UUID of version 4. */
    Optional<SimResponse> newReference(String reference) {
        if (reference == null || !UUID_V4.matcher(reference).matches()) {
            return Optional.of(badRequest("X-Reference-Id must be a UUID version 4"));
        }
        return Optional.empty();
    }

    static boolean isUuid(String value) {
        return value != null && UUID_ANY.matcher(value).matches();
    }

    /** X-Callback-Url, when present, must be an absolute URL on the provider callback host. */
    Optional<SimResponse> callbackUrl(SimRequest request) {
        if (!request.hasHeader("X-Callback-Url")) {
            return Optional.empty();
        }
        String url = request.header("X-Callback-Url");
        if (url == null || url.isBlank() || url.equalsIgnoreCase("null")) {
            return Optional.of(badRequest("X-Callback-Url must not be empty"));
        }
        String host;
        try {
            host = new URI(url.trim()).getHost();
        } catch (URISyntaxException e) {
            return Optional.of(badRequest("X-Callback-Url is not a valid URL"));
        }
        if (host == null || !host.equalsIgnoreCase(settings.callbackHost())) {
            return Optional.of(json.error(500, "INVALID_CALLBACK_URL_HOST",
                    "Callback URL with host not allowed for the API user."));
        }
        return Optional.empty();
    }

    /** A positive decimal number sent as a JSON string; {@code null} when it is not. */
    static BigDecimal amount(String text) {
        if (text == null) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text.trim());
            return value.signum() > 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether a payer message or payee note is acceptable (absent is fine). */
    static boolean validNote(String note) {
        if (note == null) {
            return true;
        }
        if (note.length() > 160) {
            return false;
        }
        return note.chars().noneMatch(c -> FORBIDDEN_IN_NOTES.indexOf(c) >= 0);
    }

    static boolean validMsisdn(String id) {
        return id != null && DIGITS.matcher(id).matches();
    }

    Optional<SimResponse> currency(String currency) {
        if (currency == null || currency.isBlank()) {
            return Optional.of(badRequest("currency is required"));
        }
        if (!settings.currency().equals(currency)) {
            return Optional.of(json.error(500, "INVALID_CURRENCY", "Currency not supported."));
        }
        return Optional.empty();
    }

    SimResponse badRequest(String why) {
        return json.error(400, "BAD_REQUEST", why);
    }
}
