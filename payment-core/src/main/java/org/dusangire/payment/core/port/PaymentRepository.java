package org.dusangire.payment.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dusangire.payment.core.error.ConcurrentPaymentModificationException;
import org.dusangire.payment.core.error.DuplicatePaymentException;
import org.dusangire.payment.core.error.PaymentStoreUnavailableException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundId;

/**
 * Where payments, their refunds, the webhook inbox, anomalies and the events for the host (the
 * transactional outbox) are kept. Implementations must enforce, as a database
 * would, the uniqueness of the idempotency key, of gateway plus provider reference and of gateway
 * plus inbox event key, and must guard every update by the payment's version.
 *
 * <p>Every method may throw {@link PaymentStoreUnavailableException} when the store cannot be
 * reached; nothing is then half written.
 */
public interface PaymentRepository {

    /**
     * Stores a new payment (version 0).
     *
     * @return the stored payment
     * @throws DuplicatePaymentException when the id, idempotency key or gateway plus provider
     *                                   reference is already taken
     */
    Payment insert(Payment payment);

    Optional<Payment> findById(PaymentId id);

    Optional<Payment> findByIdempotencyKey(String idempotencyKey);

    Optional<Payment> findByProviderReference(String gatewayName, String providerReference);

    /**
     * Stores a changed payment if the stored version still equals {@code payment.version()}, and
     * in the same transaction: marks the inbox event it came from as processed, writes an event
     * ({@link PaymentEvent#ofPaymentChange}) for every history entry the change added, and keeps
     * the anomaly raised with the change (with its event, {@link PaymentEvent#ofAnomaly}).
     *
     * <p>What a payment is created with is fixed by {@link #insert}: its order reference,
     * idempotency key, amount and currency, method, payer, description, gateway, callback token,
     * and creation and expiry times. {@code payment} must carry them as stored; a store may write
     * only the rest (status, references, the provider's answer, failure reason, outcome flag,
     * refunded and reserved amounts, update time). The service checks every change it makes.
     *
     * @param processedEvent the inbox event that caused the change, or {@code null}
     * @param anomaly        an anomaly raised with the change, or {@code null}
     * @return the stored payment, its version incremented
     * @throws ConcurrentPaymentModificationException when someone else changed it first (nothing
     *                                                is written)
     */
    Payment update(Payment payment, InboxKey processedEvent, PaymentAnomaly anomaly);

    /** {@link #update(Payment, InboxKey, PaymentAnomaly)} without an anomaly. */
    default Payment update(Payment payment, InboxKey processedEvent) {
        return update(payment, processedEvent, null);
    }

    /** {@link #update(Payment, InboxKey, PaymentAnomaly)} without an inbox event or anomaly. */
    default Payment update(Payment payment) {
        return update(payment, null, null);
    }

    /**
     * {@link #update(Payment, InboxKey, PaymentAnomaly)}, claiming in the same write, for the
     * caller to deliver right after it, the events the write stores, as
     * {@link #claimWrittenEvents} would claim them after it: all or none, until
     * {@code now + lease}, and only when no earlier event of the payment is open.
     * {@code eventIds} are the ids of the events the caller expects the write to store, in write
     * order ({@link PaymentEvent#ofPaymentChange} for each new history entry, then
     * {@link PaymentEvent#ofAnomaly}); when the write stores other events, none is claimed.
     *
     * <p>The default updates, then calls {@link #claimWrittenEvents}: correct, one round trip
     * more. Adapters that can claim in the write should override it
     * ({@code PaymentEventStoreContract} checks it).
     *
     * @throws ConcurrentPaymentModificationException when someone else changed it first (nothing
     *                                                is written or claimed)
     */
    default ClaimedUpdate updateAndClaim(Payment payment, InboxKey processedEvent,
            PaymentAnomaly anomaly, List<UUID> eventIds, Instant now, Duration lease) {
        Payment stored = update(payment, processedEvent, anomaly);
        return new ClaimedUpdate(stored, !eventIds.isEmpty()
                && claimWrittenEvents(stored.id(), eventIds, now, lease));
    }

