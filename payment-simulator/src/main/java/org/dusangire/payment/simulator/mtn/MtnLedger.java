package org.dusangire.payment.simulator.mtn;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * All payments and refunds the simulator knows, keyed by lower-case reference, and the single
 * place where a payment becomes final.
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
