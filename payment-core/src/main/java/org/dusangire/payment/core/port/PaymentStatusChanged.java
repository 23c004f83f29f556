package org.dusangire.payment.core.port;

import java.time.Instant;
import java.util.Objects;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Trigger;

/**
 * A stored status change, told to listeners once, after it was committed.
 *
 * @param payment the payment as stored after the change
 * @param from    the status before
 * @param to      the status after
 * @param trigger what caused it
 * @param at      when it was applied
 */
public record PaymentStatusChanged(Payment payment, PaymentStatus from, PaymentStatus to,
        Trigger trigger, Instant at) {
    public PaymentStatusChanged {
        Objects.requireNonNull(payment, "payment must not be null");
        Objects.requireNonNull(to, "to must not be null");
    }
}
