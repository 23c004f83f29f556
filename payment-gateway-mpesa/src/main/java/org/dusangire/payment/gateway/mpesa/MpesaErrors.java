package org.dusangire.payment.gateway.mpesa;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.gateway.http.ApiResponse;
import org.dusangire.payment.gateway.http.JsonNodes;
import org.dusangire.payment.gateway.http.ProviderErrors;

/**
 * Reads Daraja's error answers, {@code {requestId, errorCode, errorMessage}}. Daraja puts several
 * meanings under one code ({@code 500.001.1001}: wrong credentials, unknown merchant, a locked
 * subscriber, "being processed"), so the message decides among them; anything not recognised,
 * or not in the envelope at all, is classified by its HTTP status: 5xx leaves the outcome unknown.
 */
final class MpesaErrors {
    /** Codes Daraja answers for a token it does not accept (expired, revoked, malformed). */
    static final Set<String> INVALID_TOKEN = Set.of("404.001.03", "400.003.01", "404.001.04");

    private final String gateway;

    MpesaErrors(String gateway) {
        this.gateway = gateway;
    }

    static String code(ApiResponse response) {
        JsonNode body = response.json().orElse(null);
        String code = JsonNodes.text(body, "errorCode");
        return code != null ? code : JsonNodes.text(body, "ResponseCode");
    }

    static String message(ApiResponse response) {
        JsonNode body = response.json().orElse(null);
        String message = JsonNodes.text(body, "errorMessage");
        return message != null ? message : JsonNodes.text(body, "ResponseDescription");
    }

    private static boolean messageSays(ApiResponse response, String words) {
        String message = message(response);
        return message != null && message.toLowerCase(Locale.ROOT).contains(words);
    }

    static boolean isInvalidToken(ApiResponse response) {
        String code = code(response);
        return response.status() == 401 || code != null && INVALID_TOKEN.contains(code);
    }

    /** The STK query's "The transaction is being processed": the customer has not answered. */
    static boolean isBeingProcessed(ApiResponse response) {
        return response.status() >= 400 && (messageSays(response, "being processed")
                || messageSays(response, "under processing"));
    }

    private static boolean isWrongCredentials(ApiResponse response) {
        return messageSays(response, "wrong credentials");
    }

    private static boolean isUnknownMerchant(ApiResponse response) {
        return messageSays(response, "merchant does not exist");
    }

    /** Daraja refused the push outright: another prompt holds the customer's line. */
    private static boolean isSubscriberLocked(ApiResponse response) {
        return messageSays(response, "unable to lock subscriber");
    }

    /**
     * Worth repeating for a repeatable call (token, query): 408, 429 and 5xx, but not an answer
     * that is final for now (being processed, a refusal of our credentials).
     */
    static boolean isTransient(ApiResponse response) {
        return ProviderErrors.isTransient(response) && !isBeingProcessed(response)
                && !isWrongCredentials(response) && !isUnknownMerchant(response)
                && !isSubscriberLocked(response);
    }

    /** The exception for an answer the caller did not handle. */
    PaymentException toException(ApiResponse response, String reference) {
        String code = code(response);
        if (isInvalidToken(response)) {
            return new PaymentConfigurationException(MpesaConfig.CONSUMER_KEY, "Daraja refused a "
                    + "fresh access token (HTTP " + response.status() + "): check "
                    + MpesaConfig.CONSUMER_KEY + " and " + MpesaConfig.CONSUMER_SECRET
                    + " belong to the app of " + MpesaConfig.BASE_URL, gateway, code,
                    response.status());
        }
        if (isWrongCredentials(response)) {
            return new PaymentConfigurationException(MpesaConfig.PASSKEY, "Daraja refused the "
                    + "STK password: check " + MpesaConfig.PASSKEY + " and " + MpesaConfig.SHORTCODE,
                    gateway, code, response.status());
        }
        if (isUnknownMerchant(response)) {
            return new PaymentConfigurationException(MpesaConfig.SHORTCODE, "Daraja does not know "
                    + "the short code: check " + MpesaConfig.SHORTCODE, gateway, code,
                    response.status());
        }
        if (isSubscriberLocked(response)) {
            return new GatewayRejectedException(gateway + " refused the push: the customer "
                    + "already has an M-Pesa prompt open", gateway, code, reference,
                    response.status());
        }
        return ProviderErrors.classify(gateway, response, reference, code, message(response));
    }

    /** Why the token endpoint refused, naming the variables to check. */
    PaymentException tokenRefused(ApiResponse response) {
        int status = response.status();
        if (status == 400 || status == 401 || status == 403) {
            return new PaymentConfigurationException(MpesaConfig.CONSUMER_KEY, "Daraja refused "
                    + "the consumer key and secret (HTTP " + status + "): check "
                    + MpesaConfig.CONSUMER_KEY + " and " + MpesaConfig.CONSUMER_SECRET, gateway,
                    code(response), status);
        }
        return ProviderErrors.classify(gateway, response, null, code(response), message(response));
    }
}
