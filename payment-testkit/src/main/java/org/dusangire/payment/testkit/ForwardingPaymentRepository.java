package org.dusangire.payment.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.port.ClaimedUpdate;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentEvent;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.port.PendingBacklog;
import org.dusangire.payment.core.port.StoredAnomaly;
import org.dusangire.payment.core.port.RefundWrite;

/**
 * A repository that forwards every method, the port's default methods included, to
 * {@link #delegate()}: the base for a decorator that counts, fails or crashes some calls and
 * leaves the rest to a real store. Override the calls to change; override {@link #delegate()}
 * to act before every call.
 */
public abstract class ForwardingPaymentRepository implements PaymentRepository {
    private final PaymentRepository delegate;

    protected ForwardingPaymentRepository(PaymentRepository delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
    }

    /** The store every call goes to; called once per forwarded call. */
    protected PaymentRepository delegate() {
        return delegate;
    }

    @Override
    public Payment insert(Payment payment) {
        return delegate().insert(payment);
    }

    @Override
    public Optional<Payment> findById(PaymentId id) {
        return delegate().findById(id);
    }

    @Override
    public Optional<Payment> findByIdempotencyKey(String idempotencyKey) {
        return delegate().findByIdempotencyKey(idempotencyKey);
    }

    @Override
    public Optional<Payment> findByProviderReference(String gatewayName, String providerReference) {
        return delegate().findByProviderReference(gatewayName, providerReference);
    }

    @Override
    public Payment update(Payment payment, InboxKey processedEvent, PaymentAnomaly anomaly) {
        return delegate().update(payment, processedEvent, anomaly);
    }

    /**
     * Forwarded as well: a decorator that intercepts {@link #update(Payment, InboxKey,
     * PaymentAnomaly)} must intercept this too, because the service stores a change through it
     * whenever it has listeners to tell.
     */
    @Override
    public ClaimedUpdate updateAndClaim(Payment payment, InboxKey processedEvent,
            PaymentAnomaly anomaly, List<UUID> eventIds, Instant now, Duration lease) {
        return delegate().updateAndClaim(payment, processedEvent, anomaly, eventIds, now, lease);
    }

    /**
     * Final, so that a decorator changes every update in one place: the service calls the
     * three-argument form, and an override of this one would be passed by.
     */
    @Override
    public final Payment update(Payment payment, InboxKey processedEvent) {
        return update(payment, processedEvent, null);
    }

    /** Final for the same reason as {@link #update(Payment, InboxKey)}. */
    @Override
    public final Payment update(Payment payment) {
        return update(payment, null, null);
    }

    @Override
    public List<Payment> claimStalePending(Instant staleBefore, Instant now, Duration lease, int limit) {
        return delegate().claimStalePending(staleBefore, now, lease, limit);
    }

    @Override
    public boolean recordInbound(InboxEntry entry) {
        return delegate().recordInbound(entry);
    }

    @Override
    public void markInboundProcessed(InboxKey key, Instant at, String outcome) {
        delegate().markInboundProcessed(key, at, outcome);
    }

    @Override
    public List<InboxEntry> findUnprocessedInbound(Instant receivedBefore, int limit) {
        return delegate().findUnprocessedInbound(receivedBefore, limit);
    }

    @Override
    public Optional<InboxEntry> findInbound(InboxKey key) {
        return delegate().findInbound(key);
    }

    @Override
    public int purgeProcessedInbound(Instant processedBefore, int limit) {
        return delegate().purgeProcessedInbound(processedBefore, limit);
    }

    @Override
    public List<Payment> findRecent(int limit) {
        return delegate().findRecent(limit);
    }

    @Override
    public Optional<PendingBacklog> pendingBacklog() {
        return delegate().pendingBacklog();
    }

    @Override
    public RefundWrite insertRefund(Refund refund, Payment reserving) {
        return delegate().insertRefund(refund, reserving);
    }

    @Override
    public RefundWrite updateRefund(Refund refund, Payment payment) {
        return delegate().updateRefund(refund, payment);
    }

    @Override
    public Optional<Refund> findRefund(RefundId id) {
        return delegate().findRefund(id);
    }

    @Override
    public Optional<Refund> findRefundByIdempotencyKey(String idempotencyKey) {
        return delegate().findRefundByIdempotencyKey(idempotencyKey);
    }

    @Override
    public List<Refund> findRefunds(PaymentId paymentId) {
        return delegate().findRefunds(paymentId);
    }

    @Override
    public List<Refund> claimStalePendingRefunds(Instant staleBefore, Instant now, Duration lease,
            int limit) {
        return delegate().claimStalePendingRefunds(staleBefore, now, lease, limit);
    }

    @Override
    public void recordAnomaly(PaymentAnomaly anomaly) {
        delegate().recordAnomaly(anomaly);
    }

    @Override
    public Optional<StoredAnomaly> findAnomaly(UUID id) {
        return delegate().findAnomaly(id);
    }

    @Override
    public List<StoredAnomaly> findAnomalies(boolean openOnly, int limit) {
        return delegate().findAnomalies(openOnly, limit);
    }

    @Override
    public boolean acknowledgeAnomaly(UUID id, String by, Instant at) {
        return delegate().acknowledgeAnomaly(id, by, at);
    }

    @Override
    public int sequenceEvents(int limit) {
        return delegate().sequenceEvents(limit);
    }

    @Override
    public List<PaymentEvent> findEvents(long afterPosition, int limit) {
        return delegate().findEvents(afterPosition, limit);
    }

    @Override
    public List<PaymentEvent> findEventsOf(PaymentId paymentId) {
        return delegate().findEventsOf(paymentId);
    }

    @Override
    public List<PaymentEvent> claimEvents(Instant now, Duration lease, int limit,
            PaymentId onlyFor) {
        return delegate().claimEvents(now, lease, limit, onlyFor);
    }

    @Override
    public boolean claimWrittenEvents(PaymentId paymentId, List<UUID> eventIds, Instant now,
            Duration lease) {
        return delegate().claimWrittenEvents(paymentId, eventIds, now, lease);
    }

    @Override
    public void markEventDelivered(UUID eventId, Instant at) {
        delegate().markEventDelivered(eventId, at);
    }

    @Override
    public void markEventsDelivered(List<UUID> eventIds, Instant at) {
        delegate().markEventsDelivered(eventIds, at);
    }

    @Override
    public void markEventFailed(UUID eventId, Instant retryAt, boolean park, String error) {
        delegate().markEventFailed(eventId, retryAt, park, error);
    }

    @Override
    public long countParkedEvents() {
        return delegate().countParkedEvents();
    }

    @Override
    public int redriveParkedEvents(Instant now, int limit) {
        return delegate().redriveParkedEvents(now, limit);
    }

    @Override
    public int purgeDeliveredEvents(Instant deliveredBefore, int limit) {
        return delegate().purgeDeliveredEvents(deliveredBefore, limit);
    }
}
