package org.dusangire.payment.core.port;

/**
 * How the host learns what happened to payments (for example to mark an order paid when
 * {@link PaymentStatusChanged#isPaid()}). Every change is stored as an event in the same
 * transaction as the change itself, and delivered to listeners after the commit: right away on
 * the thread that made the change, and again by later delivery passes ({@code reconcile()} or
 * {@code deliverEvents()}) until every listener took it without throwing. Delivery is therefore
 * at least once, in order per payment: a listener that throws gets the same event again (with
 * backoff), and every listener sees a repeat then, so drop repeats by the event id. After
 * {@code PAYMENT_EVENT_MAX_ATTEMPTS} failures an event is parked: kept, counted, and delivered
 * again only when re-driven ({@code PaymentService.redriveParkedEvents()}).
 */
public interface PaymentEventListener {

    /** A payment's status change was stored. */
    void onStatusChanged(PaymentStatusChanged event);

    /**
     * A refund was created (its amount reserved) or settled. The payment's own status change
     * that a succeeded refund causes (to PARTIALLY_REFUNDED or REFUNDED) also reaches
     * {@link #onStatusChanged}.
     */
    default void onRefundChanged(RefundChanged event) {
    }

    /** Something needs a person's attention (stored, open until acknowledged). */
    default void onAnomaly(PaymentAnomaly anomaly) {
    }
}
