package org.dusangire.payment.gateway.mtn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.gateway.http.ApiResponse;
import org.dusangire.payment.gateway.http.JsonNodes;
import org.dusangire.payment.gateway.http.ProviderErrors;

/**
 * Reads MTN's error answers. MTN reports some definitive refusals as HTTP 500 with a business
 * code; those are rejections, every other 5xx leaves the outcome unknown. Error bodies come as
 * {@code {code,message}}, Azure's {@code {statusCode,message}} or {@code {error}}; anything else
 * is classified by status alone.
 */
final class MtnErrors {
    static final String GATEWAY = MtnMomoGateway.NAME;

    /** 500 codes that mean MTN refused the request: nothing was or will be charged. */
    static final Set<String> BUSINESS_CODES = Set.of("PAYER_NOT_FOUND", "PAYEE_NOT_FOUND",
            "NOT_ALLOWED", "INVALID_CURRENCY", "NOT_ALLOWED_TARGET_ENVIRONMENT",
            "INVALID_CALLBACK_URL_HOST", "PAYEE_NOT_ALLOWED_TO_RECEIVE");

    private MtnErrors() {
    }

    /** The provider's code, if the body has one in any known envelope. */
    static String code(ApiResponse response) {
        JsonNode body = response.json().orElse(null);
        String code = JsonNodes.text(body, "code");
        return code != null ? code : JsonNodes.text(body, "error");
    }

    static String message(ApiResponse response) {
        return JsonNodes.text(response.json().orElse(null), "message");
    }

    /** A 5xx that is really a refusal. */
    static boolean isBusinessRefusal(ApiResponse response) {
        if (response.status() != 500) {
            return false;
        }
        String code = code(response);
        return code != null && BUSINESS_CODES.contains(code.toUpperCase(Locale.ROOT));
    }

    /** Worth repeating for a repeatable call: 408, 429 and 5xx, except business refusals. */
    static boolean isTransient(ApiResponse response) {
        return ProviderErrors.isTransient(response) && !isBusinessRefusal(response);
    }

    /** The exception for an answer the caller did not handle. */
    static PaymentException toException(ApiResponse response, String reference, String subscriptionVariable) {
        if (response.status() == 401 || response.status() == 403 && mentionsSubscription(response)) {
            return new PaymentConfigurationException(subscriptionVariable, "MTN MoMo refused the "
                    + "credentials (HTTP " + response.status() + "): check " + subscriptionVariable
                    + ", " + MtnMomoConfig.API_KEY + " and " + MtnMomoConfig.API_SECRET, GATEWAY,
                    code(response), response.status());
        }
        String code = code(response);
        if (isBusinessRefusal(response)) {
            return new org.dusangire.payment.core.error.GatewayRejectedException(GATEWAY
                    + " refused the request: " + code, GATEWAY, code, reference, response.status());
        }
        return ProviderErrors.classify(GATEWAY, response, reference, code, message(response));
    }

    /** Why the token endpoint refused, naming the variables to check. */
    static PaymentException tokenRefused(ApiResponse response, String subscriptionVariable) {
        String code = code(response);
        boolean loginFailed = code != null && code.equalsIgnoreCase("login_failed");
        if (response.status() == 401 && mentionsSubscription(response)) {
            return new PaymentConfigurationException(subscriptionVariable, "MTN MoMo refused the "
                    + "subscription key: check " + subscriptionVariable, GATEWAY, code, 401);
        }
        if (loginFailed || response.status() == 401) {
            return new PaymentConfigurationException(MtnMomoConfig.API_KEY, "MTN MoMo refused the "
                    + "API user/key: check " + MtnMomoConfig.API_KEY + " and "
                    + MtnMomoConfig.API_SECRET, GATEWAY, code, response.status());
        }
        return ProviderErrors.classify(GATEWAY, response, null, code, message(response));
    }

    private static boolean mentionsSubscription(ApiResponse response) {
        String message = message(response);
        String text = (message == null ? response.bodyText() : message).toLowerCase(Locale.ROOT);
        return text.contains("subscription");
    }
}
