package org.dusangire.payment.simulator.mtn;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The simulator's own view of one request-to-pay, as a snapshot.
 *
 * @param reference              the X-Reference-Id (lower case)
 * @param status                 current status
 * @param reason                 failure code on FAILED, else {@code null}
 * @param financialTransactionId MTN ledger id on SUCCESSFUL, else {@code null}
 * @param amount                 amount requested
 * @param currency               currency code
 * @param externalId             the merchant's id, may be {@code null}
 * @param payerIdType            payer party id type, such as {@code MSISDN}
 * @param payerId                payer party id
 * @param payerMessage           message for the payer, may be {@code null}
 * @param payeeNote              note for the payee, may be {@code null}
 * @param callbackUrl            X-Callback-Url sent, may be {@code null}
 * @param createdAt              when the simulator accepted it
 * @param statusPolls            how many status GETs it has answered
 * @param refunded               total refunded so far
 */
public record MtnPaymentState(String reference, MtnStatus status, String reason,
                              String financialTransactionId, BigDecimal amount, String currency,
                              String externalId, String payerIdType, String payerId,
                              String payerMessage, String payeeNote, String callbackUrl,
                              Instant createdAt, int statusPolls, BigDecimal refunded) {

    /** Whether the status is final. */
    public boolean isFinal() {
        return status != MtnStatus.PENDING;
    }
}
