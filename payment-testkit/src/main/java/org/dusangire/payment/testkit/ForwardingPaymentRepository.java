package org.dusangire.payment.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentRepository;
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
    public Payment update(Payment payment, InboxKey processedEvent) {
        return delegate().update(payment, processedEvent);
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
}
