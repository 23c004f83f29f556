package org.dusangire.payment.webhooks.servlet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dusangire.payment.core.error.PaymentStoreUnavailableException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentRepository;

/** A repository that can be switched off, as a database outage looks to the service. */
final class OutageRepository implements PaymentRepository {
    private final PaymentRepository delegate;
    private final AtomicBoolean down = new AtomicBoolean();

    OutageRepository(PaymentRepository delegate) {
        this.delegate = delegate;
    }

    void down(boolean isDown) {
        down.set(isDown);
    }

    private void check() {
        if (down.get()) {
            throw new PaymentStoreUnavailableException("connection refused: jdbc:secret-host",
                    new java.io.IOException("db-password-in-message"));
        }
    }

    @Override
    public Payment insert(Payment payment) {
        check();
        return delegate.insert(payment);
    }

    @Override
    public Optional<Payment> findById(PaymentId id) {
        check();
        return delegate.findById(id);
    }

    @Override
    public Optional<Payment> findByIdempotencyKey(String idempotencyKey) {
        check();
        return delegate.findByIdempotencyKey(idempotencyKey);
    }

    @Override
    public Optional<Payment> findByProviderReference(String gatewayName, String providerReference) {
        check();
        return delegate.findByProviderReference(gatewayName, providerReference);
    }

    @Override
    public Payment update(Payment payment, InboxKey processedEvent) {
        check();
        return delegate.update(payment, processedEvent);
    }

    @Override
    public List<Payment> claimStalePending(Instant staleBefore, Instant now, Duration lease, int limit) {
        check();
        return delegate.claimStalePending(staleBefore, now, lease, limit);
    }

    @Override
    public boolean recordInbound(InboxEntry entry) {
        check();
        return delegate.recordInbound(entry);
    }

    @Override
    public void markInboundProcessed(InboxKey key, Instant at, String outcome) {
        check();
        delegate.markInboundProcessed(key, at, outcome);
    }

    @Override
    public List<InboxEntry> findUnprocessedInbound(Instant receivedBefore, int limit) {
        check();
        return delegate.findUnprocessedInbound(receivedBefore, limit);
    }

    @Override
    public Optional<InboxEntry> findInbound(InboxKey key) {
        check();
        return delegate.findInbound(key);
    }

    @Override
    public List<Payment> findRecent(int limit) {
        check();
        return delegate.findRecent(limit);
    }
}
