package org.dusangire.payment.simulator.mtn;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A refund accepted by the simulated Disbursement product. It succeeds at once, or stays PENDING
 * until the control API completes or fails it when the simulator holds refunds; its status moves
 * from PENDING to a final value exactly once, by compare-and-set.
 */
final class MtnRefund {

    record Request(String reference, String originalReference, BigDecimal amount, String currency,
                   String externalId, String payeeId, String payerMessage, String payeeNote) {
    }

    private final Request request;
    private final AtomicReference<MtnPayment.Outcome> outcome =
            new AtomicReference<>(MtnPayment.Outcome.PENDING);

    MtnRefund(Request request) {
        this.request = request;
    }

    Request request() {
        return request;
    }

    String reference() {
        return request.reference();
    }

    MtnPayment.Outcome outcome() {
        return outcome.get();
    }

    /** Moves to a final outcome; false when it already was final. */
    boolean finish(MtnPayment.Outcome next) {
        return outcome.compareAndSet(MtnPayment.Outcome.PENDING, next);
    }

    MtnRefundState snapshot() {
        MtnPayment.Outcome now = outcome.get();
        return new MtnRefundState(request.reference(), request.originalReference(),
                request.amount(), request.currency(), now.status(), now.reason(),
                now.financialTransactionId());
    }
}
