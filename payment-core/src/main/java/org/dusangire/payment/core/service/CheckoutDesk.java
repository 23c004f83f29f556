package org.dusangire.payment.core.service;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.error.DuplicatePaymentException;
import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.IllegalPaymentStateException;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.StatusChange;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.InitiationResult;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.PaymentGateway.ReferenceRule;
import org.dusangire.payment.core.port.PaymentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkout use case behind {@link PaymentService}: a payment is created, handed to its
 * provider once, and answered with what the customer does next; and the cashier's confirmation
 * of a cash-on-delivery payment.
 *
 * <ul>
 *   <li>One payment per idempotency key, kept by the store's unique key under any concurrency:
 *       the payment is inserted before the provider is called, and a repeated key is answered
 *       with its payment (and refused when it names a different order reference, amount,
 *       method or payer), never sent again.</li>
 *   <li>A payment has one provider reference (its id) and one callback token, made here once;
 *       every initiation, the first and any resend, goes out under that same reference.</li>
 *   <li>A timeout or an unexpected error is "outcome unknown", never "failed": the payment stays
 *       pending for reconciliation. Only a provider's refusal fails it; a configuration error is
 *       thrown loudly, with nothing sent.</li>
 *   <li>Cash is confirmed by a named person, only on a PENDING cash-on-delivery payment.</li>
 * </ul>
 */
final class CheckoutDesk {
    private static final Logger log = LoggerFactory.getLogger(CheckoutDesk.class);

    private final PaymentConfig config;
    /** The config's URLs, worked out once: they were resolved and parsed again per payment. */
    private final URI redirectUrl;
    private final Map<String, String> webhookBases = new ConcurrentHashMap<>();
    private final PaymentRepository repository;
    private final Clock clock;
    private final GatewayRoutes routes;
    private final PaymentWriter writer;
    private final ProviderCalls calls;
    private final PaymentObserver observer;
    private final SecureRandom random = new SecureRandom();

    CheckoutDesk(PaymentConfig config, PaymentRepository repository, Clock clock,
            GatewayRoutes routes, PaymentWriter writer, ProviderCalls calls,
            PaymentObserver observer) {
        this.config = config;
        this.redirectUrl = config.redirectUrl();
        this.repository = repository;
        this.clock = clock;
        this.routes = routes;
        this.writer = writer;
        this.calls = calls;
        this.observer = observer;
    }

    /** See {@link PaymentService#initiate}. */
    CheckoutResult initiate(CheckoutRequest request) {
        // The common case is a new key: insert first and look the key up only when the insert
        // is refused (or the request cannot be accepted as new), one transaction instead of two.
        // The unique key in the store keeps the rule "one payment per key" under any concurrency.
        PaymentGateway gateway;
        try {
            gateway = routes.choose(request.method(), request.money(), request.payer());
        } catch (PaymentValidationException e) {
            return replayOrThrow(request, e);
        }
        Instant now = clock.instant();
        PaymentId id = PaymentId.random();
        PaymentMdc mdc = PaymentMdc.put(id, gateway.name());
        try {
            Payment.Builder drafted = Payment.builder()
                    .id(id)
                    .orderReference(request.orderReference())
                    .idempotencyKey(request.idempotencyKey())
                    .money(request.money())
                    .method(request.method())
                    .payer(request.payer())
                    .description(request.description())
                    .status(PaymentStatus.PENDING)
                    .gatewayName(gateway.name())
                    .providerReference(id.toString())
                    .callbackToken(newToken())
                    .outcomeUnknown(true)
                    .createdAt(now)
                    .expiresAt(now.plus(config.timeToLive(request.method())))
                    .addHistory(new StatusChange(null, PaymentStatus.PENDING, now, Trigger.INITIATION, null));
            if (gateway.referenceRule() == ReferenceRule.PROVIDER_ASSIGNED) {
                drafted.awaitingProviderReference();
            }
            Payment draft = drafted.build();
            try {
                gateway.validate(draft);
            } catch (RuntimeException e) {
                return replayOrThrow(request, e);
            }
            Payment stored;
            try {
                stored = repository.insert(draft);
            } catch (DuplicatePaymentException e) {
                Payment winner = repository.findByIdempotencyKey(request.idempotencyKey())
                        .orElseThrow(() -> e);
                return replay(winner, request);
            }
            log.info("payment {} created for order {} via {} ({})", id, request.orderReference(),
                    gateway.name(), request.money());
            Payment sent;
            try {
                sent = send(stored, gateway);
            } catch (RuntimeException e) {
                observer.initiation(gateway.name(), request.method(),
                        PaymentObserver.InitiationOutcome.ERROR);
                throw e;
            }
            observer.initiation(gateway.name(), request.method(),
                    sent.status() == PaymentStatus.FAILED ? PaymentObserver.InitiationOutcome.REJECTED
                    : sent.outcomeUnknown() ? PaymentObserver.InitiationOutcome.OUTCOME_UNKNOWN
                    : PaymentObserver.InitiationOutcome.ACCEPTED);
            return result(sent);
        } finally {
            mdc.close();
        }
    }

