package org.dusangire.payment.gateway.flutterwave;

import java.util.Locale;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.gateway.http.ApiResponse;
import org.dusangire.payment.gateway.http.JsonNodes;
import org.dusangire.payment.gateway.http.ProviderErrors;

/**
 * Reads the v3 error envelope {@code {"status":"error","message":..,"data":null}} (with optional
 * {@code code}); anything else is classified by HTTP status alone.
 */
final class FlwErrors {
    private FlwErrors() {
    }

    static String message(ApiResponse r) {
        return JsonNodes.text(r.json().orElse(null), "message");
    }

    /** "No transaction was found for this id" (any status: 200, 400 and 404 are all seen). */
    static boolean isNotFound(ApiResponse r) {
        String status = JsonNodes.text(r.json().orElse(null), "status");
        String message = message(r);
        return status != null && !status.equalsIgnoreCase("success") && message != null
                && message.toLowerCase(Locale.ROOT).startsWith("no transaction was found");
    }

    /** The exception for an answer the gateway does not otherwise understand. */
    static PaymentException toException(ApiResponse r, String reference) {
        String message = message(r);
        String code = JsonNodes.text(r.json().orElse(null), "code");
        if (r.status() == 401 || r.status() == 403) {
            return new PaymentConfigurationException(FlutterwaveConfig.SECRET_KEY,
                    "Flutterwave refused the secret key (HTTP " + r.status() + (message == null ? ""
                            : ": " + r.redact(message)) + "); check the key and its mode (test or live)",
                    FlutterwaveGateway.NAME, code, r.status());
        }
        return ProviderErrors.classify(FlutterwaveGateway.NAME, r, reference, code, message);
    }
}
