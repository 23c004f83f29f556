package org.dusangire.payment.core.service;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.PaymentGateway.ReferenceRule;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.StatusReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a pending payment behind {@link PaymentService}: what notifications, manual verification
 * and reconciliation all do once they decide to ask the provider.
 *
 * <ul>
 *   <li>Only the provider's status API decides: its report is weighed by {@link ReportJudge}
 *       (reference, amount and currency are checked before any value is given; a report that
 *       contradicts a final status is an anomaly, never a change) and stored through the
 *       {@link PaymentWriter}.</li>
 *   <li>An initiation whose outcome was unknown and that the provider says it never received is
 *       sent again, under the same reference, while the payment has not expired; never for a
 *       gateway whose provider assigns its own reference.</li>
 *   <li>A payment still pending past its time to live expires.</li>
 * </ul>
 */
final class Settlement {
    private static final Logger log = LoggerFactory.getLogger(Settlement.class);

    private final PaymentConfig config;
    private final Clock clock;
    private final Function<Payment, PaymentGateway> gatewayOf;
    private final PaymentWriter writer;
    private final CheckoutDesk checkout;
    private final ProviderCalls calls;

    Settlement(PaymentConfig config, Clock clock, Function<Payment, PaymentGateway> gatewayOf,
            PaymentWriter writer, CheckoutDesk checkout, ProviderCalls calls) {
        this.config = config;
        this.clock = clock;
        this.gatewayOf = gatewayOf;
        this.writer = writer;
        this.checkout = checkout;
        this.calls = calls;
    }

    /** A settled payment and whether its initiation had to be sent again. */
    record Settled(Payment payment, boolean resent) {
    }

    /** Asks the provider about a pending payment and applies the answer; expires it when due. */
    Settled settle(Payment payment, Trigger trigger) {
        PaymentMdc mdc = PaymentMdc.of(payment);
        try {
            PaymentGateway gateway = gatewayOf.apply(payment);
            if (!payment.providerReferenceKnown()) {
                return new Settled(unaskable(payment, gateway), false);
            }
            StatusReport report = calls.call(gateway, ProviderOperation.STATUS,
                    () -> gateway.checkStatus(payment));
            Instant now = clock.instant();
            if (report.status() == ProviderStatus.NOT_FOUND && payment.outcomeUnknown()
                    && gateway.referenceRule() == ReferenceRule.OURS_REUSED
                    && !payment.isExpiredAt(now)) {
                log.info("payment {}: {} never received it; sending again with the same reference",
                        payment.id(), gateway.name());
                return new Settled(checkout.send(payment, gateway), true);
            }
            Payment after = applyReport(payment, report, trigger, null);
            if (after.isExpiredAt(clock.instant())) {
                after = writer.store(after, cur -> cur.status() == PaymentStatus.PENDING
                        ? Decision.change(cur.transition(PaymentStatus.EXPIRED, Trigger.EXPIRY,
                                clock.instant(), "not completed within "
                                        + config.timeToLive(cur.method())))
                        : Decision.NO_CHANGE, null);
            }
            return new Settled(after, false);
        } finally {
            mdc.close();
        }
    }

    /**
     * A payment whose provider assigns its own reference and has not told it (the initiation's
     * answer was lost, no callback came): the provider cannot be asked, and the initiation is
     * never sent twice. It waits for a callback; past its time to live it expires with an anomaly,
     * because the customer may have paid and only the provider's records can tell.
     */
    private Payment unaskable(Payment payment, PaymentGateway gateway) {
        Instant now = clock.instant();
        if (!payment.isExpiredAt(now)) {
            return payment;
        }
        return writer.store(payment, cur -> {
            if (cur.status() != PaymentStatus.PENDING || cur.providerReferenceKnown()) {
                return Decision.NO_CHANGE;
            }
            String detail = gateway.name() + " never told its reference for this payment (the "
                    + "initiation's answer was lost and no callback came); expired unverified: "
                    + "check the provider's records before asking the customer to pay again";
            return new Decision(cur.transition(PaymentStatus.EXPIRED, Trigger.EXPIRY, now,
                    "outcome unknown at expiry"), new PaymentAnomaly(PaymentAnomaly.Kind.UNVERIFIED_EXPIRY,
                    cur.id().toString(), gateway.name(), detail, now));
        }, null);
    }

    /**
     * Applies a provider's status report as {@link ReportJudge} decides, finishing the inbox entry
     * it came with ({@code null}: none) in the same write.
     */
    Payment applyReport(Payment payment, StatusReport report, Trigger trigger, InboxKey inbox) {
        return writer.store(payment, cur -> ReportJudge.judge(cur, report, trigger, clock.instant()),
                inbox);
    }
}
