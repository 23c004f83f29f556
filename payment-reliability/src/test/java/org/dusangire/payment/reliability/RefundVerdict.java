package org.dusangire.payment.reliability;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundStatus;

/**
 * Compares, for each payment, the money its provider paid back (the simulator's own ledger) with
 * the refunds we hold, once reconciliation is quiet.
 *
 * <ul>
 * <li>paidOutTwice: the provider paid back more than our succeeded refunds add up to (a refund
 *     sent twice, or money out with no record of it)</li>
 * <li>overRefunded: the provider, or our store, gave back more than was paid</li>
 * <li>stuck: a refund still PENDING after reconciliation went quiet</li>
 * <li>wrongStatus: we hold a refund SUCCEEDED that the provider did not pay, or the payment's
 *     refunded amount, reservation or status disagree with its refunds</li>
 * </ul>
 */
final class RefundVerdict {
    int payments;
    int refunds;
    int succeeded;
    int failed;
    int paidOutTwice;
    int overRefunded;
    int stuck;
    int wrongStatus;
    final List<String> problems = new ArrayList<>();

    void judge(Payment p, List<Refund> held, BigDecimal paidBack) {
        Money paidBackAtProvider = Money.of(paidBack.setScale(Money.fractionDigits(
                p.money().currency()), RoundingMode.UNNECESSARY), p.money().currency());
        payments++;
        refunds += held.size();
        Money zero = Money.zero(p.money().currency());
        Money ours = zero;
        Money pending = zero;
        for (Refund r : held) {
            switch (r.status()) {
                case SUCCEEDED -> {
                    succeeded++;
                    ours = ours.plus(r.amount());
                }
                case FAILED -> failed++;
                case PENDING -> {
                    stuck++;
                    pending = pending.plus(r.amount());
                    problem(p, "refund " + r.id() + " still PENDING" + (r.outcomeUnknown()
                            ? " (outcome unknown)" : ""));
                }
            }
        }
        int cmp = paidBackAtProvider.compareTo(ours);
        if (cmp > 0) {
            paidOutTwice++;
            problem(p, "provider paid back " + paidBackAtProvider + ", we hold " + ours
                    + " succeeded " + describe(held));
        } else if (cmp < 0) {
            wrongStatus++;
            problem(p, "we hold " + ours + " succeeded, provider paid back " + paidBackAtProvider
                    + " " + describe(held));
        }
        if (paidBackAtProvider.compareTo(p.money()) > 0 || ours.compareTo(p.money()) > 0
                || p.refundedAmount().compareTo(p.money()) > 0) {
            overRefunded++;
            problem(p, "more than paid went back: provider " + paidBackAtProvider + ", ours "
                    + ours + ", paid " + p.money());
        }
        PaymentStatus expected = ours.isZero() ? PaymentStatus.SUCCEEDED
                : ours.compareTo(p.money()) >= 0 ? PaymentStatus.REFUNDED
                : PaymentStatus.PARTIALLY_REFUNDED;
        if (p.refundedAmount().compareTo(ours) != 0 || p.refundReservedAmount().compareTo(pending) != 0
                || p.status() != expected) {
            wrongStatus++;
            problem(p, "payment holds " + p.status() + " refunded " + p.refundedAmount()
                    + " reserved " + p.refundReservedAmount() + "; its refunds say " + expected
                    + " refunded " + ours + " pending " + pending);
        }
    }

    private static String describe(List<Refund> held) {
        return held.stream().map(r -> r.amount().toPlainString() + " " + r.status()
                + (r.failureReason() == null ? "" : " (" + r.failureReason() + ")"))
                .toList().toString();
    }

    /** The counts that must all be zero. */
    int failures() {
        return paidOutTwice + overRefunded + stuck + wrongStatus;
    }

    private void problem(Payment p, String text) {
        if (problems.size() < 20) {
            problems.add(p.gatewayName() + " " + p.id() + ": " + text);
        }
    }
}