    /** A repeated key is answered with its payment, as before; otherwise the refusal stands. */
    private CheckoutResult replayOrThrow(CheckoutRequest request, RuntimeException e) {
        Optional<Payment> existing = repository.findByIdempotencyKey(request.idempotencyKey());
        if (existing.isPresent()) {
            return replay(existing.get(), request);
        }
        throw e;
    }

    /**
     * A repeated key is a replay only when it asks for the same payment: same order, amount,
     * method and payer. Anything else is a caller bug (a key reused for another bill), and
     * answering with the first payment would show bill B the status of bill A.
     */
    private CheckoutResult replay(Payment existing, CheckoutRequest request) {
        String differs = !existing.orderReference().equals(request.orderReference()) ? "order reference"
                : !existing.money().equals(request.money()) ? "amount"
                : !existing.method().equals(request.method()) ? "method"
                : !samePayer(existing.payer(), request.payer()) ? "payer"
                : null;
        if (differs != null) {
            // the field's name only: values may be a phone number, and the log must not hold one
            throw new PaymentValidationException("idempotencyKey", "idempotency key was already "
                    + "used for a different payment (its " + differs + " differs); use a new key "
                    + "for each order or attempt");
        }
        observer.initiation(existing.gatewayName(), existing.method(),
                PaymentObserver.InitiationOutcome.REPLAYED);
        return result(existing);
    }

    /** The same phone number and email (letter case aside); the display name is not identity. */
    private static boolean samePayer(Payer held, Payer asked) {
        return Objects.equals(held.msisdn(), asked.msisdn())
                && (held.email() == null ? asked.email() == null
                        : held.email().equalsIgnoreCase(asked.email()));
    }

