package org.dusangire.payment.core.port;

import java.util.Objects;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;

/**
 * A refund to send to the provider.
 *
 * @param payment  the succeeded payment to refund
 * @param amount   how much to give back (the whole refundable amount for a full refund)
 * @param refundId our unique id for this refund (a UUID), reused if the refund is retried
 * @param reason   free text for the provider's records; may be {@code null}
 */
public record RefundRequest(Payment payment, Money amount, String refundId, String reason) {
    public RefundRequest {
        Objects.requireNonNull(payment, "payment must not be null");
        Objects.requireNonNull(amount, "amount must not be null");
        Objects.requireNonNull(refundId, "refundId must not be null");
    }

    /** True when the amount is everything still refundable. */
    public boolean isFull() {
        return amount.compareTo(payment.refundableAmount()) == 0;
    }
}
