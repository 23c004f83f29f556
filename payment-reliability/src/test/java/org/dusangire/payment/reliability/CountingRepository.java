package org.dusangire.payment.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.ClaimedUpdate;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.testkit.ForwardingPaymentRepository;

/** Counts every write, so a test can prove that a request changed nothing. */
final class CountingRepository extends ForwardingPaymentRepository {
    final AtomicLong writes = new AtomicLong();

    CountingRepository(PaymentRepository store) {
        super(store);
    }

    @Override
    public Payment insert(Payment payment) {
        writes.incrementAndGet();
        return super.insert(payment);
    }

    @Override
    public Payment update(Payment payment, InboxKey processedEvent, PaymentAnomaly anomaly) {
        writes.incrementAndGet();
        return super.update(payment, processedEvent, anomaly);
    }

    @Override
    public ClaimedUpdate updateAndClaim(Payment payment, InboxKey processedEvent,
            PaymentAnomaly anomaly, List<UUID> eventIds, Instant now, Duration lease) {
        writes.incrementAndGet();
        return super.updateAndClaim(payment, processedEvent, anomaly, eventIds, now, lease);
    }

    @Override
    public boolean recordInbound(InboxEntry entry) {
        writes.incrementAndGet();
        return super.recordInbound(entry);
    }

    @Override
    public void markInboundProcessed(InboxKey key, Instant at, String outcome) {
        writes.incrementAndGet();
        super.markInboundProcessed(key, at, outcome);
    }

    @Override
    public List<Payment> claimStalePending(Instant staleBefore, Instant now, Duration lease, int limit) {
        writes.incrementAndGet();
        return super.claimStalePending(staleBefore, now, lease, limit);
    }

    @Override
    public int purgeProcessedInbound(Instant processedBefore, int limit) {
        writes.incrementAndGet();
        return super.purgeProcessedInbound(processedBefore, limit);
    }
}
