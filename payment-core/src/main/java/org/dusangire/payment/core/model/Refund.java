package org.dusangire.payment.core.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dusangire.payment.core.error.IllegalPaymentStateException;

/**
 * A refund of (part of) a paid payment: a stored record of its own, written together with the
 * payment's reservation before the provider is called. Immutable like {@link Payment}; the
 * repository stores a change only if nobody else changed the refund since it was read.
 *
 * <p>Its {@link #id()} is generated once and is the reference every attempt to send it carries,
 * so a refund whose answer was lost is sent again, if ever, under the same id and never as a
 * second refund.
 */
public final class Refund {
    private final RefundId id;
    private final PaymentId paymentId;
    private final String idempotencyKey;
    private final String gatewayName;
    private final Money amount;
    private final String reason;
    private final String actor;
    private final RefundStatus status;
    private final boolean outcomeUnknown;
    private final String providerTransactionId;
    private final String lastGatewayResponse;
    private final String failureReason;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final long version;
    private final List<RefundChange> history;

    private Refund(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id must not be null");
        this.paymentId = Objects.requireNonNull(b.paymentId, "paymentId must not be null");
        this.idempotencyKey = b.idempotencyKey;
        this.gatewayName = Objects.requireNonNull(b.gatewayName, "gatewayName must not be null");
        this.amount = Objects.requireNonNull(b.amount, "amount must not be null");
        this.reason = b.reason;
        this.actor = b.actor;
        this.status = Objects.requireNonNull(b.status, "status must not be null");
        this.outcomeUnknown = b.outcomeUnknown;
        this.providerTransactionId = b.providerTransactionId;
        this.lastGatewayResponse = b.lastGatewayResponse;
        this.failureReason = b.failureReason;
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt must not be null");
        this.updatedAt = b.updatedAt == null ? b.createdAt : b.updatedAt;
        this.version = b.version;
        this.history = List.copyOf(b.history);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Moves to a final status, recording why in the history.
     *
     * @throws IllegalPaymentStateException when the refund is final already
     */
    public Refund transition(RefundStatus next, Trigger trigger, Instant at, String detail) {
        if (status.isFinal() || next == RefundStatus.PENDING) {
            throw new IllegalPaymentStateException("refund " + id + " cannot go from " + status
                    + " to " + next, paymentId.toString());
        }
        Builder b = toBuilder().status(next).updatedAt(at).outcomeUnknown(false);
        b.history.add(new RefundChange(status, next, at, trigger, detail));
        if (next == RefundStatus.FAILED) {
            b.failureReason(detail);
        }
        return b.build();
    }

    public RefundId id() {
        return id;
    }

    public PaymentId paymentId() {
        return paymentId;
    }

    /** The caller's idempotency key; {@code null} when the caller gave none. */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** The gateway of the payment, which sends and checks this refund. */
    public String gatewayName() {
        return gatewayName;
    }

    public Money amount() {
        return amount;
    }

    /** Why the money goes back; may be {@code null}. */
    public String reason() {
        return reason;
    }

    /** Who asked for the refund (for cash: who handed the money back); may be {@code null}. */
    public String actor() {
        return actor;
    }

    public RefundStatus status() {
        return status;
    }

    /**
     * True while we do not know whether the provider received the refund (the call timed out or
     * its answer was lost). Reconciliation settles it by asking the provider's refund status.
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /** The provider's own id for the refund (MTN none, Airtel's refund transaction id, Flutterwave's refund id). */
    public String providerTransactionId() {
        return providerTransactionId;
    }

    /** The provider's last answer, secrets removed. */
    public String lastGatewayResponse() {
        return lastGatewayResponse;
    }

    public String failureReason() {
        return failureReason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Optimistic-lock version; the repository increments it on every stored change. */
    public long version() {
        return version;
    }

    public List<RefundChange> history() {
        return history;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Refund r && r.id.equals(id) && r.version == version
                && r.status == status;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version, status);
    }

    @Override
    public String toString() {
        return "Refund[" + id + " of " + paymentId + " " + amount + " " + status + " v" + version
                + (outcomeUnknown ? " outcome-unknown" : "") + "]";
    }

    /** Builder for new refunds and for changed copies ({@link Refund#toBuilder()}). */
    public static final class Builder {
        private RefundId id;
        private PaymentId paymentId;
        private String idempotencyKey;
        private String gatewayName;
        private Money amount;
        private String reason;
        private String actor;
        private RefundStatus status = RefundStatus.PENDING;
        private boolean outcomeUnknown;
        private String providerTransactionId;
        private String lastGatewayResponse;
        private String failureReason;
        private Instant createdAt;
        private Instant updatedAt;
        private long version;
        private final List<RefundChange> history = new ArrayList<>();

        private Builder() {
        }

        private Builder(Refund r) {
            id = r.id;
            paymentId = r.paymentId;
            idempotencyKey = r.idempotencyKey;
            gatewayName = r.gatewayName;
            amount = r.amount;
            reason = r.reason;
            actor = r.actor;
            status = r.status;
            outcomeUnknown = r.outcomeUnknown;
            providerTransactionId = r.providerTransactionId;
            lastGatewayResponse = r.lastGatewayResponse;
            failureReason = r.failureReason;
            createdAt = r.createdAt;
            updatedAt = r.updatedAt;
            version = r.version;
            history.addAll(r.history);
        }

        public Builder id(RefundId v) { this.id = v; return this; }
        public Builder paymentId(PaymentId v) { this.paymentId = v; return this; }
        public Builder idempotencyKey(String v) { this.idempotencyKey = v; return this; }
        public Builder gatewayName(String v) { this.gatewayName = v; return this; }
        public Builder amount(Money v) { this.amount = v; return this; }
        public Builder reason(String v) { this.reason = v; return this; }
        public Builder actor(String v) { this.actor = v; return this; }
        /** Sets the status directly; for repositories rebuilding a stored refund. */
        public Builder status(RefundStatus v) { this.status = v; return this; }
        public Builder outcomeUnknown(boolean v) { this.outcomeUnknown = v; return this; }
        public Builder providerTransactionId(String v) { this.providerTransactionId = v; return this; }
        public Builder lastGatewayResponse(String v) { this.lastGatewayResponse = v; return this; }
        public Builder failureReason(String v) { this.failureReason = v; return this; }
        public Builder createdAt(Instant v) { this.createdAt = v; return this; }
        public Builder updatedAt(Instant v) { this.updatedAt = v; return this; }
        public Builder version(long v) { this.version = v; return this; }

        /** Replaces the history; for repositories rebuilding a stored refund. */
        public Builder history(List<RefundChange> v) {
            history.clear();
            history.addAll(v);
            return this;
        }

        /** Appends one history entry. */
        public Builder addHistory(RefundChange change) {
            history.add(change);
            return this;
        }

        public Refund build() {
            return new Refund(this);
        }
    }
}
