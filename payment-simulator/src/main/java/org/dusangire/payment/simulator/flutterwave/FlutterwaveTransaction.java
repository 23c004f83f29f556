package org.dusangire.payment.simulator.flutterwave;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The simulator's view of one transaction (one payment attempt under a {@code tx_ref}).
 *
 * @param id                Flutterwave's transaction id; above {@link Integer#MAX_VALUE}, so
 *                          clients that hold it in an {@code int} break at once
 * @param txRef             the merchant's reference
 * @param flwRef            Flutterwave's reference ({@code FLW-MOCK-...} in test mode)
 * @param amount            the amount of the charge in major units
 * @param chargedAmount     what the customer was charged (amount plus fee when the customer pays it)
 * @param appFee            Flutterwave's fee
 * @param currency          ISO code the customer paid in
 * @param status            {@code successful}, {@code failed} or {@code pending}
 * @param paymentType       {@code card} or {@code bank_transfer}
 * @param processorResponse the processor's message, e.g. {@code Approved} or {@code Declined}
 * @param createdAt         when the attempt was made
 * @param refunded          the total refunded so far
 */
public record FlutterwaveTransaction(long id, String txRef, String flwRef, BigDecimal amount,
                                     BigDecimal chargedAmount, BigDecimal appFee, String currency,
                                     String status, String paymentType, String processorResponse,
                                     Instant createdAt, BigDecimal refunded) {

    /** Whether the status is final ({@code successful} or {@code failed}). */
    public boolean isFinal() {
        return !"pending".equals(status);
    }
}
