package org.dusangire.payment.simulator.mtn;

import java.math.BigDecimal;

/**
 * The simulator's own view of one Disbursement refund, as a snapshot.
 *
 * @param reference              the refund's X-Reference-Id (lower case)
 * @param originalReference      the refunded request-to-pay's X-Reference-Id (lower case)
 * @param amount                 amount refunded
 * @param currency               currency code
 * @param status                 PENDING until paid out (SUCCESSFUL) or given up (FAILED)
 * @param reason                 failure code on FAILED, else {@code null}
 * @param financialTransactionId MTN ledger id on SUCCESSFUL, else {@code null}
 */
public record MtnRefundState(String reference, String originalReference, BigDecimal amount,
                             String currency, MtnStatus status, String reason,
                             String financialTransactionId) {

    /** Whether the money went back to the payer. */
    public boolean paidOut() {
        return status == MtnStatus.SUCCESSFUL;
    }
}
