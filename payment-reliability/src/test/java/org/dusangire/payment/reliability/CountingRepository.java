package org.dusangire.payment.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentRepository;

/** Counts every write, so a test can prove that a request changed nothing. */
final class CountingRepository implements PaymentRepository {
    private final PaymentRepository store;
    final AtomicLong writes = new AtomicLong();

    CountingRepository(PaymentRepository store) {
        this.store = store;
    }

    @Override
    public Payment insert(Payment payment) {
        writes.incrementAndGet();
        return store.insert(payment);
    }

    @Override
    public Payment update(Payment payment, InboxKey processedEvent) {
        writes.incrementAndGet();
        return store.update(payment, processedEvent);
    }

    @Override
    public boolean recordInbound(InboxEntry entry) {
        writes.incrementAndGet();
        return store.recordInbound(entry);
    }

    @Override
    public void markInboundProcessed(InboxKey key, Instant at, String outcome) {
        writes.incrementAndGet();
        store.markInboundProcessed(key, at, outcome);
    }

    @Override
    public List<Payment> claimStalePending(Instant staleBefore, Instant now, Duration lease, int limit) {
        writes.incrementAndGet();
        return store.claimStalePending(staleBefore, now, lease, limit);
    }

    @Override
    public Optional<Payment> findById(PaymentId id) {
        return store.findById(id);
    }

    @Override
    public Optional<Payment> findByIdempotencyKey(String idempotencyKey) {
        return store.findByIdempotencyKey(idempotencyKey);
    }

    @Override
    public Optional<Payment> findByProviderReference(String gatewayName, String providerReference) {
        return store.findByProviderReference(gatewayName, providerReference);
    }

    @Override
    public List<InboxEntry> findUnprocessedInbound(Instant receivedBefore, int limit) {
        return store.findUnprocessedInbound(receivedBefore, limit);
    }

    @Override
    public Optional<InboxEntry> findInbound(InboxKey key) {
        return store.findInbound(key);
    }

    @Override
    public List<Payment> findRecent(int limit) {
        return store.findRecent(limit);
    }
}