    /**
     * Claims up to {@code limit} pending payments last updated before {@code staleBefore} and not
     * claimed by anyone at {@code now}, holding each claim until {@code now + lease}. Two callers,
     * in one process or on several instances, never receive the same payment while a claim holds;
     * a crashed caller's claims simply run out.
     */
    List<Payment> claimStalePending(Instant staleBefore, Instant now, Duration lease, int limit);

    /**
     * Records an inbound event once.
     *
     * @return {@code true} when recorded now, {@code false} when the same key was recorded before
     */
    boolean recordInbound(InboxEntry entry);

    /** Marks an inbox event processed with an outcome; does nothing if it is already processed. */
    void markInboundProcessed(InboxKey key, Instant at, String outcome);

    /** Inbox events received before {@code receivedBefore} that were never marked processed. */
    List<InboxEntry> findUnprocessedInbound(Instant receivedBefore, int limit);

    Optional<InboxEntry> findInbound(InboxKey key);

    /**
     * Deletes up to {@code limit} inbox events that were marked processed before
     * {@code processedBefore}, so that the inbox does not grow without bound. An event that was
     * never marked processed is never deleted, however old: reconciliation still has to finish
     * it. A purged event key is forgotten, so a provider delivering it again after the
     * retention period is treated as new (and confirmed with the provider's status API as
     * always); keep the retention longer than any provider's redelivery window.
     *
     * <p>The default deletes nothing and returns 0, for adapters written before this method;
     * adapters should override it ({@code PaymentRepositoryContract} checks it).
     *
     * @return how many events were deleted
     */
    default int purgeProcessedInbound(Instant processedBefore, int limit) {
        return 0;
    }

    /** The most recently created payments, newest first, for listings. */
    List<Payment> findRecent(int limit);

    /**
     * Counts the pending payments, those among them whose outcome is unknown, and finds when
     * the oldest was created, in one cheap query; {@code PaymentService.health()} also uses it
     * as its probe of the store.
     *
     * <p>The default answers empty ("this store does not count its backlog"), for adapters
     * written before this method; adapters should override it ({@code PaymentRepositoryContract}
     * checks it).
     *
     * @return the backlog, or empty when the store cannot count it
     * @throws PaymentStoreUnavailableException when the store cannot be reached
     */
    default Optional<PendingBacklog> pendingBacklog() {
        return Optional.empty();
    }

    // ------------------------------------------------------------------ refunds

    /**
     * Reserves a refund: in one transaction, stores the new refund (version 0) with the event of
     * its creation ({@link PaymentEvent#ofRefundChange}) and the payment with the refund's amount
     * added to its reserved amount, if the stored payment's version still equals
     * {@code reserving.version()}. The caller checked the refundable amount on that version,
     * so two refunds racing for the same money can never both be stored.
     *
     * @return the stored refund and payment
     * @throws ConcurrentPaymentModificationException when the payment changed since it was read
     *                                                (nothing is written)
     * @throws DuplicatePaymentException              when the refund id or its idempotency key is
     *                                                taken (nothing is written)
     */
    RefundWrite insertRefund(Refund refund, Payment reserving);

    /**
     * Stores a changed refund if its stored version still equals {@code refund.version()}, and in
     * the same transaction the changed payment (when not {@code null}) under the same guard, and
     * an event for every history entry either of them added.
     *
     * @param payment the payment changed with the refund (reservation released, refunded amount
     *                and status moved), or {@code null} when the payment does not change
     * @return the stored refund, and the stored payment ({@code null} when {@code payment} is)
     * @throws ConcurrentPaymentModificationException when either changed since it was read
     *                                                (nothing is written)
     */
    RefundWrite updateRefund(Refund refund, Payment payment);

    Optional<Refund> findRefund(RefundId id);

    Optional<Refund> findRefundByIdempotencyKey(String idempotencyKey);

    /** The refunds of one payment, oldest first. */
    List<Refund> findRefunds(PaymentId paymentId);

    /**
     * Claims up to {@code limit} pending refunds last updated before {@code staleBefore}, as
     * {@link #claimStalePending} does for payments: two callers never receive the same refund
     * while a claim holds.
     */
    List<Refund> claimStalePendingRefunds(Instant staleBefore, Instant now, Duration lease,
            int limit);

