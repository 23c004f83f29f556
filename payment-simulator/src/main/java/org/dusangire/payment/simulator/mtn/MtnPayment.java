package org.dusangire.payment.simulator.mtn;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Mutable state of one request-to-pay. The outcome moves from PENDING to a final value exactly
 * once, by compare-and-set.
 */
final class MtnPayment {

    /** How the sandbox treats this payer. */
    enum Behaviour { NORMAL, PENDING_THEN_SUCCESS, STAY_PENDING }

    record Outcome(MtnStatus status, String reason, String financialTransactionId) {
        static final Outcome PENDING = new Outcome(MtnStatus.PENDING, null, null);
    }

    record Request(String reference, BigDecimal amount, String currency, String externalId,
                   String payerIdType, String payerId, String payerMessage, String payeeNote,
                   String callbackUrl) {
    }

    private final Request request;
    private final Instant createdAt;
    private final Behaviour behaviour;
    private final AtomicReference<Outcome> outcome = new AtomicReference<>(Outcome.PENDING);
    private final AtomicInteger polls = new AtomicInteger();
    private BigDecimal refunded = BigDecimal.ZERO;

    MtnPayment(Request request, Instant createdAt, Behaviour behaviour) {
        this.request = request;
        this.createdAt = createdAt;
        this.behaviour = behaviour;
    }

    Request request() {
        return request;
    }

    Instant createdAt() {
        return createdAt;
    }

    Behaviour behaviour() {
        return behaviour;
    }

    Outcome outcome() {
        return outcome.get();
    }

    int countPoll() {
        return polls.incrementAndGet();
    }

    /** Moves to a final outcome; false when it already was final. */
    boolean finish(Outcome next) {
        return outcome.compareAndSet(Outcome.PENDING, next);
    }

    /** Reserves a refund amount if the payment succeeded and the total stays within it. */
    synchronized boolean reserveRefund(BigDecimal amount) {
        if (outcome.get().status() != MtnStatus.SUCCESSFUL
                || refunded.add(amount).compareTo(request.amount()) > 0) {
            return false;
        }
        refunded = refunded.add(amount);
        return true;
    }

    synchronized void releaseRefund(BigDecimal amount) {
        refunded = refunded.subtract(amount);
    }

    synchronized MtnPaymentState snapshot() {
        Outcome now = outcome.get();
        return new MtnPaymentState(request.reference(), now.status(), now.reason(),
                now.financialTransactionId(), request.amount(), request.currency(),
                request.externalId(), request.payerIdType(), request.payerId(),
                request.payerMessage(), request.payeeNote(), request.callbackUrl(), createdAt,
                polls.get(), refunded);
    }
}
