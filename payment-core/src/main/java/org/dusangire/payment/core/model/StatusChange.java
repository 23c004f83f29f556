package org.dusangire.payment.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a payment's history.
 *
 * @param from   the status before, {@code null} for the creation entry
 * @param to     the status after
 * @param at     when it happened
 * @param trigger what caused it
 * @param detail a failure reason, who confirmed a cash payment, and so on; may be {@code null}
 */
public record StatusChange(PaymentStatus from, PaymentStatus to, Instant at, Trigger trigger,
        String detail) {
    public StatusChange {
        Objects.requireNonNull(to, "to must not be null");
        Objects.requireNonNull(at, "at must not be null");
        Objects.requireNonNull(trigger, "trigger must not be null");
    }
}
