package org.dusangire.payment.core.model;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dusangire.payment.core.error.IllegalPaymentStateException;

/**
 * The payment aggregate. Immutable: every change returns a new instance, and the repository
 * stores it only if nobody else changed the payment since it was read (see {@link #version()}).
 * Status changes go through {@link #transition} so the state machine of {@link PaymentStatus}
 * is enforced in one place and every change lands in the history.
 */
public final class Payment {
    private final PaymentId id;
    private final String orderReference;
    private final String idempotencyKey;
    private final Money money;
    private final PaymentMethod method;
    private final Payer payer;
    private final String description;
    private final PaymentStatus status;
    private final String gatewayName;
    private final String providerReference;
    private final String providerTransactionId;
    private final String callbackToken;
    private final URI paymentLink;
    private final String lastGatewayResponse;
    private final String failureReason;
    private final boolean outcomeUnknown;
    private final Money refundedAmount;
    private final Money refundReservedAmount;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Instant expiresAt;
    private final long version;
    private final List<StatusChange> history;

    private Payment(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id must not be null");
        this.orderReference = Objects.requireNonNull(b.orderReference, "orderReference must not be null");
        this.idempotencyKey = Objects.requireNonNull(b.idempotencyKey, "idempotencyKey must not be null");
        this.money = Objects.requireNonNull(b.money, "money must not be null");
        this.method = Objects.requireNonNull(b.method, "method must not be null");
        this.payer = b.payer == null ? Payer.none() : b.payer;
        this.description = b.description;
        this.status = Objects.requireNonNull(b.status, "status must not be null");
        this.gatewayName = Objects.requireNonNull(b.gatewayName, "gatewayName must not be null");
        this.providerReference = b.providerReference != null ? b.providerReference
                : b.providerReferencePending ? null : b.id.toString();
        this.providerTransactionId = b.providerTransactionId;
        this.callbackToken = b.callbackToken;
        this.paymentLink = b.paymentLink;
        this.lastGatewayResponse = b.lastGatewayResponse;
        this.failureReason = b.failureReason;
        this.outcomeUnknown = b.outcomeUnknown;
        this.refundedAmount = b.refundedAmount == null
                || (b.refundedAmount.isZero() && !b.refundedAmount.currency().equals(b.money.currency()))
                ? Money.zero(b.money.currency()) : b.refundedAmount;
        if (!refundedAmount.currency().equals(money.currency())) {
            throw new IllegalArgumentException("refundedAmount must be in " + money.currency());
        }
        this.refundReservedAmount = b.refundReservedAmount == null
                || (b.refundReservedAmount.isZero()
                        && !b.refundReservedAmount.currency().equals(b.money.currency()))
                ? Money.zero(b.money.currency()) : b.refundReservedAmount;
        if (!refundReservedAmount.currency().equals(money.currency())) {
            throw new IllegalArgumentException("refundReservedAmount must be in " + money.currency());
        }
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt must not be null");
        this.updatedAt = b.updatedAt == null ? b.createdAt : b.updatedAt;
        this.expiresAt = Objects.requireNonNull(b.expiresAt, "expiresAt must not be null");
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
     * Moves to {@code next}, recording why in the history.
     *
     * @throws IllegalPaymentStateException when the state machine forbids the move
     */
    public Payment transition(PaymentStatus next, Trigger trigger, Instant at, String detail) {
        if (!status.canBecome(next)) {
            throw new IllegalPaymentStateException("payment " + id + " cannot go from " + status
                    + " to " + next, id.toString());
        }
        Builder b = toBuilder().status(next).updatedAt(at).outcomeUnknown(false);
        b.history.add(new StatusChange(status, next, at, trigger, detail));
        if (next == PaymentStatus.FAILED || next == PaymentStatus.CANCELLED
                || next == PaymentStatus.EXPIRED) {
            b.failureReason(detail);
        }
        return b.build();
    }

    /** True when the payment is still pending at {@code now} but its time to live has passed. */
    public boolean isExpiredAt(Instant now) {
        return status == PaymentStatus.PENDING && !now.isBefore(expiresAt);
    }

    /**
     * What is left to refund: the amount paid minus what was refunded already and minus what
     * pending refunds hold reserved ({@code paid - succeeded - pending}).
     */
    public Money refundableAmount() {
        return status.isPaid() ? money.minus(refundedAmount).minus(refundReservedAmount)
                : Money.zero(money.currency());
    }

    public PaymentId id() {
        return id;
    }

    /** The host's own order or bill reference. */
    public String orderReference() {
        return orderReference;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public Money money() {
        return money;
    }

    public PaymentMethod method() {
        return method;
    }

    public Payer payer() {
        return payer;
    }

    /** Text shown to the payer (payer message, checkout title); may be {@code null}. */
    public String description() {
        return description;
    }

    public PaymentStatus status() {
        return status;
    }

    public String gatewayName() {
        return gatewayName;
    }

    /**
     * The reference the provider knows this payment by: our payment id for gateways that take
     * ours, the provider's own (M-Pesa's {@code CheckoutRequestID}) for gateways that assign one;
     * {@code null} while such a gateway has not told it yet.
     */
    public String providerReference() {
        return providerReference;
    }

    /** False while a provider that assigns its own reference has not told it yet. */
    public boolean providerReferenceKnown() {
        return providerReference != null;
    }

    /** The provider's own transaction id (MTN financialTransactionId, Airtel airtel_money_id, Flutterwave id). */
    public String providerTransactionId() {
        return providerTransactionId;
    }

    /** Unguessable per-payment token carried in the callback URL of providers that sign nothing. */
    public String callbackToken() {
        return callbackToken;
    }

    /** Hosted checkout page for redirect methods; {@code null} otherwise. */
    public URI paymentLink() {
        return paymentLink;
    }

    /** The provider's last answer, secrets removed; for support and audits. */
    public String lastGatewayResponse() {
        return lastGatewayResponse;
    }

    public String failureReason() {
        return failureReason;
    }

    /**
     * True while we do not know whether the provider received the initiation (it timed out or
     * answered 5xx). Reconciliation settles it by status query with the same reference.
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /** What succeeded refunds gave back. */
    public Money refundedAmount() {
        return refundedAmount;
    }

    /** What pending refunds hold reserved: sent or about to be sent, not yet final. */
    public Money refundReservedAmount() {
        return refundReservedAmount;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** When a still-pending payment is given up as expired. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** Optimistic-lock version; the repository increments it on every stored change. */
    public long version() {
        return version;
    }

    public List<StatusChange> history() {
        return history;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Payment p && p.id.equals(id) && p.version == version
                && p.status == status;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version, status);
    }

    @Override
    public String toString() {
        return "Payment[" + id + " " + method + " " + money + " " + status + " v" + version
                + " via " + gatewayName + (outcomeUnknown ? " outcome-unknown" : "") + "]";
    }

    /** Builder for new payments and for changed copies ({@link Payment#toBuilder()}). */
    public static final class Builder {
        private PaymentId id;
        private String orderReference;
        private String idempotencyKey;
        private Money money;
        private PaymentMethod method;
        private Payer payer;
        private String description;
        private PaymentStatus status = PaymentStatus.PENDING;
        private String gatewayName;
        private String providerReference;
        private boolean providerReferencePending;
        private String providerTransactionId;
        private String callbackToken;
        private URI paymentLink;
        private String lastGatewayResponse;
        private String failureReason;
        private boolean outcomeUnknown;
        private Money refundedAmount;
        private Money refundReservedAmount;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant expiresAt;
        private long version;
        private final List<StatusChange> history = new ArrayList<>();

        private Builder() {
        }

        private Builder(Payment p) {
            id = p.id;
            orderReference = p.orderReference;
            idempotencyKey = p.idempotencyKey;
            money = p.money;
            method = p.method;
            payer = p.payer;
            description = p.description;
            status = p.status;
            gatewayName = p.gatewayName;
            providerReference = p.providerReference;
            providerReferencePending = p.providerReference == null;
            providerTransactionId = p.providerTransactionId;
            callbackToken = p.callbackToken;
            paymentLink = p.paymentLink;
            lastGatewayResponse = p.lastGatewayResponse;
            failureReason = p.failureReason;
            outcomeUnknown = p.outcomeUnknown;
            refundedAmount = p.refundedAmount;
            refundReservedAmount = p.refundReservedAmount;
            createdAt = p.createdAt;
            updatedAt = p.updatedAt;
            expiresAt = p.expiresAt;
            version = p.version;
            history.addAll(p.history);
        }

        public Builder id(PaymentId id) { this.id = id; return this; }
        public Builder orderReference(String v) { this.orderReference = v; return this; }
        public Builder idempotencyKey(String v) { this.idempotencyKey = v; return this; }
        public Builder money(Money v) { this.money = v; return this; }
        public Builder method(PaymentMethod v) { this.method = v; return this; }
        public Builder payer(Payer v) { this.payer = v; return this; }
        public Builder description(String v) { this.description = v; return this; }
        /** Sets the status directly; for repositories rebuilding a stored payment. */
        public Builder status(PaymentStatus v) { this.status = v; return this; }
        public Builder gatewayName(String v) { this.gatewayName = v; return this; }
        /** The provider's reference; left unset (or {@code null}), it is the payment's id. */
        public Builder providerReference(String v) { this.providerReference = v; return this; }
        /** No provider reference yet: the gateway's provider assigns its own at initiation. */
        public Builder awaitingProviderReference() {
            this.providerReference = null;
            this.providerReferencePending = true;
            return this;
        }
        public Builder providerTransactionId(String v) { this.providerTransactionId = v; return this; }
        public Builder callbackToken(String v) { this.callbackToken = v; return this; }
        public Builder paymentLink(URI v) { this.paymentLink = v; return this; }
        public Builder lastGatewayResponse(String v) { this.lastGatewayResponse = v; return this; }
        public Builder failureReason(String v) { this.failureReason = v; return this; }
        public Builder outcomeUnknown(boolean v) { this.outcomeUnknown = v; return this; }
        public Builder refundedAmount(Money v) { this.refundedAmount = v; return this; }
        public Builder refundReservedAmount(Money v) { this.refundReservedAmount = v; return this; }
        public Builder createdAt(Instant v) { this.createdAt = v; return this; }
        public Builder updatedAt(Instant v) { this.updatedAt = v; return this; }
        public Builder expiresAt(Instant v) { this.expiresAt = v; return this; }
        public Builder version(long v) { this.version = v; return this; }

        /** Replaces the history; for repositories rebuilding a stored payment. */
        public Builder history(List<StatusChange> v) {
            history.clear();
            history.addAll(v);
            return this;
        }

        /** Appends one history entry. */
        public Builder addHistory(StatusChange change) {
            history.add(change);
            return this;
        }

        public Payment build() {
            return new Payment(this);
        }
    }
}
