package org.dusangire.payment.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentRepository;

/**
 * A store whose process "dies" right after the provider accepted a payment: the update that
 * records the provider's answer (pending, outcome now known) never commits. Everything before
 * it, the insert included, is kept, as it would be in the database of a crashed host.
 */
final class CrashingRepository implements PaymentRepository {
    private final PaymentRepository store;
    final AtomicInteger crashes = new AtomicInteger();

    CrashingRepository(PaymentRepository store) {
        this.store = store;
    }

    /** Thrown where the process would have died. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("simulated crash between the provider's answer and our commit");
        }
    }

    @Override
    public Payment update(Payment payment, InboxKey processedEvent) {
        if (processedEvent == null && payment.status() == PaymentStatus.PENDING
                && !payment.outcomeUnknown()) {
            crashes.incrementAndGet();
            throw new Crash();
        }
        return store.update(payment, processedEvent);
    }

    @Override
    public Payment insert(Payment payment) {
        return store.insert(payment);
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
    public List<Payment> claimStalePending(Instant staleBefore, Instant now, Duration lease, int limit) {
        return store.claimStalePending(staleBefore, now, lease, limit);
    }

    @Override
    public boolean recordInbound(InboxEntry entry) {
        return store.recordInbound(entry);
    }

    @Override
    public void markInboundProcessed(InboxKey key, Instant at, String outcome) {
        store.markInboundProcessed(key, at, outcome);
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
