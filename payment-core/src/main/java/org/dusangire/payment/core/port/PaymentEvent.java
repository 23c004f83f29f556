package org.dusangire.payment.core.port;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundChange;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.model.StatusChange;
import org.dusangire.payment.core.model.Trigger;

/**
 * A stored change the host must hear of: a payment's status change, a refund's creation or
 * settlement, or an anomaly. The repository writes it in the same transaction as the change it
 * describes (the transactional outbox), so a change that was committed is never lost to the host;
 * the service delivers it to listeners at least once, and a host pulls it from the changes feed.
 *
 * <p>Its {@link #id()} is stable: derived from the payment or refund and the history entry, so a
 * host that records the ids it has handled can drop a second delivery.
 *
 * @param id             stable id, for the host's deduplication
 * @param position       place in the changes feed, in commit order; 0 until the event is
 *                       sequenced (see {@link PaymentRepository#sequenceEvents})
 * @param type           what changed
 * @param paymentId      the payment concerned; {@code null} for an anomaly about an unknown
 *                       reference
 * @param refundId       the refund concerned; {@code null} unless {@code type} is a refund change
 * @param orderReference the host's order reference; {@code null} for refund events and anomalies
 * @param gatewayName    the gateway of the payment, refund or anomaly
 * @param from           the status before (a {@code PaymentStatus} or {@code RefundStatus} name);
 *                       {@code null} when a refund was created and for anomalies
 * @param to             the status after; for anomalies, the anomaly's kind
 * @param trigger        what caused it; {@code null} for anomalies
 * @param amount         the payment's amount, or the refund's; {@code null} for anomalies
 * @param detail         why, as kept in the history; may be {@code null}
 * @param occurredAt     when the change was applied
 * @param attempts       how many deliveries to listeners failed so far
 */
public record PaymentEvent(UUID id, long position, Type type, PaymentId paymentId,
        RefundId refundId, String orderReference, String gatewayName, String from, String to,
        Trigger trigger, Money amount, String detail, Instant occurredAt, int attempts) {

    /** Kinds of event. */
    public enum Type {
        /** A payment moved to another status. */
        PAYMENT_STATUS_CHANGED,
        /** A refund was created (its amount reserved) or settled. */
        REFUND_STATUS_CHANGED,
        /** Something needs a person's attention; see {@link PaymentAnomaly}. */
        ANOMALY
    }

    /** Never used itself: {@link #stableId} digests with a copy. */
    private static final MessageDigest MD5 = newMd5();

    public PaymentEvent {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(to, "to must not be null");
        Objects.requireNonNull(occurredAt, "occurredAt must not be null");
    }

    /**
     * The event of a payment's history entry {@code index} (never the creation entry, which is
     * no change), as every store derives it.
     */
    public static PaymentEvent ofPaymentChange(Payment payment, int index) {
        StatusChange c = payment.history().get(index);
        if (c.from() == null) {
            throw new IllegalArgumentException("a payment's creation entry is not an event");
        }
        return new PaymentEvent(stableId("payment", payment.id().toString(), index), 0,
                Type.PAYMENT_STATUS_CHANGED, payment.id(), null, payment.orderReference(),
                payment.gatewayName(), c.from().name(), c.to().name(), c.trigger(),
                payment.money(), c.detail(), c.at(), 0);
    }

    /** The event of a refund's history entry {@code index}, its creation included. */
    public static PaymentEvent ofRefundChange(Refund refund, int index) {
        RefundChange c = refund.history().get(index);
        return new PaymentEvent(stableId("refund", refund.id().toString(), index), 0,
                Type.REFUND_STATUS_CHANGED, refund.paymentId(), refund.id(), null,
                refund.gatewayName(), c.from() == null ? null : c.from().name(), c.to().name(),
                c.trigger(), refund.amount(), c.detail(), c.at(), 0);
    }

    /** The event of an anomaly; its id is the anomaly's. */
    public static PaymentEvent ofAnomaly(PaymentAnomaly a) {
        PaymentId payment = null;
        try {
            payment = a.paymentReference() == null ? null : PaymentId.parse(a.paymentReference());
        } catch (RuntimeException e) {
            // an anomaly about a reference that is not ours names no payment
        }
        return new PaymentEvent(a.id(), 0, Type.ANOMALY,
                payment, null, null, a.gatewayName(), null, a.kind().name(), null, null,
                a.detail(), a.at(), 0);
    }

    /** True for a payment that just became SUCCEEDED: in the feed, the moment to give value. */
    public boolean isPaid() {
        return type == Type.PAYMENT_STATUS_CHANGED && PaymentStatus.SUCCEEDED.name().equals(to);
    }

    /** True for a refund that just succeeded: in the feed, the moment money went back. */
    public boolean isRefunded() {
        return type == Type.REFUND_STATUS_CHANGED && RefundStatus.SUCCEEDED.name().equals(to);
    }

    /** The same event with its feed position and failed delivery count, as a store reads it back. */
    public PaymentEvent withDelivery(long position, int attempts) {
        return new PaymentEvent(id, position, type, paymentId, refundId, orderReference,
                gatewayName, from, to, trigger, amount, detail, occurredAt, attempts);
    }

    /**
     * {@link UUID#nameUUIDFromBytes} of {@code kind:owner:index}, the same id, from a copy of one
     * MD5 digest rather than a new one looked up per event.
     */
    private static UUID stableId(String kind, String owner, int index) {
        byte[] md5 = md5().digest((kind + ":" + owner + ":" + index).getBytes(StandardCharsets.UTF_8));
        md5[6] = (byte) (md5[6] & 0x0f | 0x30); // version 3: name-based, MD5
        md5[8] = (byte) (md5[8] & 0x3f | 0x80); // the IETF variant
        return new UUID(ByteBuffer.wrap(md5, 0, 8).getLong(), ByteBuffer.wrap(md5, 8, 8).getLong());
    }

    private static MessageDigest md5() {
        try {
            return (MessageDigest) MD5.clone();
        } catch (CloneNotSupportedException e) {
            return newMd5();
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }
}
