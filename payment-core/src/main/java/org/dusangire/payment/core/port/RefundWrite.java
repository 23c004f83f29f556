package org.dusangire.payment.core.port;

import java.util.Objects;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.Refund;

/**
 * A refund and its payment as one write stored them, both with incremented versions.
 *
 * @param refund  the stored refund
 * @param payment the stored payment; {@code null} when the write did not change the payment
 */
public record RefundWrite(Refund refund, Payment payment) {
    public RefundWrite {
        Objects.requireNonNull(refund, "refund must not be null");
    }
}
