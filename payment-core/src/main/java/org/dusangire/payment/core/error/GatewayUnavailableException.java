package org.dusangire.payment.core.error;

/**
 * The provider could not be reached, timed out, or answered with a server error. The outcome is
 * unknown: the provider may or may not have acted on the request. A payment in this situation
 * stays {@code PENDING} and is settled by a status query, never by resending under a new reference.
 */
public class GatewayUnavailableException extends PaymentException {
    public GatewayUnavailableException(String message, String gatewayName, String providerCode,
            String paymentReference, Integer httpStatus, Throwable cause) {
        super(message, gatewayName, providerCode, paymentReference, httpStatus, cause);
    }

    /** Always true: the caller must not assume the request failed. */
    public boolean outcomeUnknown() {
        return true;
    }
}
