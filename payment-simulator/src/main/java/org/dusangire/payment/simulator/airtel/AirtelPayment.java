package org.dusangire.payment.simulator.airtel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Mutable state of one USSD-push payment. The outcome leaves TIP (or TA) for a final value exactly
 * once, by compare-and-set.
 */
final class AirtelPayment {

    record Outcome(AirtelStatus status, String responseCode, String message, String airtelMoneyId) {
        static final Outcome IN_PROGRESS = new Outcome(AirtelStatus.TIP, AirtelCodes.IN_PROCESS,
                "Transaction in progress", null);
    }

    record Request(String id, String msisdn, BigDecimal amount, String currency, String country,
                   String reference, boolean signed) {
    }

    private final Request request;
    private final Instant createdAt;
    private final AtomicReference<Outcome> outcome = new AtomicReference<>(Outcome.IN_PROGRESS);
    private final AtomicBoolean refunded = new AtomicBoolean();

    AirtelPayment(Request request, Instant createdAt) {
        this.request = request;
        this.createdAt = createdAt;
    }

    Request request() {
        return request;
    }

    Outcome outcome() {
        return outcome.get();
    }

    /** Moves to the next outcome unless already final; false when nothing changed. */
    boolean move(Outcome next) {
        while (true) {
            Outcome now = outcome.get();
            if (now.status().isFinal()) {
                return false;
            }
            if (outcome.compareAndSet(now, next)) {
                return true;
            }
        }
    }

    /** Marks a TS payment refunded; false when it is not TS or already refunded. */
    boolean refund() {
        return outcome.get().status() == AirtelStatus.TS && refunded.compareAndSet(false, true);
    }

    AirtelPaymentState snapshot() {
        Outcome now = outcome.get();
        return new AirtelPaymentState(request.id(), now.status(), now.responseCode(),
                now.message(), now.airtelMoneyId(), request.msisdn(), request.amount(),
                request.currency(), request.country(), request.reference(), request.signed(),
                refunded.get(), createdAt);
    }
}
