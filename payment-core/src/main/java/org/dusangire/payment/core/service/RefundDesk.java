package org.dusangire.payment.core.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.dusangire.payment.core.error.ConcurrentPaymentModificationException;
import org.dusangire.payment.core.error.DuplicatePaymentException;
import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.IllegalPaymentStateException;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.core.error.PaymentNotFoundException;
import org.dusangire.payment.core.error.PaymentStoreUnavailableException;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.error.UnsupportedCapabilityException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundChange;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.port.RefundRequest;
import org.dusangire.payment.core.port.RefundResult;
import org.dusangire.payment.core.port.RefundWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refund use case behind {@link PaymentService}: money going out, kept as safe as money
 * coming in.
 *
 * <ul>
 *   <li>Reserve before send: the refund record and the payment's reserved amount are written in
 *       one version-guarded write before the provider is called, after checking the amount
 *       against {@code paid - succeeded - pending} on the very version the write is guarded by.
 *       Racing refunds, in one process or on several instances, cannot together exceed what was
 *       paid: all but one lose the version race, re-read, and are checked again.</li>
 *   <li>A refund's id is generated once and is the reference of every attempt. A lost answer
 *       leaves it PENDING with its outcome unknown; it is sent again (same id) only when the
 *       provider's refund status says it never had it.</li>
 *   <li>Only a succeeded refund moves money into the payment's refunded amount and status; a
 *       failed one releases its reservation. A final refund status never changes.</li>
 * </ul>
 */
final class RefundDesk {
    private static final Logger log = LoggerFactory.getLogger(RefundDesk.class);
    private static final int MAX_ATTEMPTS = 25;

    private final PaymentRepository repository;
    private final Clock clock;
    private final Function<Payment, PaymentGateway> gatewayOf;
    private final Duration resendAfter;
    private final EventDesk events;
    private final ProviderCalls calls;

    RefundDesk(PaymentRepository repository, Clock clock, Function<Payment, PaymentGateway> gatewayOf,
            Duration resendAfter, EventDesk events, ProviderCalls calls) {
        this.repository = repository;
        this.clock = clock;
        this.gatewayOf = gatewayOf;
        this.resendAfter = resendAfter;
        this.events = events;
        this.calls = calls;
    }

    /** A refund checked by a status query, and whether it had to be sent again. */
    record Checked(Refund refund, boolean resent) {
    }

    Refund refund(RefundCommand command) {
        String key = command.idempotencyKey();
        RefundWrite reserved;
        PaymentGateway gateway;
        try {
            Payment payment = loadPayment(command.paymentId());
            gateway = gatewayOf.apply(payment);
            reserved = reserve(payment, gateway, command);
        } catch (PaymentException e) {
            // the key is looked up only when the reserve does not go through: a repeated request
            // is refused by the store's unique key, or, once its first refund took what was
            // refundable, by the checks before it; either way the refund stored under the key
            // answers it, as it would have before any of them
            Optional<Refund> existing = key == null || e instanceof PaymentStoreUnavailableException
                    ? Optional.empty() : repository.findRefundByIdempotencyKey(key);
            if (existing.isPresent()) {
                return replay(existing.get(), command);
            }
            throw e;
        }
        Refund refund = reserved.refund();
        log.info("refund {} of {} reserved on payment {} via {}", refund.id(), refund.amount(),
                refund.paymentId(), gateway.name());
        events.deliverFor(refund.paymentId());
        return send(refund, reserved.payment(), gateway, Trigger.REFUND);
    }

