package org.dusangire.payment.core.port;

import java.util.Objects;
import org.dusangire.payment.core.model.Payment;

/**
 * What {@link PaymentRepository#updateAndClaim} stored: the payment, and whether the events the
 * write stored are claimed by the caller for delivery right away.
 *
 * @param payment       the stored payment, its version incremented
 * @param eventsClaimed {@code true} when every event the write stored is now claimed by the
 *                      caller; {@code false} when none is (an earlier event of the payment is
 *                      still open, or the store claims nothing in its writes)
 */
public record ClaimedUpdate(Payment payment, boolean eventsClaimed) {
    public ClaimedUpdate {
        Objects.requireNonNull(payment, "payment must not be null");
    }
}
