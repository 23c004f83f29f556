package org.dusangire.payment.core.error;

/** The operation is not allowed in the payment's current status or for its method. */
public class IllegalPaymentStateException extends PaymentException {
    public IllegalPaymentStateException(String message, String paymentReference) {
        super(message, null, null, paymentReference, null, null);
    }
}
