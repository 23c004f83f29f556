package org.dusangire.payment.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.dusangire.payment.core.error.ConcurrentPaymentModificationException;
import org.dusangire.payment.core.error.DuplicatePaymentException;
import org.dusangire.payment.core.error.PaymentNotFoundException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.RefundStatus;
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
 * A thread-safe {@link PaymentRepository} in memory, for tests and for hosts that do not need
 * durability. It enforces what a database would: unique idempotency keys (of payments and of
 * refunds), unique gateway plus
 * provider reference, unique inbox key, and updates guarded by version. Every operation holds
 * one lock, which keeps it simple and exactly serialisable.
 */
public final class InMemoryPaymentRepository implements PaymentRepository {
    private final Object lock = new Object();
    private final Map<PaymentId, Payment> payments = new LinkedHashMap<>();
    private final Map<String, PaymentId> byIdempotencyKey = new HashMap<>();
    private final Map<String, PaymentId> byProviderReference = new HashMap<>();
    private final Map<PaymentId, Instant> claims = new HashMap<>();
    private final Map<InboxKey, InboxEntry> inbox = new LinkedHashMap<>();
    private final Map<RefundId, Refund> refunds = new LinkedHashMap<>();
    private final Map<String, RefundId> refundsByKey = new HashMap<>();
    private final Map<RefundId, Instant> refundClaims = new HashMap<>();
    private final Map<UUID, EventRow> events = new LinkedHashMap<>();
    private final Map<UUID, StoredAnomaly> anomalies = new LinkedHashMap<>();
    private long nextPosition;

    /** An event and its delivery state, as a row of an events table. */
    private static final class EventRow {
        final PaymentEvent event;
        long position;
        int attempts;
        Instant nextAttemptAt;
        Instant claimedUntil;
        Instant deliveredAt;
        boolean parked;

        EventRow(PaymentEvent event) {
            this.event = event;
        }

        PaymentEvent read() {
            return event.withDelivery(position, attempts);
        }

        boolean open() {
            return deliveredAt == null && !parked;
        }
    }

    @Override
    public Payment insert(Payment payment) {
        Objects.requireNonNull(payment, "payment must not be null");
        synchronized (lock) {
            if (payments.containsKey(payment.id())) {
                throw new DuplicatePaymentException("payment id already stored", payment.id().toString());
            }
            if (byIdempotencyKey.containsKey(payment.idempotencyKey())) {
                throw new DuplicatePaymentException("idempotency key already used",
                        payment.id().toString());
            }
            String ref = referenceKey(payment);
            if (ref != null && byProviderReference.containsKey(ref)) {
                throw new DuplicatePaymentException("provider reference already used",
                        payment.id().toString());
            }
            Payment stored = payment.toBuilder().version(0).build();
            payments.put(stored.id(), stored);
            byIdempotencyKey.put(stored.idempotencyKey(), stored.id());
            if (ref != null) {
                byProviderReference.put(ref, stored.id());
            }
            paymentEventsLocked(stored, 0);
            return stored;
        }
    }

    @Override
    public Optional<Payment> findById(PaymentId id) {
        synchronized (lock) {
            return Optional.ofNullable(payments.get(id));
        }
    }

    @Override
    public Optional<Payment> findByIdempotencyKey(String idempotencyKey) {
        synchronized (lock) {
            return Optional.ofNullable(byIdempotencyKey.get(idempotencyKey)).map(payments::get);
        }
    }

    @Override
    public Optional<Payment> findByProviderReference(String gatewayName, String providerReference) {
        synchronized (lock) {
            return Optional.ofNullable(byProviderReference.get(gatewayName + "\u0000" + providerReference))
                    .map(payments::get);
        }
    }

