package org.dusangire.payment.core.error;

/**
 * The payment store could not be reached or refused a write. Nothing was half written; the
 * caller may retry (the webhook adapter answers 503 so the provider delivers again).
 */
public class PaymentStoreUnavailableException extends PaymentException {
    public PaymentStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
