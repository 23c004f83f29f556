package org.dusangire.payment.simulator.flutterwave;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The simulator's view of one refund.
 *
 * @param id            Flutterwave's refund id
 * @param transactionId the refunded transaction's id
 * @param txRef         the merchant's reference of that transaction
 * @param flwRef        the refunded transaction's Flutterwave reference
 * @param amount        the amount refunded, in major units
 * @param status        {@code completed}, {@code failed}, or in flight ({@code processing},
 *                      {@code pending-momo}, or what the simulator was told to answer)
 * @param comments      the merchant's note, as sent; may be {@code null}
 * @param createdAt     when the refund was initiated
 */
public record FlutterwaveRefund(long id, long transactionId, String txRef, String flwRef,
                                BigDecimal amount, String status, String comments,
                                Instant createdAt) {

    /** Whether the money went back to the customer. */
    public boolean paidOut() {
        return "completed".equals(status);
    }

    /** Whether Flutterwave gave the refund up: nothing went back, the amount is refundable again. */
    public boolean failed() {
        return "failed".equals(status);
    }
}