    @Override
    public Payment update(Payment payment, InboxKey processedEvent, PaymentAnomaly anomaly) {
        Objects.requireNonNull(payment, "payment must not be null");
        synchronized (lock) {
            Payment current = requireVersion(payment);
            String oldRef = referenceKey(current);
            String newRef = referenceKey(payment);
            if (!Objects.equals(oldRef, newRef)) {
                if (newRef != null && byProviderReference.containsKey(newRef)) {
                    throw new DuplicatePaymentException("provider reference already used",
                            payment.id().toString());
                }
                if (oldRef != null) {
                    byProviderReference.remove(oldRef);
                }
                if (newRef != null) {
                    byProviderReference.put(newRef, payment.id());
                }
            }
            Payment stored = payment.toBuilder().version(current.version() + 1).build();
            payments.put(stored.id(), stored);
            if (processedEvent != null) {
                markProcessedLocked(processedEvent, stored.updatedAt(), "PROCESSED");
            }
            paymentEventsLocked(stored, current.history().size());
            if (anomaly != null) {
                anomalyLocked(anomaly);
            }
            return stored;
        }
    }

    @Override
    public List<Payment> claimStalePending(Instant staleBefore, Instant now, Duration lease, int limit) {
        synchronized (lock) {
            List<Payment> claimed = new ArrayList<>();
            payments.values().stream()
                    .filter(p -> p.status() == PaymentStatus.PENDING)
                    .filter(p -> p.updatedAt().isBefore(staleBefore))
                    .filter(p -> {
                        Instant until = claims.get(p.id());
                        return until == null || !until.isAfter(now);
                    })
                    .sorted(Comparator.comparing(Payment::updatedAt))
                    .limit(limit)
                    .forEach(claimed::add);
            Instant until = now.plus(lease);
            claimed.forEach(p -> claims.put(p.id(), until));
            return claimed;
        }
    }

    @Override
    public boolean recordInbound(InboxEntry entry) {
        Objects.requireNonNull(entry, "entry must not be null");
        synchronized (lock) {
            return inbox.putIfAbsent(entry.key(), entry) == null;
        }
    }

    @Override
    public void markInboundProcessed(InboxKey key, Instant at, String outcome) {
        synchronized (lock) {
            markProcessedLocked(key, at, outcome);
        }
    }

    @Override
    public List<InboxEntry> findUnprocessedInbound(Instant receivedBefore, int limit) {
        synchronized (lock) {
            return inbox.values().stream()
                    .filter(e -> !e.isProcessed() && e.receivedAt().isBefore(receivedBefore))
                    .limit(limit)
                    .toList();
        }
    }

    @Override
    public Optional<InboxEntry> findInbound(InboxKey key) {
        synchronized (lock) {
            return Optional.ofNullable(inbox.get(key));
        }
    }

    @Override
    public int purgeProcessedInbound(Instant processedBefore, int limit) {
        Objects.requireNonNull(processedBefore, "processedBefore must not be null");
        synchronized (lock) {
            int purged = 0;
            for (var it = inbox.values().iterator(); it.hasNext() && purged < limit; ) {
                InboxEntry e = it.next();
                if (e.isProcessed() && e.processedAt().isBefore(processedBefore)) {
                    it.remove();
                    purged++;
                }
            }
            return purged;
        }
    }

    @Override
    public List<Payment> findRecent(int limit) {
        synchronized (lock) {
            return payments.values().stream()
                    .sorted(Comparator.comparing(Payment::createdAt).reversed())
                    .limit(limit)
                    .toList();
        }
    }

    @Override
    public Optional<PendingBacklog> pendingBacklog() {
        synchronized (lock) {
            long pending = 0;
            long unknown = 0;
            Instant oldest = null;
            for (Payment p : payments.values()) {
                if (p.status() != PaymentStatus.PENDING) {
                    continue;
                }
                pending++;
                if (p.outcomeUnknown()) {
                    unknown++;
                }
                if (oldest == null || p.createdAt().isBefore(oldest)) {
                    oldest = p.createdAt();
                }
            }
            return Optional.of(new PendingBacklog(pending, unknown, oldest));
        }
    }

