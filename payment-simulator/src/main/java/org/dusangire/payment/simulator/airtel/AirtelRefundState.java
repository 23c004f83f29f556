package org.dusangire.payment.simulator.airtel;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One refund the simulator paid out: the full reversal of a TS payment.
 *
 * @param airtelMoneyId         the refund's own Airtel money id, as the refund answer carries it
 * @param transactionId         our {@code transaction.id} of the reversed payment
 * @param reversedAirtelMoneyId the Airtel money id of the reversed payment
 * @param amount                what went back to the payer: the payment's whole amount
 * @param currency              the currency
 * @param reversedAt            when the simulator reversed it
 */
public record AirtelRefundState(String airtelMoneyId, String transactionId,
                                String reversedAirtelMoneyId, BigDecimal amount, String currency,
                                Instant reversedAt) {
}
