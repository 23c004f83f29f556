package org.dusangire.payment.core.error;

/** A payment with the same id, idempotency key or provider reference is already stored. */
public class DuplicatePaymentException extends PaymentException {
    public DuplicatePaymentException(String message, String paymentReference) {
        super(message, null, null, paymentReference, null, null);
    }
}
