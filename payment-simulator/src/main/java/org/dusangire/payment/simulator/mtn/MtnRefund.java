package org.dusangire.payment.simulator.mtn;

import java.math.BigDecimal;

/**
 * A refund accepted by the simulated Disbursement product; refunds succeed at once.
 */
record MtnRefund(String reference, String originalReference, BigDecimal amount, String currency,
                 String externalId, String payeeId, String payerMessage, String payeeNote,
                 String financialTransactionId) {
}
