package org.dusangire.payment.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a refund's history.
 *
 * @param from    the status before, {@code null} for the creation entry
 * @param to      the status after
 * @param at      when it happened
 * @param trigger what caused it ({@link Trigger#REFUND} when it was sent, {@link Trigger#RECONCILE}
 *                or {@link Trigger#VERIFY} when a status check settled it)
 * @param detail  the provider's failure code, who handed cash back, and so on; may be {@code null}
 */
public record RefundChange(RefundStatus from, RefundStatus to, Instant at, Trigger trigger,
        String detail) {
    public RefundChange {
        Objects.requireNonNull(to, "to must not be null");
        Objects.requireNonNull(at, "at must not be null");
        Objects.requireNonNull(trigger, "trigger must not be null");
    }
}
