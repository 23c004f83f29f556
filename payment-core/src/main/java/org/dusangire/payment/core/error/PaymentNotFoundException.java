package org.dusangire.payment.core.error;

/** No payment with the given id exists. */
public class PaymentNotFoundException extends PaymentException {
    public PaymentNotFoundException(String paymentReference) {
        super("no payment " + paymentReference, null, null, paymentReference, null, null);
    }
}