    /**
     * The refund's record and the payment's reservation in one version-guarded write, checked
     * again on a fresh copy of the payment after each lost race.
     *
     * @throws DuplicatePaymentException when the command's idempotency key is taken
     */
    private RefundWrite reserve(Payment payment, PaymentGateway gateway, RefundCommand command) {
        if (!gateway.supportsRefunds()) {
            throw new UnsupportedCapabilityException(gateway.name(), "refunds");
        }
        if (payment.method().isCash() && command.actor() == null) {
            throw new PaymentValidationException("actor",
                    "a cash refund needs the name of who hands the money back");
        }
        RefundId id = RefundId.random();
        Payment current = payment;
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            Refund draft = draft(current, gateway, command, id, now);
            Payment reserving = current.toBuilder()
                    .refundReservedAmount(current.refundReservedAmount().plus(draft.amount()))
                    .updatedAt(now)
                    .build();
            try {
                return repository.insertRefund(draft, reserving);
            } catch (ConcurrentPaymentModificationException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                current = loadPayment(command.paymentId());
            }
        }
    }

    /** Asks the provider about a pending refund and applies the answer; sends it again if never received. */
    Checked check(Refund refund, Trigger trigger) {
        PaymentMdc mdc = PaymentMdc.put(refund.paymentId(), null);
        try {
            Payment payment = loadPayment(refund.paymentId());
            PaymentGateway gateway = gatewayOf.apply(payment);
            RefundResult report = calls.call(gateway, ProviderOperation.REFUND_STATUS,
                    () -> gateway.checkRefundStatus(payment, refund));
            boolean lost = report.status() == RefundResult.Status.NOT_FOUND && refund.outcomeUnknown();
            if (lost && refund.updatedAt().isAfter(clock.instant().minus(resendAfter))) {
                // a provider may not show yet a refund it is still taking in: conclude that it never
                // arrived only once the reconciliation delay has passed
                log.info("refund {}: {} does not show it yet; sent again only if it still does not "
                        + "after {}", refund.id(), gateway.name(), resendAfter);
                return new Checked(refund, false);
            }
            if (lost) {
                log.info("refund {}: {} never received it; sending again with the same refund id",
                        refund.id(), gateway.name());
                return new Checked(send(refund, payment, gateway, trigger), true);
            }
            if (report.status() == RefundResult.Status.NOT_FOUND) {
                log.warn("refund {}: {} accepted it before but now has no record of it; left pending "
                        + "for a person to look at", refund.id(), gateway.name());
            }
            return new Checked(apply(refund, report, trigger, null, payment), false);
        } finally {
            mdc.close();
        }
    }

    private Refund replay(Refund existing, RefundCommand command) {
        boolean samePayment = existing.paymentId().equals(command.paymentId());
        boolean sameAmount = command.amount() == null
                || (existing.amount().currency().equals(command.amount().currency())
                        && existing.amount().compareTo(command.amount()) == 0);
        if (!samePayment || !sameAmount) {
            throw new PaymentValidationException("idempotencyKey",
                    "idempotency key was already used for a different refund");
        }
        return existing;
    }

    private Refund draft(Payment payment, PaymentGateway gateway, RefundCommand command, RefundId id,
            Instant now) {
        if (!payment.status().isPaid()) {
            throw new IllegalPaymentStateException("payment is " + payment.status()
                    + "; only a paid payment can be refunded", payment.id().toString());
        }
        Money refundable = payment.refundableAmount();
        if (!refundable.isPositive()) {
            throw new IllegalPaymentStateException("payment is " + payment.status()
                    + "; nothing is refundable (" + payment.refundedAmount() + " refunded, "
                    + payment.refundReservedAmount() + " held by pending refunds)",
                    payment.id().toString());
        }
        Money due = command.amount() == null ? refundable : command.amount();
        if (!due.currency().equals(payment.money().currency())) {
            throw new PaymentValidationException("amount", "refund must be in "
                    + payment.money().currency().getCurrencyCode());
        }
        if (!refundable.isAtLeast(due)) {
            throw new PaymentValidationException("amount", "refund must be more than zero and at "
                    + "most " + refundable + (payment.refundReservedAmount().isPositive()
                            ? " (" + payment.refundReservedAmount() + " is held by pending refunds)"
                            : ""));
        }
        boolean whole = due.compareTo(payment.money().minus(payment.refundedAmount())) == 0;
        if (!whole && !gateway.supportsPartialRefunds()) {
            throw new UnsupportedCapabilityException(gateway.name(), "partial refunds");
        }
        return Refund.builder()
                .id(id)
                .paymentId(payment.id())
                .idempotencyKey(command.idempotencyKey())
                .gatewayName(gateway.name())
                .amount(due)
                .reason(command.reason())
                .actor(command.actor())
                .status(RefundStatus.PENDING)
                .outcomeUnknown(true)
                .createdAt(now)
                .addHistory(new RefundChange(null, RefundStatus.PENDING, now, Trigger.REFUND,
                        command.actor() == null ? null : "asked by " + command.actor()))
                .build();
    }

    /** Hands the refund to its gateway under its own id; what comes back is applied once. */
    private Refund send(Refund refund, Payment payment, PaymentGateway gateway, Trigger trigger) {
        PaymentMdc mdc = PaymentMdc.of(payment);
        try {
            RefundResult result;
            try {
                RefundRequest request = new RefundRequest(payment, refund.amount(),
                        refund.id().toString(), refund.reason());
                result = calls.call(gateway, ProviderOperation.REFUND, () -> gateway.refund(request));
            } catch (GatewayRejectedException e) {
                String reason = e.providerCode() != null ? e.providerCode() : e.getMessage();
                log.warn("refund {}: {} refused it ({})", refund.id(), gateway.name(), reason);
                return apply(refund, new RefundResult(RefundResult.Status.FAILED, null, null), trigger,
                        reason, payment);
            } catch (GatewayUnavailableException e) {
                log.warn("refund {}: outcome unknown at {} ({}); it stays reserved and reconciliation "
                        + "settles it", refund.id(), gateway.name(), e.getMessage());
                return refund;
            } catch (PaymentConfigurationException e) {
                log.error("refund {}: {} is misconfigured: {}", refund.id(), gateway.name(),
                        e.getMessage());
                throw e;
            } catch (RuntimeException e) {
                log.error("refund {}: unexpected error from {}; outcome treated as unknown",
                        refund.id(), gateway.name(), e);
                return refund;
            }
            return apply(refund, result, trigger, null, payment);
        } finally {
            mdc.close();
        }
    }

    /**
     * Applies a provider's answer to the freshest copy of the refund (and its payment) until it is
     * stored, re-reading both after each lost race. A final refund is never changed again, so the
     * payment's amounts move exactly once per refund.
     */
    private Refund apply(Refund start, RefundResult result, Trigger trigger, String detail,
            Payment known) {
        Refund current = start;
        // the payment the caller just read or wrote serves the first attempt; a lost race reads
        // both again (a stale copy only loses the guarded write, it never writes)
        Payment fresh = known;
        for (int attempt = 1; ; attempt++) {
            if (current.status().isFinal()) {
                return current;
            }
            Instant now = clock.instant();
            Refund answered = current.toBuilder()
                    .providerTransactionId(result.providerRefundId() != null
                            ? result.providerRefundId() : current.providerTransactionId())
                    .lastGatewayResponse(result.rawResponse() != null
                            ? result.rawResponse() : current.lastGatewayResponse())
                    .build();
            Payment payment = null;
            Payment nextPayment = null;
            Refund next;
            switch (result.status()) {
                case COMPLETED -> {
                    payment = firstOrLoad(fresh, current);
                    next = answered.transition(RefundStatus.SUCCEEDED, trigger, now, detail);
                    Money refunded = payment.refundedAmount().plus(current.amount());
                    PaymentStatus status = refunded.compareTo(payment.money()) >= 0
                            ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
                    nextPayment = payment.transition(status, Trigger.REFUND, now, "refund "
                                    + current.id() + " of " + current.amount())
                            .toBuilder()
                            .refundedAmount(refunded)
                            .refundReservedAmount(released(payment, current))
                            .build();
                }
                case FAILED -> {
                    payment = firstOrLoad(fresh, current);
                    next = answered.transition(RefundStatus.FAILED, trigger, now,
                            detail != null ? detail : "the provider reports the refund failed");
                    nextPayment = payment.toBuilder()
                            .refundReservedAmount(released(payment, current))
                            .updatedAt(now)
                            .build();
                }
                case PENDING -> {
                    if (!current.outcomeUnknown() && answered.providerTransactionId() != null
                            && answered.providerTransactionId().equals(current.providerTransactionId())) {
                        return current;
                    }
                    next = answered.toBuilder().outcomeUnknown(false).updatedAt(now).build();
                }
                default -> {
                    return current;
                }
            }
            try {
                RefundWrite written = repository.updateRefund(next, nextPayment);
                if (next.status() != current.status()) {
                    log.info("refund {}: {} -> {} ({})", next.id(), current.status(), next.status(),
                            trigger);
                }
                if (payment != null && payment.status() != nextPayment.status()) {
                    log.info("payment {}: {} -> {} (refund {})", payment.id(), payment.status(),
                            nextPayment.status(), next.id());
                }
                events.deliverFor(next.paymentId());
                return written.refund();
            } catch (ConcurrentPaymentModificationException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                current = repository.findRefund(start.id())
                        .orElseThrow(() -> new PaymentNotFoundException(start.id().toString()));
                fresh = null;
            }
        }
    }

    /** The payment given for the first attempt when it is this refund's, else the stored one. */
    private Payment firstOrLoad(Payment known, Refund refund) {
        return known != null && known.id().equals(refund.paymentId()) ? known
                : loadPayment(refund.paymentId());
    }

    private static Money released(Payment payment, Refund refund) {
        Money left = payment.refundReservedAmount().minus(refund.amount());
        if (left.amount().signum() < 0) {
            // a store that lost the reservation (never written by this library) must not go
            // negative; the refund's own amount is what it held
            log.error("refund {}: payment {} held {} reserved, less than the refund's {}",
                    refund.id(), payment.id(), payment.refundReservedAmount(), refund.amount());
            return Money.zero(payment.money().currency());
        }
        return left;
    }

    private Payment loadPayment(PaymentId id) {
        return repository.findById(id).orElseThrow(() -> new PaymentNotFoundException(id.toString()));
    }
}
