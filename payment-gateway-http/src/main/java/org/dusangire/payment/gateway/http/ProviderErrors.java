package org.dusangire.payment.gateway.http;

import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.PaymentException;

/**
 * The default reading of an HTTP answer a gateway did not recognise, by status alone, so an error
 * body that is not JSON or not the documented envelope is still classified:
 * 408, 429, 5xx and anything unexpected (1xx, 3xx, an unusable 2xx) mean the outcome is unknown
 * ({@link GatewayUnavailableException}); other 4xx mean the provider refused
 * ({@link GatewayRejectedException}). Gateways interpret their own codes first.
 */
public final class ProviderErrors {
    private static final int MAX_MESSAGE = 200;

    private ProviderErrors() {
    }

    /** True for answers worth repeating: 408, 429 and 5xx. */
    public static boolean isTransient(ApiResponse response) {
        int s = response.status();
        return s == 408 || s == 429 || s >= 500;
    }

    /** True when an answer with this status leaves the outcome unknown. */
    public static boolean outcomeUnknown(int status) {
        return status == 408 || status == 429 || status >= 500 || status < 400;
    }

    /**
     * The exception for an unrecognised answer.
     *
     * @param gatewayName  the gateway, e.g. {@code mtn-momo}
     * @param response     the answer
     * @param reference    our payment reference; may be {@code null}
     * @param providerCode the provider's error code if the body had one; may be {@code null}
     * @param message      the provider's message if the body had one; may be {@code null}
     */
    public static PaymentException classify(String gatewayName, ApiResponse response,
            String reference, String providerCode, String message) {
        int status = response.status();
        StringBuilder text = new StringBuilder(gatewayName).append(" answered HTTP ").append(status);
        if (providerCode != null) {
            text.append(' ').append(clip(response.redact(providerCode)));
        }
        if (message != null) {
            text.append(": ").append(clip(response.redact(message)));
        }
        if (outcomeUnknown(status)) {
            text.append("; the outcome is unknown");
            return new GatewayUnavailableException(text.toString(), gatewayName, providerCode,
                    reference, status, null);
        }
        return new GatewayRejectedException(text.toString(), gatewayName, providerCode, reference,
                status);
    }

    /** A 2xx answer whose body could not be understood: the outcome is unknown. */
    public static GatewayUnavailableException unreadable(String gatewayName, ApiResponse response,
            String reference) {
        return new GatewayUnavailableException(gatewayName + " answered HTTP " + response.status()
                + " with a body that could not be understood; the outcome is unknown",
                gatewayName, null, reference, response.status(), null);
    }

    private static String clip(String text) {
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ");
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "...";
    }
}