    /**
     * Hands the payment to its gateway: for a gateway that takes our reference, the same reference
     * every time; for one that assigns its own, once, storing the reference it answers.
     */
    Payment send(Payment payment, PaymentGateway gateway) {
        InitiationResult accepted;
        try {
            InitiationRequest request = new InitiationRequest(payment, callbackUrl(gateway, payment),
                    redirectUrl, config.merchantName());
            accepted = calls.call(gateway, ProviderOperation.INITIATE,
                    () -> gateway.initiate(request));
        } catch (GatewayRejectedException e) {
            String reason = e.providerCode() != null ? e.providerCode() : e.getMessage();
            log.warn("payment {}: {} refused the initiation ({})", payment.id(), gateway.name(), reason);
            return writer.store(payment, cur -> cur.status() == PaymentStatus.PENDING
                    ? Decision.change(cur.transition(PaymentStatus.FAILED, Trigger.INITIATION,
                            clock.instant(), reason))
                    : Decision.NO_CHANGE, null);
        } catch (GatewayUnavailableException e) {
            log.warn("payment {}: outcome unknown at {} ({}); reconciliation will settle it",
                    payment.id(), gateway.name(), e.getMessage());
            return payment;
        } catch (PaymentConfigurationException e) {
            // refused credentials or settings: nothing was sent; the operator must act, so say it
            // loudly. The payment stays pending and is resent under the same reference once the
            // provider can be asked again and says it never saw it.
            log.error("payment {}: {} is misconfigured: {}", payment.id(), gateway.name(),
                    e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            log.error("payment {}: unexpected error from {}; outcome treated as unknown",
                    payment.id(), gateway.name(), e);
            return payment;
        }
        boolean assigns = gateway.referenceRule() == ReferenceRule.PROVIDER_ASSIGNED;
        if (assigns && (accepted.providerReference() == null || accepted.providerReference().isBlank())) {
            // a gateway bug, not a provider answer: without the reference nothing can be asked
            log.error("payment {}: {} accepted the initiation but answered no reference of its own; "
                    + "the outcome stays unknown until its callback names it", payment.id(),
                    gateway.name());
            return payment;
        }
        return writer.store(payment, cur -> {
            if (cur.status() != PaymentStatus.PENDING && !cur.outcomeUnknown()) {
                return Decision.NO_CHANGE;
            }
            if (assigns && cur.providerReferenceKnown()
                    && !cur.providerReference().equals(accepted.providerReference())) {
                // a callback told another reference first: keep it, the status API decides
                log.warn("payment {}: {} answered a reference other than the one its callback named; "
                        + "keeping the first", cur.id(), gateway.name());
                return Decision.NO_CHANGE;
            }
            return Decision.change(cur.toBuilder()
                    .providerReference(assigns ? accepted.providerReference() : cur.providerReference())
                    .outcomeUnknown(false)
                    .providerTransactionId(accepted.providerTransactionId() != null
                            ? accepted.providerTransactionId() : cur.providerTransactionId())
                    .paymentLink(accepted.paymentLink() != null ? accepted.paymentLink() : cur.paymentLink())
                    .lastGatewayResponse(accepted.rawResponse())
                    .updatedAt(clock.instant())
                    .build());
        }, null);
    }

    private CheckoutResult result(Payment p) {
        String amount = p.money().toString();
        if (p.status().isFinal()) {
            String text = p.status() == PaymentStatus.FAILED
                    ? "The payment could not be completed (" + p.failureReason() + ")."
                    : "This payment is " + p.status().name().toLowerCase(java.util.Locale.ROOT) + ".";
            return new CheckoutResult(p, NextAction.NONE, text);
        }
        if (p.method().isRedirect()) {
            if (p.paymentLink() == null) {
                return new CheckoutResult(p, NextAction.WAIT, "The payment page is not ready yet; "
                        + "please try again in a moment.");
            }
            return new CheckoutResult(p, NextAction.REDIRECT, "Continue to the secure payment page "
                    + "to pay " + amount + ".");
        }
        if (p.method().isCash()) {
            return new CheckoutResult(p, NextAction.PAY_CASH, "Pay " + amount
                    + " in cash on delivery; the cashier confirms receipt.");
        }
        if (p.outcomeUnknown()) {
            return new CheckoutResult(p, NextAction.WAIT, "The payment provider is slow to answer; "
                    + "if a prompt for " + amount + " appears on your phone, approve it.");
        }
        return new CheckoutResult(p, NextAction.APPROVE_ON_PHONE, "Approve the request for "
                + amount + " on the phone " + p.payer().msisdn().masked() + " and enter your PIN.");
    }

    /** See {@link PaymentService#confirmCashPayment}. */
    Payment confirmCashPayment(PaymentId id, String confirmedBy) {
        PaymentMdc mdc = PaymentMdc.put(id, null);
        try {
            if (confirmedBy == null || confirmedBy.isBlank() || confirmedBy.length() > 100) {
                throw new PaymentValidationException("confirmedBy",
                        "the name of who confirmed the cash is required (at most 100 characters)");
            }
            OneLineText.require("confirmedBy", confirmedBy);
            Payment payment = writer.load(id);
            if (!payment.method().isCash()) {
                throw new IllegalPaymentStateException("only cash on delivery payments are confirmed "
                        + "by a cashier; this one is " + payment.method(), id.toString());
            }
            return writer.store(payment, cur -> {
                if (cur.status() != PaymentStatus.PENDING) {
                    throw new IllegalPaymentStateException("payment is " + cur.status()
                            + "; only a PENDING cash payment can be confirmed", id.toString());
                }
                return Decision.change(cur.transition(PaymentStatus.SUCCEEDED,
                        Trigger.CASH_CONFIRMATION, clock.instant(), "confirmed by " + confirmedBy.trim()));
            }, null);
        } finally {
            mdc.close();
        }
    }

    private URI callbackUrl(PaymentGateway gateway, Payment payment) {
        String base = webhookBases.computeIfAbsent(gateway.name(),
                name -> config.webhookUrl(name).toString());
        return URI.create(base + payment.id().toString() + "/" + payment.callbackToken());
    }

    private String newToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