    @Override
    public RefundWrite insertRefund(Refund refund, Payment reserving) {
        Objects.requireNonNull(refund, "refund must not be null");
        Objects.requireNonNull(reserving, "reserving must not be null");
        synchronized (lock) {
            Payment current = requireVersion(reserving);
            if (refunds.containsKey(refund.id())) {
                throw new DuplicatePaymentException("refund id already stored",
                        refund.paymentId().toString());
            }
            if (refund.idempotencyKey() != null && refundsByKey.containsKey(refund.idempotencyKey())) {
                throw new DuplicatePaymentException("refund idempotency key already used",
                        refund.paymentId().toString());
            }
            Refund stored = refund.toBuilder().version(0).build();
            Payment storedPayment = reserving.toBuilder().version(current.version() + 1).build();
            refunds.put(stored.id(), stored);
            if (stored.idempotencyKey() != null) {
                refundsByKey.put(stored.idempotencyKey(), stored.id());
            }
            payments.put(storedPayment.id(), storedPayment);
            refundEventsLocked(stored, 0);
            paymentEventsLocked(storedPayment, current.history().size());
            return new RefundWrite(stored, storedPayment);
        }
    }

    @Override
    public RefundWrite updateRefund(Refund refund, Payment payment) {
        Objects.requireNonNull(refund, "refund must not be null");
        synchronized (lock) {
            Refund current = refunds.get(refund.id());
            if (current == null) {
                throw new PaymentNotFoundException(refund.id().toString());
            }
            if (current.version() != refund.version()) {
                throw new ConcurrentPaymentModificationException(refund.paymentId().toString(),
                        refund.version());
            }
            Payment storedPayment = null;
            int paymentHistory = 0;
            if (payment != null) {
                Payment currentPayment = requireVersion(payment);
                paymentHistory = currentPayment.history().size();
                storedPayment = payment.toBuilder().version(currentPayment.version() + 1).build();
            }
            Refund stored = refund.toBuilder().version(current.version() + 1).build();
            refunds.put(stored.id(), stored);
            refundEventsLocked(stored, current.history().size());
            if (storedPayment != null) {
                payments.put(storedPayment.id(), storedPayment);
                paymentEventsLocked(storedPayment, paymentHistory);
            }
            return new RefundWrite(stored, storedPayment);
        }
    }

    @Override
    public Optional<Refund> findRefund(RefundId id) {
        synchronized (lock) {
            return Optional.ofNullable(refunds.get(id));
        }
    }

    @Override
    public Optional<Refund> findRefundByIdempotencyKey(String idempotencyKey) {
        synchronized (lock) {
            return Optional.ofNullable(refundsByKey.get(idempotencyKey)).map(refunds::get);
        }
    }

    @Override
    public List<Refund> findRefunds(PaymentId paymentId) {
        synchronized (lock) {
            return refunds.values().stream().filter(r -> r.paymentId().equals(paymentId))
                    .sorted(Comparator.comparing(Refund::createdAt)).toList();
        }
    }

    @Override
    public List<Refund> claimStalePendingRefunds(Instant staleBefore, Instant now, Duration lease,
            int limit) {
        synchronized (lock) {
            List<Refund> claimed = refunds.values().stream()
                    .filter(r -> r.status() == RefundStatus.PENDING)
                    .filter(r -> r.updatedAt().isBefore(staleBefore))
                    .filter(r -> {
                        Instant until = refundClaims.get(r.id());
                        return until == null || !until.isAfter(now);
                    })
                    .sorted(Comparator.comparing(Refund::updatedAt))
                    .limit(limit)
                    .toList();
            Instant until = now.plus(lease);
            claimed.forEach(r -> refundClaims.put(r.id(), until));
            return claimed;
        }
    }

    @Override
    public void recordAnomaly(PaymentAnomaly anomaly) {
        Objects.requireNonNull(anomaly, "anomaly must not be null");
        synchronized (lock) {
            anomalyLocked(anomaly);
        }
    }

    @Override
    public Optional<StoredAnomaly> findAnomaly(UUID id) {
        synchronized (lock) {
            return Optional.ofNullable(anomalies.get(id));
        }
    }

    @Override
    public List<StoredAnomaly> findAnomalies(boolean openOnly, int limit) {
        synchronized (lock) {
            List<StoredAnomaly> newestFirst = new ArrayList<>(anomalies.values());
            java.util.Collections.reverse(newestFirst);
            return newestFirst.stream().filter(a -> !openOnly || a.isOpen()).limit(limit).toList();
        }
    }

