package org.dusangire.payment.core.service;

import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.slf4j.MDC;

/**
 * Puts {@value #PAYMENT_ID} and {@value #GATEWAY} into the SLF4J MDC while the library works on
 * one payment, on whatever thread (a caller's, a reconciliation or event delivery thread), and
 * puts back what was there before on {@link #close()}: the host's own values survive, and a
 * pooled thread keeps nothing of a payment it handled.
 */
final class PaymentMdc {
    /** MDC key of our payment id. */
    static final String PAYMENT_ID = "paymentId";
    /** MDC key of the gateway's name. */
    static final String GATEWAY = "gateway";

    private final String previousId;
    private final String previousGateway;

    private PaymentMdc(PaymentId id, String gateway) {
        this.previousId = MDC.get(PAYMENT_ID);
        this.previousGateway = MDC.get(GATEWAY);
        if (id != null) {
            MDC.put(PAYMENT_ID, id.toString());
        }
        if (gateway != null) {
            MDC.put(GATEWAY, gateway);
        }
    }

    /** Sets what is known ({@code null} leaves a key as it is) until {@link #close()}. */
    static PaymentMdc put(PaymentId id, String gateway) {
        return new PaymentMdc(id, gateway);
    }

    /** Sets the payment's id and gateway until {@link #close()}. */
    static PaymentMdc of(Payment payment) {
        return new PaymentMdc(payment.id(), payment.gatewayName());
    }

    /** Puts back what the MDC held before; call it in a {@code finally} block. */
    void close() {
        restore(PAYMENT_ID, previousId);
        restore(GATEWAY, previousGateway);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
