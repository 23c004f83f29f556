package org.dusangire.payment.simulator.flutterwave;

import java.math.BigDecimal;
import java.time.Instant;

/** One refund against a transaction; {@code completed} means the money went back. */
record FlwRefund(long id, long transactionId, String flwRef, BigDecimal amount, String status,
                 String comments, Instant createdAt) {

    boolean completed() {
        return "completed".equals(status);
    }

    boolean failed() {
        return "failed".equals(status);
    }

    FlutterwaveRefund snapshot(String txRef) {
        return new FlutterwaveRefund(id, transactionId, txRef, flwRef, amount, status, comments,
                createdAt);
    }

    FlwRefund withStatus(String newStatus) {
        return new FlwRefund(id, transactionId, flwRef, amount, newStatus, comments, createdAt);
    }
}