    @Override
    public boolean acknowledgeAnomaly(UUID id, String by, Instant at) {
        synchronized (lock) {
            StoredAnomaly a = anomalies.get(id);
            if (a == null || !a.isOpen()) {
                return false;
            }
            anomalies.put(id, new StoredAnomaly(a.anomaly(), by, at));
            return true;
        }
    }

    @Override
    public int sequenceEvents(int limit) {
        synchronized (lock) {
            int given = 0;
            for (EventRow row : events.values()) {
                if (given >= limit) {
                    break;
                }
                if (row.position == 0) {
                    row.position = ++nextPosition;
                    given++;
                }
            }
            return given;
        }
    }

    @Override
    public List<PaymentEvent> findEvents(long afterPosition, int limit) {
        synchronized (lock) {
            return events.values().stream().filter(r -> r.position > afterPosition)
                    .sorted(Comparator.comparingLong(r -> r.position)).limit(limit)
                    .map(EventRow::read).toList();
        }
    }

    @Override
    public List<PaymentEvent> findEventsOf(PaymentId paymentId) {
        synchronized (lock) {
            return events.values().stream().filter(r -> paymentId.equals(r.event.paymentId()))
                    .map(EventRow::read).toList();
        }
    }

    @Override
    public List<PaymentEvent> claimEvents(Instant now, Duration lease, int limit,
            PaymentId onlyFor) {
        synchronized (lock) {
            List<PaymentEvent> claimed = new ArrayList<>();
            java.util.Set<PaymentId> waiting = new java.util.HashSet<>();
            for (EventRow row : events.values()) {
                if (claimed.size() >= limit) {
                    break;
                }
                PaymentId payment = row.event.paymentId();
                if (!row.open() || (onlyFor != null && !onlyFor.equals(payment))) {
                    continue;
                }
                // the earliest open event of a payment holds back its later ones
                boolean first = payment == null || waiting.add(payment);
                boolean due = row.nextAttemptAt == null || !row.nextAttemptAt.isAfter(now);
                boolean free = row.claimedUntil == null || !row.claimedUntil.isAfter(now);
                if (first && due && free) {
                    row.claimedUntil = now.plus(lease);
                    claimed.add(row.read());
                }
            }
            return claimed;
        }
    }

    /** The update and the claim under one lock, as one write. */
    @Override
    public ClaimedUpdate updateAndClaim(Payment payment, InboxKey processedEvent,
            PaymentAnomaly anomaly, List<UUID> eventIds, Instant now, Duration lease) {
        synchronized (lock) {
            Payment stored = update(payment, processedEvent, anomaly);
            return new ClaimedUpdate(stored, !eventIds.isEmpty()
                    && claimWrittenEvents(stored.id(), eventIds, now, lease));
        }
    }

    @Override
    public boolean claimWrittenEvents(PaymentId paymentId, List<UUID> eventIds, Instant now,
            Duration lease) {
        Objects.requireNonNull(paymentId, "paymentId must not be null");
        Objects.requireNonNull(now, "now must not be null");
        Objects.requireNonNull(lease, "lease must not be null");
        if (eventIds.isEmpty()) {
            return false;
        }
        java.util.Set<UUID> ours = java.util.Set.copyOf(eventIds);
        synchronized (lock) {
            List<EventRow> claimable = new ArrayList<>();
            for (EventRow row : events.values()) {
                if (claimable.size() == ours.size()) {
                    break;
                }
                if (!paymentId.equals(row.event.paymentId()) || !row.open()) {
                    continue;
                }
                if (!ours.contains(row.event.id())) {
                    // an open event of another write comes before one of ours: it goes first
                    return false;
                }
                boolean due = row.nextAttemptAt == null || !row.nextAttemptAt.isAfter(now);
                boolean free = row.claimedUntil == null || !row.claimedUntil.isAfter(now);
                if (!due || !free) {
                    return false;
                }
                claimable.add(row);
            }
            if (claimable.size() != ours.size()) {
                return false;
            }
            claimable.forEach(row -> row.claimedUntil = now.plus(lease));
            return true;
        }
    }

