package org.dusangire.payment.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dusangire.payment.core.error.PaymentStoreUnavailableException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentRepository;

/** Delegates to a real repository but fails every inbox write, as a store that went down would. */
final class FailingInboxRepository implements PaymentRepository {
    private final PaymentRepository delegate;

    FailingInboxRepository(PaymentRepository delegate) {
        this.delegate = delegate;
    }

    @Override public Payment insert(Payment payment) { return delegate.insert(payment); }
    @Override public Optional<Payment> findById(PaymentId id) { return delegate.findById(id); }
    @Override public Optional<Payment> findByIdempotencyKey(String key) { return delegate.findByIdempotencyKey(key); }
    @Override public Optional<Payment> findByProviderReference(String g, String r) { return delegate.findByProviderReference(g, r); }
    @Override public Payment update(Payment payment, InboxKey processed) { return delegate.update(payment, processed); }
    @Override public List<Payment> claimStalePending(Instant s, Instant n, Duration l, int limit) { return delegate.claimStalePending(s, n, l, limit); }
    @Override public void markInboundProcessed(InboxKey key, Instant at, String outcome) { delegate.markInboundProcessed(key, at, outcome); }
    @Override public List<InboxEntry> findUnprocessedInbound(Instant before, int limit) { return delegate.findUnprocessedInbound(before, limit); }
    @Override public Optional<InboxEntry> findInbound(InboxKey key) { return delegate.findInbound(key); }
    @Override public List<Payment> findRecent(int limit) { return delegate.findRecent(limit); }

    @Override
    public boolean recordInbound(InboxEntry entry) {
        throw new PaymentStoreUnavailableException("connection refused", null);
    }
}
