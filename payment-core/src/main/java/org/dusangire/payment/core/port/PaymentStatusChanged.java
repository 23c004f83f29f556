package org.dusangire.payment.core.port;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Trigger;

/**
 * A stored status change, told to listeners after it was committed: at least once, and again if
 * a listener failed (drop a repeat by {@link #eventId()}).
 *
 * @param payment the payment as this change stored it, or, when the event is delivered later (a
 *                retry, a delivery pass), as stored then; either way it may have changed again
 *                since ({@code to} is the change this event is about)
 * @param from    the status before
 * @param to      the status after
 * @param trigger what caused it
 * @param at      when it was applied
 * @param eventId the stored event's stable id
 */
public record PaymentStatusChanged(Payment payment, PaymentStatus from, PaymentStatus to,
        Trigger trigger, Instant at, UUID eventId) {
    public PaymentStatusChanged {
        Objects.requireNonNull(payment, "payment must not be null");
        Objects.requireNonNull(to, "to must not be null");
    }

    /** True when the payment just became SUCCEEDED: the moment to give value. */
    public boolean isPaid() {
        return to == PaymentStatus.SUCCEEDED;
    }
}