    @Override
    public void markEventDelivered(UUID eventId, Instant at) {
        synchronized (lock) {
            EventRow row = events.get(eventId);
            if (row != null && row.deliveredAt == null) {
                row.deliveredAt = at;
                row.claimedUntil = null;
            }
        }
    }

    @Override
    public void markEventFailed(UUID eventId, Instant retryAt, boolean park, String error) {
        synchronized (lock) {
            EventRow row = events.get(eventId);
            if (row != null && row.deliveredAt == null) {
                row.attempts++;
                row.nextAttemptAt = retryAt;
                row.claimedUntil = null;
                row.parked = park;
            }
        }
    }

    @Override
    public long countParkedEvents() {
        synchronized (lock) {
            return events.values().stream().filter(r -> r.parked).count();
        }
    }

    @Override
    public int redriveParkedEvents(Instant now, int limit) {
        synchronized (lock) {
            int redriven = 0;
            for (EventRow row : events.values()) {
                if (redriven >= limit) {
                    break;
                }
                if (row.parked) {
                    row.parked = false;
                    row.attempts = 0;
                    row.nextAttemptAt = now;
                    redriven++;
                }
            }
            return redriven;
        }
    }

    @Override
    public int purgeDeliveredEvents(Instant deliveredBefore, int limit) {
        synchronized (lock) {
            int purged = 0;
            for (var it = events.values().iterator(); it.hasNext() && purged < limit; ) {
                EventRow row = it.next();
                if (row.deliveredAt != null && row.deliveredAt.isBefore(deliveredBefore)) {
                    it.remove();
                    purged++;
                }
            }
            return purged;
        }
    }

    /** Every event written so far, delivered or not, in the order written; for tests. */
    public List<PaymentEvent> allEvents() {
        synchronized (lock) {
            return events.values().stream().map(EventRow::read).toList();
        }
    }

    /** Number of stored payments. */
    public int size() {
        synchronized (lock) {
            return payments.size();
        }
    }

    /** The stored payment, if its version is the one {@code changed} was read at. */
    private Payment requireVersion(Payment changed) {
        Payment current = payments.get(changed.id());
        if (current == null) {
            throw new PaymentNotFoundException(changed.id().toString());
        }
        if (current.version() != changed.version()) {
            throw new ConcurrentPaymentModificationException(changed.id().toString(),
                    changed.version());
        }
        return current;
    }

    /** The events of the payment's history entries from {@code from} on (creation entries excepted). */
    private void paymentEventsLocked(Payment stored, int from) {
        for (int i = from; i < stored.history().size(); i++) {
            if (stored.history().get(i).from() != null) {
                PaymentEvent e = PaymentEvent.ofPaymentChange(stored, i);
                events.put(e.id(), new EventRow(e));
            }
        }
    }

    private void refundEventsLocked(Refund stored, int from) {
        for (int i = from; i < stored.history().size(); i++) {
            PaymentEvent e = PaymentEvent.ofRefundChange(stored, i);
            events.put(e.id(), new EventRow(e));
        }
    }

    private void anomalyLocked(PaymentAnomaly anomaly) {
        if (anomalies.putIfAbsent(anomaly.id(), StoredAnomaly.open(anomaly)) == null) {
            PaymentEvent e = PaymentEvent.ofAnomaly(anomaly);
            events.put(e.id(), new EventRow(e));
        }
    }

    private void markProcessedLocked(InboxKey key, Instant at, String outcome) {
        InboxEntry entry = inbox.get(key);
        if (entry != null && !entry.isProcessed()) {
            inbox.put(key, new InboxEntry(entry.key(), entry.paymentReference(), entry.receivedAt(),
                    entry.payload(), at, outcome));
        }
    }

    /** The unique key of a known provider reference; {@code null} while there is none. */
    private static String referenceKey(Payment p) {
        return p.providerReferenceKnown() ? p.gatewayName() + "\u0000" + p.providerReference() : null;
    }
}
