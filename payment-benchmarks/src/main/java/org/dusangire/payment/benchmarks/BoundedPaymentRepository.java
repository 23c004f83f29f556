package org.dusangire.payment.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.dusangire.payment.core.error.ConcurrentPaymentModificationException;
import org.dusangire.payment.core.error.DuplicatePaymentException;
import org.dusangire.payment.core.error.PaymentNotFoundException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentEvent;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.port.StoredAnomaly;
import org.dusangire.payment.core.port.RefundWrite;

/**
 * An in-memory store that keeps every open payment but only the {@code capacity} most recently
 * finished ones, like a host that archives settled payments. With it, whatever the heap still
 * grows by over a million payments is held by the library, not by the store.
 */
final class BoundedPaymentRepository implements PaymentRepository {
    private final int capacity;
    private final Map<PaymentId, Payment> payments = new HashMap<>();
    private final Map<String, PaymentId> byKey = new HashMap<>();
    private final Deque<PaymentId> finished = new ArrayDeque<>();
    private final Map<InboxKey, InboxEntry> inbox;

    BoundedPaymentRepository(int capacity) {
        this.capacity = capacity;
        this.inbox = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InboxKey, InboxEntry> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized Payment insert(Payment payment) {
        if (payments.containsKey(payment.id()) || byKey.containsKey(payment.idempotencyKey())) {
            throw new DuplicatePaymentException("duplicate", payment.id().toString());
        }
        Payment stored = payment.toBuilder().version(0).build();
        payments.put(stored.id(), stored);
        byKey.put(stored.idempotencyKey(), stored.id());
        return stored;
    }

    @Override
    public synchronized Optional<Payment> findById(PaymentId id) {
        return Optional.ofNullable(payments.get(id));
    }

    @Override
    public synchronized Optional<Payment> findByIdempotencyKey(String key) {
        PaymentId id = byKey.get(key);
        return id == null ? Optional.empty() : Optional.ofNullable(payments.get(id));
    }

    @Override
    public synchronized Optional<Payment> findByProviderReference(String gateway, String reference) {
        return payments.values().stream().filter(p -> p.gatewayName().equals(gateway)
                && reference.equals(p.providerReference())).findFirst();
    }

    @Override
    public synchronized Payment update(Payment payment, InboxKey processedEvent,
            PaymentAnomaly anomaly) {
        Payment current = payments.get(payment.id());
        if (current == null) {
            throw new PaymentNotFoundException(payment.id().toString());
        }
        if (current.version() != payment.version()) {
            throw new ConcurrentPaymentModificationException(payment.id().toString(), payment.version());
        }
        Payment stored = payment.toBuilder().version(current.version() + 1).build();
        payments.put(stored.id(), stored);
        if (stored.status().isFinal() && !current.status().isFinal()) {
            finished.addLast(stored.id());
            while (finished.size() > capacity) {
                Payment gone = payments.remove(finished.removeFirst());
                if (gone != null) {
                    byKey.remove(gone.idempotencyKey());
                }
            }
        }
        return stored;
    }

    @Override
    public List<Payment> claimStalePending(Instant staleBefore, Instant now, Duration lease, int limit) {
        return List.of();
    }

    @Override
    public synchronized boolean recordInbound(InboxEntry entry) {
        return inbox.putIfAbsent(entry.key(), entry) == null;
    }

    @Override
    public void markInboundProcessed(InboxKey key, Instant at, String outcome) {
    }

    @Override
    public List<InboxEntry> findUnprocessedInbound(Instant receivedBefore, int limit) {
        return List.of();
    }

    @Override
    public synchronized Optional<InboxEntry> findInbound(InboxKey key) {
        return Optional.ofNullable(inbox.get(key));
    }

    @Override
    public List<Payment> findRecent(int limit) {
        return List.of();
    }

    synchronized int size() {
        return payments.size();
    }

    // The memory benchmark takes no refunds: this store keeps none, says so when asked to, and
    // has none pending for reconciliation.

    @Override
    public RefundWrite insertRefund(Refund refund, Payment reserving) {
        throw new UnsupportedOperationException("the memory benchmark's store keeps no refunds");
    }

    @Override
    public RefundWrite updateRefund(Refund refund, Payment payment) {
        throw new UnsupportedOperationException("the memory benchmark's store keeps no refunds");
    }

    @Override
    public Optional<Refund> findRefund(RefundId id) {
        return Optional.empty();
    }

    @Override
    public Optional<Refund> findRefundByIdempotencyKey(String idempotencyKey) {
        return Optional.empty();
    }

    @Override
    public List<Refund> findRefunds(PaymentId paymentId) {
        return List.of();
    }

    @Override
    public List<Refund> claimStalePendingRefunds(Instant staleBefore, Instant now, Duration lease,
            int limit) {
        return List.of();
    }

    // Nor does it keep events or anomalies: the memory benchmark registers no listener and reads
    // no feed, and a store that kept them would measure its own growth, not the library's.

    @Override
    public void recordAnomaly(PaymentAnomaly anomaly) {
    }

    @Override
    public Optional<StoredAnomaly> findAnomaly(UUID id) {
        return Optional.empty();
    }

    @Override
    public List<StoredAnomaly> findAnomalies(boolean openOnly, int limit) {
        return List.of();
    }

    @Override
    public boolean acknowledgeAnomaly(UUID id, String by, Instant at) {
        return false;
    }

    @Override
    public int sequenceEvents(int limit) {
        return 0;
    }

    @Override
    public List<PaymentEvent> findEvents(long afterPosition, int limit) {
        return List.of();
    }

    @Override
    public List<PaymentEvent> findEventsOf(PaymentId paymentId) {
        return List.of();
    }

    @Override
    public List<PaymentEvent> claimEvents(Instant now, Duration lease, int limit,
            PaymentId onlyFor) {
        return List.of();
    }

    @Override
    public void markEventDelivered(UUID eventId, Instant at) {
    }

    @Override
    public void markEventFailed(UUID eventId, Instant retryAt, boolean park, String error) {
    }

    @Override
    public long countParkedEvents() {
        return 0;
    }

    @Override
    public int redriveParkedEvents(Instant now, int limit) {
        return 0;
    }

    @Override
    public int purgeDeliveredEvents(Instant deliveredBefore, int limit) {
        return 0;
    }
}
