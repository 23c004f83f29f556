package org.dusangire.payment.simulator.flutterwave;

import java.math.BigDecimal;
import java.time.Instant;

/** One refund against a transaction. */
record FlwRefund(long id, long transactionId, String flwRef, BigDecimal amount, String status,
                 String comments, Instant createdAt) {

    FlwRefund withStatus(String newStatus) {
        return new FlwRefund(id, transactionId, flwRef, amount, newStatus, comments, createdAt);
    }
}
