package org.dusangire.payment.core.port;

import java.util.Objects;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;

/**
 * A refund to send to the provider. The service builds it from the stored refund record, so a
 * refund sent again (its first answer was lost and the provider says it never had it) carries
 * the same {@code refundId}.
 *
 * @param payment  the paid payment to refund, as stored with this refund's amount reserved
 * @param amount   how much to give back
 * @param refundId our id for this refund (a UUID), the same on every attempt
 * @param reason   free text for the provider's records; may be {@code null}
 */
public record RefundRequest(Payment payment, Money amount, String refundId, String reason) {
    public RefundRequest {
        Objects.requireNonNull(payment, "payment must not be null");
        Objects.requireNonNull(amount, "amount must not be null");
        Objects.requireNonNull(refundId, "refundId must not be null");
    }

    /** True when the amount is everything paid that no succeeded refund gave back yet. */
    public boolean isFull() {
        return amount.compareTo(payment.money().minus(payment.refundedAmount())) == 0;
    }
}
