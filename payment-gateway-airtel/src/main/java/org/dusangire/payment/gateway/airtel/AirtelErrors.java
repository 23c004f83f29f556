package org.dusangire.payment.gateway.airtel;

import com.fasterxml.jackson.databind.JsonNode;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.gateway.http.ApiResponse;
import org.dusangire.payment.gateway.http.JsonNodes;
import org.dusangire.payment.gateway.http.ProviderErrors;

/**
 * Reads Airtel's envelopes {@code {"data":…,"status":{code,message,result_code,response_code,
 * success}}} and the OAuth-style {@code {error,error_description}}. Codes decide before HTTP
 * status; {@code status.success} is never trusted on its own.
 */
final class AirtelErrors {
    private AirtelErrors() {
    }

    static String responseCode(ApiResponse r) {
        return JsonNodes.text(r.json().orElse(null), "status", "response_code");
    }

    static String resultCode(ApiResponse r) {
        return JsonNodes.text(r.json().orElse(null), "status", "result_code");
    }

    /** The most specific code: the DP response code unless it only says "in process". */
    static String code(ApiResponse r) {
        String response = responseCode(r);
        String result = resultCode(r);
        if (response != null && (result == null || !AirtelCodes.IN_PROCESS.equals(response))) {
            return response;
        }
        if (result != null) {
            return result;
        }
        return JsonNodes.text(r.json().orElse(null), "error");
    }

    static String message(ApiResponse r) {
        JsonNode body = r.json().orElse(null);
        String message = JsonNodes.text(body, "status", "message");
        return message != null ? message : JsonNodes.text(body, "error_description");
    }

    /** Whether either code is {@code code}. */
    static boolean mentions(ApiResponse r, String code) {
        return code.equals(responseCode(r)) || code.equals(resultCode(r));
    }

    static boolean ambiguous(ApiResponse r) {
        return AirtelCodes.AMBIGUOUS.contains(String.valueOf(responseCode(r)))
                || AirtelCodes.AMBIGUOUS.contains(String.valueOf(resultCode(r)));
    }

    static boolean notFound(ApiResponse r) {
        return AirtelCodes.isNotFound(responseCode(r)) || AirtelCodes.isNotFound(resultCode(r));
    }

    /** The exception for an answer the caller did not handle itself. */
    static PaymentException toException(ApiResponse r, String reference) {
        if (r.status() == 401) {
            return new PaymentConfigurationException(AirtelMoneyConfig.CLIENT_SECRET,
                    "Airtel refused our access token (HTTP 401): check "
                            + AirtelMoneyConfig.CLIENT_ID + ", " + AirtelMoneyConfig.CLIENT_SECRET
                            + " and that this server's IP is whitelisted",
                    AirtelMoneyGateway.NAME, code(r), 401);
        }
        if (ambiguous(r)) {
            return new GatewayUnavailableException("Airtel answered " + code(r)
                    + " (ambiguous); the outcome is unknown", AirtelMoneyGateway.NAME, code(r),
                    reference, r.status(), null);
        }
        return ProviderErrors.classify(AirtelMoneyGateway.NAME, r, reference, code(r), message(r));
    }
}
