package org.dusangire.payment.core.error;

/** An update lost the race: the payment changed since it was read (optimistic lock). */
public class ConcurrentPaymentModificationException extends PaymentException {
    public ConcurrentPaymentModificationException(String paymentReference, long expectedVersion) {
        super("payment " + paymentReference + " was modified concurrently (expected version "
                + expectedVersion + ")", null, null, paymentReference, null, null);
    }
}
