package org.dusangire.payment.simulator.airtel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Mutable state of one USSD-push payment. The outcome leaves TIP (or TA) for a final value exactly
 * once, by compare-and-set; a TS payment may then be reversed (TR) exactly once by a refund.
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
    private final AtomicReference<AirtelRefundState> refund = new AtomicReference<>();

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

    /**
     * Reverses a TS payment in full under the refund's own Airtel money id: TS becomes TR, once.
     *
     * @return the refund, or empty when the payment is not TS (not paid, or reversed already)
     */
    Optional<AirtelRefundState> reverse(String refundAirtelMoneyId, Instant at) {
        Outcome paid = outcome.get();
        if (paid.status() != AirtelStatus.TS) {
            return Optional.empty();
        }
        Outcome reversed = new Outcome(AirtelStatus.TR, paid.responseCode(),
                "Transaction reversed, Trans ID " + refundAirtelMoneyId + ".", paid.airtelMoneyId());
        if (!outcome.compareAndSet(paid, reversed)) {
            return Optional.empty();
        }
        AirtelRefundState done = new AirtelRefundState(refundAirtelMoneyId, request.id(),
                paid.airtelMoneyId(), request.amount(), request.currency(), at);
        refund.set(done);
        return Optional.of(done);
    }

    /** The refund that reversed this payment, if any. */
    Optional<AirtelRefundState> refund() {
        return Optional.ofNullable(refund.get());
    }

    AirtelPaymentState snapshot() {
        Outcome now = outcome.get();
        return new AirtelPaymentState(request.id(), now.status(), now.responseCode(),
                now.message(), now.airtelMoneyId(), request.msisdn(), request.amount(),
                request.currency(), request.country(), request.reference(), request.signed(),
                refund.get() != null, createdAt);
    }
}
