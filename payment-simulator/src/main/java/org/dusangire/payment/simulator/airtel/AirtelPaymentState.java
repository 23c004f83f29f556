package org.dusangire.payment.simulator.airtel;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The simulator's own view of one payment, for assertions and the control API.
 *
 * @param id            our {@code transaction.id}
 * @param status        the current status
 * @param responseCode  the DP response code of the current status (why it failed, for TF)
 * @param message       Airtel's message for the status
 * @param airtelMoneyId Airtel's id, only once TS
 * @param msisdn        the subscriber's national number as sent
 * @param amount        the amount as sent
 * @param currency      the transaction currency
 * @param country       the transaction country
 * @param reference     the free text shown to the payer
 * @param signed        whether it came through the signed v2 endpoint
 * @param refunded      whether a refund reversed it (status TR)
 * @param createdAt     when the simulator accepted it
 */
public record AirtelPaymentState(String id, AirtelStatus status, String responseCode,
                                 String message, String airtelMoneyId, String msisdn,
                                 BigDecimal amount, String currency, String country,
                                 String reference, boolean signed, boolean refunded,
                                 Instant createdAt) {
}
