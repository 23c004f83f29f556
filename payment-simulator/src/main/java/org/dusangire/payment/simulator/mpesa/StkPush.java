package org.dusangire.payment.simulator.mpesa;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Mutable state of one STK push. The result moves from "no answer yet" to a final value exactly
 * once, by compare-and-set.
 */
final class StkPush {

    /** A final answer: Daraja's code and text, and the receipt when paid. */
    record Result(int code, String desc, String receiptNumber, Instant at) {
    }

    record Request(String checkoutRequestId, String merchantRequestId, BigDecimal amount,
                   String phoneNumber, String transactionType, String accountReference,
                   String transactionDesc, String callbackUrl) {
    }

    private final Request request;
    private final Instant createdAt;
    private final MpesaSettings.Script script;
    private final AtomicReference<Result> result = new AtomicReference<>();
    private final AtomicInteger queries = new AtomicInteger();

    StkPush(Request request, Instant createdAt, MpesaSettings.Script script) {
        this.request = request;
        this.createdAt = createdAt;
        this.script = script;
    }

    Request request() {
        return request;
    }

    Instant createdAt() {
        return createdAt;
    }

    /** The customer's scripted answer, or {@code null} when the control API decides. */
    MpesaSettings.Script script() {
        return script;
    }

    Result result() {
        return result.get();
    }

    int countQuery() {
        return queries.incrementAndGet();
    }

    /** Moves to a final result; false when it already was final. */
    boolean finish(Result next) {
        return result.compareAndSet(null, next);
    }

    StkPushState snapshot() {
        Result now = result.get();
        return new StkPushState(request.checkoutRequestId(), request.merchantRequestId(),
                now == null ? null : now.code(), now == null ? null : now.desc(),
                now == null ? null : now.receiptNumber(), request.amount(), request.phoneNumber(),
                request.transactionType(), request.accountReference(), request.callbackUrl(),
                createdAt, queries.get());
    }
}