    // ------------------------------------------------------------------ anomalies

    /** Keeps an anomaly raised without a change, with its event, in one transaction. */
    void recordAnomaly(PaymentAnomaly anomaly);

    Optional<StoredAnomaly> findAnomaly(UUID id);

    /** Stored anomalies, newest first; only the open ones when {@code openOnly}. */
    List<StoredAnomaly> findAnomalies(boolean openOnly, int limit);

    /**
     * Acknowledges an open anomaly.
     *
     * @return {@code true} when it was open and is now acknowledged
     */
    boolean acknowledgeAnomaly(UUID id, String by, Instant at);

    // ------------------------------------------------------------------ events (the outbox)

    /**
     * Gives feed positions to committed events that have none, in the order they were written,
     * continuing after the highest position given so far. Positions are given by one caller at a
     * time (in one process or on several instances), so that a reader of {@link #findEvents}
     * never sees a position appear below one it has already read.
     *
     * @return how many events were given a position
     */
    int sequenceEvents(int limit);

    /** Events with a position above {@code afterPosition}, in position order: the changes feed. */
    List<PaymentEvent> findEvents(long afterPosition, int limit);

    /** Every event of one payment (its refunds' and anomalies' included), in the order written. */
    List<PaymentEvent> findEventsOf(PaymentId paymentId);

    /**
     * Claims up to {@code limit} events to deliver: not delivered, not parked, due at {@code now}
     * (never failed, or their retry time has come), not claimed by anyone at {@code now}, and the
     * earliest such of their payment (an event waits until the earlier undelivered, unparked
     * events of its payment are delivered). Each claim holds until {@code now + lease}; two
     * callers, in one process or on several instances, never receive the same event while a claim
     * holds.
     *
     * @param onlyFor only this payment's events; {@code null} for any
     */
    List<PaymentEvent> claimEvents(Instant now, Duration lease, int limit, PaymentId onlyFor);

    /**
     * Claims, all or none, the events one committed write of the caller has just stored for one
     * payment ({@code eventIds}, in write order), so that the caller can deliver them right away
     * without looking for them: they are claimed only when each is open, due and not claimed by
     * anyone at {@code now}, and no other open event of the payment was written before any of
     * them (order per payment holds). The claims hold until {@code now + lease}, as
     * {@link #claimEvents}'s do, and exclude each other the same way.
     *
     * <p>The default claims nothing and answers {@code false}; the caller then delivers through
     * {@link #claimEvents}, which is correct but costs more round trips. Adapters should override
     * it ({@code PaymentRepositoryContract} checks it).
     *
     * @return {@code true} when every one of them is now claimed by the caller, {@code false} when
     *         none is (nothing was claimed)
     */
    default boolean claimWrittenEvents(PaymentId paymentId, List<UUID> eventIds, Instant now,
            Duration lease) {
        return false;
    }

    /** Marks a claimed event delivered. */
    void markEventDelivered(UUID eventId, Instant at);

    /**
     * Marks several claimed events delivered, as {@link #markEventDelivered} does for each (one
     * already marked keeps its time; an id may repeat). The default marks them one at a time;
     * an adapter that can mark them in one statement should override it: delivery threads hand
     * their marks to whichever of them is writing one, so under load one call carries many.
     */
    default void markEventsDelivered(List<UUID> eventIds, Instant at) {
        for (UUID id : eventIds) {
            markEventDelivered(id, at);
        }
    }

    /**
     * Records a failed delivery: one more attempt, the next at {@code retryAt}, the claim released;
     * parked when {@code park} (not delivered again until re-driven).
     */
    void markEventFailed(UUID eventId, Instant retryAt, boolean park, String error);

    long countParkedEvents();

    /** Un-parks up to {@code limit} parked events: due again at {@code now}, attempts reset. */
    int redriveParkedEvents(Instant now, int limit);

    /** Deletes up to {@code limit} events delivered before {@code deliveredBefore}. */
    int purgeDeliveredEvents(Instant deliveredBefore, int limit);
}
