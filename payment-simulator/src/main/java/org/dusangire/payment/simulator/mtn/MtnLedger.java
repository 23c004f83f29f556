package org.dusangire.payment.simulator.mtn;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * All payments and refunds the simulator knows, keyed by lower-case reference, and the single
 * place where a payment or a refund becomes final.
 */
final class MtnLedger {

    private final ConcurrentMap<String, MtnPayment> payments = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, MtnRefund> refunds = new ConcurrentHashMap<>();
    private final AtomicLong ledgerIds = new AtomicLong(1_806_336_820L);
    private final Consumer<MtnPayment> onFinal;

    MtnLedger(Consumer<MtnPayment> onFinal) {
        this.onFinal = onFinal;
    }

    static String key(String reference) {
        return reference.toLowerCase(Locale.ROOT);
    }

    /** Stores a new payment; false when the reference is taken. */
    boolean add(MtnPayment payment) {
        return payments.putIfAbsent(key(payment.request().reference()), payment) == null;
    }

    Optional<MtnPayment> payment(String reference) {
        return Optional.ofNullable(payments.get(key(reference)));
    }

    boolean addRefund(MtnRefund refund) {
        return refunds.putIfAbsent(key(refund.reference()), refund) == null;
    }

    /** The refunds of one request-to-pay, in no particular order. */
    List<MtnRefund> refundsOf(String originalReference) {
        String original = key(originalReference);
        return refunds.values().stream()
                .filter(r -> r.request().originalReference().equals(original)).toList();
    }

    /** The refund is paid out: SUCCESSFUL with a ledger id; false when it already was final. */
    boolean completeRefund(MtnRefund refund) {
        return refund.finish(new MtnPayment.Outcome(MtnStatus.SUCCESSFUL, null, nextLedgerId()));
    }

    /**
     * The refund is given up: FAILED with a reason, and its amount is refundable again; false
     * when it already was final.
     */
    boolean failRefund(MtnRefund refund, String reason) {
        boolean changed = refund.finish(new MtnPayment.Outcome(MtnStatus.FAILED, reason, null));
        if (changed) {
            payment(refund.request().originalReference())
                    .ifPresent(p -> p.releaseRefund(refund.request().amount()));
        }
        return changed;
    }

    /** What paid-out refunds gave back on one request-to-pay. */
    BigDecimal paidOut(String originalReference) {
        return refundsOf(originalReference).stream().map(MtnRefund::snapshot)
                .filter(MtnRefundState::paidOut).map(MtnRefundState::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    boolean refundExists(String reference) {
        return refunds.containsKey(key(reference));
    }

    Optional<MtnRefund> refund(String reference) {
        return Optional.ofNullable(refunds.get(key(reference)));
    }

    String nextLedgerId() {
        return Long.toString(ledgerIds.incrementAndGet());
    }

    int size() {
        return payments.size();
    }

    java.util.Collection<MtnPayment> all() {
        return payments.values();
    }

    boolean succeed(MtnPayment payment) {
        return finish(payment, new MtnPayment.Outcome(MtnStatus.SUCCESSFUL, null, nextLedgerId()));
    }

    boolean fail(MtnPayment payment, String reason) {
        return finish(payment, new MtnPayment.Outcome(MtnStatus.FAILED, reason, null));
    }

    private boolean finish(MtnPayment payment, MtnPayment.Outcome outcome) {
        boolean changed = payment.finish(outcome);
        if (changed) {
            onFinal.accept(payment);
        }
        return changed;
    }
}
