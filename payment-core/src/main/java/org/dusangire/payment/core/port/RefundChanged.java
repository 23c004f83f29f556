package org.dusangire.payment.core.port;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundStatus;

/**
 * A stored change of a refund's status, told to listeners after it was committed, at least once
 * (drop a repeat by {@link #eventId()}): its creation (from {@code null} to PENDING, the amount
 * now reserved) and its settlement.
 *
 * @param refund  the refund as stored when the event is delivered
 * @param payment the payment as stored when the event is delivered
 * @param from    the status before; {@code null} when the refund was created
 * @param to      the status after
 * @param at      when it was applied
 * @param eventId the stored event's stable id
 */
public record RefundChanged(Refund refund, Payment payment, RefundStatus from, RefundStatus to,
        Instant at, UUID eventId) {
    public RefundChanged {
        Objects.requireNonNull(refund, "refund must not be null");
        Objects.requireNonNull(payment, "payment must not be null");
        Objects.requireNonNull(to, "to must not be null");
        Objects.requireNonNull(at, "at must not be null");
    }

    /**
     * True when this refund just succeeded: the money went back to the payer ({@code
     * refund().amount()}, the whole payment or part of it). A created (PENDING) or FAILED
     * refund returned nothing.
     */
    public boolean isRefunded() {
        return to == RefundStatus.SUCCEEDED;
    }
}
