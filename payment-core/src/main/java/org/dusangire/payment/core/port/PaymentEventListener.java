package org.dusangire.payment.core.port;

/**
 * How the host learns what happened to payments (for example to mark an order paid). Called once
 * per applied status change, after it is stored, on the thread that applied it. A listener should
 * be quick; an exception it throws is logged and does not undo the stored change.
 */
public interface PaymentEventListener {

    /** A status change was stored. */
    void onStatusChanged(PaymentStatusChanged event);

    /**
     * A refund was created (its amount reserved) or settled. The payment's own status change
     * that a succeeded refund causes (to PARTIALLY_REFUNDED or REFUNDED) also reaches
     * {@link #onStatusChanged}.
     */
    default void onRefundChanged(RefundChanged event) {
    }

    /** Something needs a person's attention; nothing was changed because of it. */
    default void onAnomaly(PaymentAnomaly anomaly) {
    }
}
