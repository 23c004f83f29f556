package org.dusangire.payment.core.service;

import java.time.Instant;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentAnomaly.Kind;
import org.dusangire.payment.core.port.StatusReport;

/**
 * Decides what a provider's status report means for a payment. Pure: no I/O, so every rule of
 * money safety lives here and is tested directly. A success is applied only if the reference,
 * currency and amount match; a report that contradicts a final status is an anomaly, never a
 * change; pending, unknown and not-found reports change nothing.
 */
final class ReportJudge {
    private ReportJudge() {
    }

    static Decision judge(Payment current, StatusReport report, Trigger trigger, Instant now) {
        if (report.reportedReference() != null
                && !report.reportedReference().equals(current.providerReference())) {
            return anomaly(current, Kind.REFERENCE_MISMATCH, "provider reported reference "
                    + abbreviate(report.reportedReference()) + " for this payment", now);
        }
        return switch (report.status()) {
            case SUCCEEDED -> judgeSuccess(current, report, trigger, now);
            case FAILED -> judgeFailure(current, report, PaymentStatus.FAILED, trigger, now);
            case CANCELLED -> judgeFailure(current, report, PaymentStatus.CANCELLED, trigger, now);
            case EXPIRED -> judgeFailure(current, report, PaymentStatus.EXPIRED, trigger, now);
            case PENDING -> current.outcomeUnknown() && current.status() == PaymentStatus.PENDING
                    // the provider has it after all: the outcome is no longer unknown
                    ? Decision.change(current.toBuilder().outcomeUnknown(false).updatedAt(now).build())
                    : Decision.NO_CHANGE;
            case UNKNOWN, NOT_FOUND -> Decision.NO_CHANGE;
        };
    }

    private static Decision judgeSuccess(Payment current, StatusReport report, Trigger trigger,
            Instant now) {
        if (current.status().isPaid()) {
            return Decision.NO_CHANGE;
        }
        if (current.status().isFinal()) {
            return anomaly(current, Kind.CONTRADICTING_REPORT, "provider reports success for a "
                    + "payment held as " + current.status() + "; money may need to be returned", now);
        }
        if (report.reportedAmount() != null) {
            if (!report.reportedAmount().currency().equals(current.money().currency())) {
                return failWithAnomaly(current, report, Kind.CURRENCY_MISMATCH, "CURRENCY_MISMATCH",
                        "paid " + report.reportedAmount() + ", due " + current.money(), trigger, now);
            }
            if (!report.reportedAmount().isAtLeast(current.money())) {
                return failWithAnomaly(current, report, Kind.AMOUNT_MISMATCH, "AMOUNT_MISMATCH",
                        "paid " + report.reportedAmount() + ", due " + current.money(), trigger, now);
            }
        }
        Payment next = current.transition(PaymentStatus.SUCCEEDED, trigger, now, null).toBuilder()
                .providerTransactionId(firstNonNull(report.providerTransactionId(),
                        current.providerTransactionId()))
                .lastGatewayResponse(firstNonNull(report.rawResponse(), current.lastGatewayResponse()))
                .build();
        return Decision.change(next);
    }

    private static Decision judgeFailure(Payment current, StatusReport report, PaymentStatus target,
            Trigger trigger, Instant now) {
        if (current.status().isPaid()) {
            return anomaly(current, Kind.CONTRADICTING_REPORT, "provider reports " + report.status()
                    + " (" + abbreviate(report.reason()) + ") for a payment held as "
                    + current.status(), now);
        }
        if (current.status().isFinal()) {
            return Decision.NO_CHANGE;
        }
        String reason = report.reason() == null || report.reason().isBlank()
                ? report.status().name() : report.reason();
        return Decision.change(withResponse(current.transition(target, trigger, now, reason), report));
    }

    private static Decision failWithAnomaly(Payment current, StatusReport report, Kind kind,
            String code, String detail, Trigger trigger, Instant now) {
        Payment failed = withResponse(current.transition(PaymentStatus.FAILED, trigger, now,
                code + ": " + detail), report);
        return new Decision(failed, new PaymentAnomaly(kind, current.id().toString(),
                current.gatewayName(), detail, now));
    }

    private static Payment withResponse(Payment p, StatusReport report) {
        return p.toBuilder()
                .providerTransactionId(firstNonNull(report.providerTransactionId(),
                        p.providerTransactionId()))
                .lastGatewayResponse(firstNonNull(report.rawResponse(), p.lastGatewayResponse()))
                .build();
    }

    private static Decision anomaly(Payment current, Kind kind, String detail, Instant now) {
        return new Decision(null, new PaymentAnomaly(kind, current.id().toString(),
                current.gatewayName(), detail, now));
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "no reason";
        }
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
