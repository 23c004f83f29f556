package org.dusangire.payment.core.service;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.error.ConcurrentPaymentModificationException;
import org.dusangire.payment.core.error.DuplicatePaymentException;
import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.IllegalPaymentStateException;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.core.error.PaymentNotFoundException;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.error.UnsupportedCapabilityException;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.model.StatusChange;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.InitiationResult;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentEventListener;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.port.PaymentStatusChanged;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.core.port.WebhookNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point of the library: checkout, webhooks, redirects, manual verification, cash
 * confirmation, refunds and reconciliation. Build it with {@link #builder()}.
 *
 * <p>Rules it keeps: the same idempotency key reaches the provider at most once; a timeout is
 * "outcome unknown" and never "failed"; a webhook or redirect is only a hint, confirmed with the
 * provider's status API and checked for reference, amount and currency before any value is
 * given; a final status never changes back; every status change is stored before listeners hear
 * of it, and they hear of it once. It is thread-safe and safe to run on several instances that
 * share one repository.
 */
public final class PaymentService {
    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);
    private static final int MAX_UPDATE_ATTEMPTS = 25;
    private static final int MAX_INBOX_PAYLOAD = 64 * 1024;
    private static final List<String> REDIRECT_REFERENCE_PARAMETERS =
            List.of("tx_ref", "paymentId", "payment_id", "reference");

    private final PaymentConfig config;
    private final PaymentRepository repository;
    private final Map<String, PaymentGateway> gateways;
    private final Map<PaymentMethod, PaymentGateway> routes;
    private final List<PaymentEventListener> listeners;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final RefundDesk refunds;

    private PaymentService(Builder b) {
        this.config = Objects.requireNonNull(b.config, "config must not be null");
        this.repository = Objects.requireNonNull(b.repository, "repository must not be null");
        this.clock = Objects.requireNonNull(b.clock, "clock must not be null");
        this.listeners = List.copyOf(b.listeners);
        Map<String, PaymentGateway> named = new LinkedHashMap<>(b.gateways);
        boolean cashServed = named.values().stream()
                .anyMatch(g -> g.methods().contains(PaymentMethod.CASH_ON_DELIVERY));
        if (!cashServed && !named.containsKey(CashOnDeliveryGateway.NAME)) {
            named.put(CashOnDeliveryGateway.NAME, new CashOnDeliveryGateway());
        }
        this.gateways = Map.copyOf(named);
        Map<PaymentMethod, PaymentGateway> r = new EnumMap<>(PaymentMethod.class);
        for (PaymentMethod method : PaymentMethod.values()) {
            String explicit = b.routes.get(method);
            if (explicit != null) {
                PaymentGateway g = named.get(explicit);
                if (g == null) {
                    throw new PaymentConfigurationException(null, "route for " + method
                            + " names gateway '" + explicit + "', which is not registered");
                }
                r.put(method, g);
            } else {
                named.values().stream().filter(g -> g.methods().contains(method)).findFirst()
                        .ifPresent(g -> r.put(method, g));
            }
        }
        this.routes = Map.copyOf(r);
        this.refunds = new RefundDesk(repository, clock, this::gatewayOf, config.reconcileAfter(),
                listeners, this::announce);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ checkout

    /**
     * Starts a payment. The same idempotency key returns the same payment and never sends a second
     * request to the provider, also when many threads call at once. When the provider cannot be
     * reached the payment stays pending with its outcome unknown and reconciliation settles it.
     *
     * @throws PaymentValidationException when the request cannot be accepted (nothing is stored),
     *                                    or its key was used before for a different payment
     */
    public CheckoutResult initiate(CheckoutRequest request) {
        Objects.requireNonNull(request, "request must not be null");
        // The common case is a new key: insert first and look the key up only when the insert
        // is refused (or the request cannot be accepted as new), one transaction instead of two.
        // The unique key in the store keeps the rule "one payment per key" under any concurrency.
        PaymentGateway gateway = routes.get(request.method());
        if (gateway == null) {
            return replayOrThrow(request, new PaymentValidationException("method",
                    "no gateway is configured for " + request.method()));
        }
        Instant now = clock.instant();
        PaymentId id = PaymentId.random();
        Payment draft = Payment.builder()
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
                .addHistory(new StatusChange(null, PaymentStatus.PENDING, now, Trigger.INITIATION, null))
                .build();
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
        return result(send(stored, gateway));
    }

    /** A repeated key is answered with its payment, as before; otherwise the refusal stands. */
    private CheckoutResult replayOrThrow(CheckoutRequest request, RuntimeException e) {
        Optional<Payment> existing = repository.findByIdempotencyKey(request.idempotencyKey());
        if (existing.isPresent()) {
            return replay(existing.get(), request);
        }
        throw e;
    }

    private CheckoutResult replay(Payment existing, CheckoutRequest request) {
        if (!existing.money().equals(request.money()) || existing.method() != request.method()) {
            throw new PaymentValidationException("idempotencyKey",
                    "idempotency key was already used for a different payment");
        }
        return result(existing);
    }

    /** Hands the payment to its gateway; the same provider reference every time. */
    private Payment send(Payment payment, PaymentGateway gateway) {
        InitiationResult accepted;
        try {
            accepted = gateway.initiate(new InitiationRequest(payment, callbackUrl(gateway, payment),
                    config.redirectUrl(), config.merchantName()));
        } catch (GatewayRejectedException e) {
            String reason = e.providerCode() != null ? e.providerCode() : e.getMessage();
            log.warn("payment {}: {} refused the initiation ({})", payment.id(), gateway.name(), reason);
            return store(payment, cur -> cur.status() == PaymentStatus.PENDING
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
        return store(payment, cur -> {
            if (cur.status() != PaymentStatus.PENDING && !cur.outcomeUnknown()) {
                return Decision.NO_CHANGE;
            }
            return Decision.change(cur.toBuilder()
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
        if (p.method() == PaymentMethod.CASH_ON_DELIVERY) {
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

    // ------------------------------------------------------------------ webhooks and redirects

    /**
     * Handles a webhook: the gateway authenticates and parses it, the inbox drops duplicates, the
     * provider's status API confirms it, and only then is a status change applied.
     *
     * @throws WebhookRejectedException when the request is forged or malformed (nothing stored)
     * @throws org.dusangire.payment.core.error.PaymentStoreUnavailableException when the store is
     *         down (the provider should deliver again)
     */
    public WebhookResult handleWebhook(String gatewayName, InboundRequest request) {
        PaymentGateway gateway = gateways.get(gatewayName);
        if (gateway == null) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED, gatewayName,
                    "no gateway named " + gatewayName);
        }
        WebhookNotification hint = gateway.parseWebhook(request);
        Optional<Payment> payment = resolve(gateway, hint.paymentReference());
        if (hint.callbackToken() != null && (payment.isEmpty()
                || !tokenMatches(payment.get().callbackToken(), hint.callbackToken()))) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.AUTHENTICATION,
                    gatewayName, "callback token does not match the payment");
        }
        InboxKey key = new InboxKey(gateway.name(), hint.eventKey());
        String payload = request.bodyAsString();
        if (payload.length() > MAX_INBOX_PAYLOAD) {
            payload = payload.substring(0, MAX_INBOX_PAYLOAD);
        }
        boolean fresh = repository.recordInbound(InboxEntry.received(key,
                payment.map(p -> p.id().toString()).orElse(hint.paymentReference()),
                clock.instant(), payload));
        if (!fresh) {
            return new WebhookResult(WebhookResult.Outcome.DUPLICATE, payment);
        }
        if (payment.isEmpty()) {
            repository.markInboundProcessed(key, clock.instant(), "UNKNOWN_REFERENCE");
            raise(new PaymentAnomaly(PaymentAnomaly.Kind.UNKNOWN_REFERENCE, hint.paymentReference(),
                    gateway.name(), "authenticated webhook for a payment we do not know",
                    clock.instant()));
            return new WebhookResult(WebhookResult.Outcome.UNKNOWN_REFERENCE, Optional.empty());
        }
        Payment current = payment.get();
        if (current.status().isFinal() && !contradicts(current.status(), hint.reportedStatus())) {
            repository.markInboundProcessed(key, clock.instant(), "ALREADY_FINAL");
            return new WebhookResult(WebhookResult.Outcome.PROCESSED, payment);
        }
        StatusReport report;
        try {
            report = gateway.checkStatus(current);
        } catch (GatewayUnavailableException e) {
            log.warn("payment {}: webhook kept, status check at {} failed ({}); reconciliation "
                    + "finishes it", current.id(), gateway.name(), e.getMessage());
            return new WebhookResult(WebhookResult.Outcome.DEFERRED, payment);
        }
        Payment after = applyReport(current, report, Trigger.WEBHOOK, key);
        return new WebhookResult(WebhookResult.Outcome.PROCESSED, Optional.of(after));
    }

    /**
     * Handles the customer's browser returning from a hosted checkout. Whatever the query string
     * claims, only the provider's status API decides; the query only names the payment.
     *
     * @return the payment after verification, or empty when the request names no known payment
     */
    public Optional<Payment> handleRedirect(InboundRequest request) {
        Optional<PaymentId> id = REDIRECT_REFERENCE_PARAMETERS.stream()
                .map(request::queryParameter).flatMap(Optional::stream)
                .map(PaymentService::parseIdOrNull).filter(Objects::nonNull).findFirst();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<Payment> payment = repository.findById(id.get());
        if (payment.isEmpty()) {
            return Optional.empty();
        }
        try {
            Payment current = payment.get();
            return Optional.of(current.status().isFinal() ? current
                    : settle(current, Trigger.REDIRECT).payment());
        } catch (GatewayUnavailableException e) {
            log.warn("payment {}: redirect verification deferred ({})", id.get(), e.getMessage());
            return payment;
        }
    }

    /**
     * Asks the provider about a payment now and applies what it says.
     *
     * @throws PaymentNotFoundException    when there is no such payment
     * @throws GatewayUnavailableException when the provider cannot be asked now
     */
    public Payment verify(PaymentId id) {
        Payment payment = find(id).orElseThrow(() -> new PaymentNotFoundException(id.toString()));
        if (payment.status().isFinal()) {
            return payment;
        }
        return settle(payment, Trigger.VERIFY).payment();
    }

    // ------------------------------------------------------------------ cash and refunds

    /**
     * Records that a cashier received the cash for a cash-on-delivery payment.
     *
     * @param confirmedBy who confirmed (kept in the history)
     * @throws IllegalPaymentStateException when the payment is not cash on delivery or not pending
     */
    public Payment confirmCashPayment(PaymentId id, String confirmedBy) {
        if (confirmedBy == null || confirmedBy.isBlank() || confirmedBy.length() > 100) {
            throw new PaymentValidationException("confirmedBy",
                    "the name of who confirmed the cash is required (at most 100 characters)");
        }
        Payment payment = find(id).orElseThrow(() -> new PaymentNotFoundException(id.toString()));
        if (payment.method() != PaymentMethod.CASH_ON_DELIVERY) {
            throw new IllegalPaymentStateException("only cash on delivery payments are confirmed "
                    + "by a cashier; this one is " + payment.method(), id.toString());
        }
        return store(payment, cur -> {
            if (cur.status() != PaymentStatus.PENDING) {
                throw new IllegalPaymentStateException("payment is " + cur.status()
                        + "; only a PENDING cash payment can be confirmed", id.toString());
            }
            return Decision.change(cur.transition(PaymentStatus.SUCCEEDED,
                    Trigger.CASH_CONFIRMATION, clock.instant(), "confirmed by " + confirmedBy.trim()));
        }, null);
    }

    /**
     * Refunds a paid payment in full ({@code amount} null) or in part; see
     * {@link #refund(RefundCommand)}.
     */
    public Refund refund(PaymentId id, Money amount, String reason) {
        return refund(new RefundCommand(id, amount, reason, null, null));
    }

    /**
     * Refunds a paid payment. The refund is stored as a record of its own and its amount is
     * reserved on the payment, in one version-guarded write, before the provider is called: the
     * amount must fit in {@code paid - succeeded - pending}, and racing refunds can never together
     * exceed what was paid. The same idempotency key returns the same refund and never reaches the
     * provider twice.
     *
     * <p>The returned refund is SUCCEEDED when the provider paid it out at once, FAILED when it
     * refused (the reservation is released), or PENDING while the provider processes it or when
     * its answer was lost ({@link Refund#outcomeUnknown()}): reconciliation then asks the
     * provider's refund status until it is final, and sends it again under the same refund id only
     * if the provider says it never had it. The payment becomes PARTIALLY_REFUNDED or REFUNDED
     * when a refund succeeds, never before.
     *
     * @throws PaymentNotFoundException       when there is no such payment
     * @throws UnsupportedCapabilityException when the gateway cannot refund (or not partially)
     * @throws IllegalPaymentStateException   when the payment is not paid or nothing is refundable
     * @throws PaymentValidationException     when the amount is more than is refundable, a cash
     *                                        refund names no actor, or the key was used for a
     *                                        different refund
     */
    public Refund refund(RefundCommand command) {
        return refunds.refund(Objects.requireNonNull(command, "command must not be null"));
    }

    /** The refunds of a payment, oldest first. */
    public List<Refund> refunds(PaymentId id) {
        return repository.findRefunds(Objects.requireNonNull(id, "id must not be null"));
    }

    public Optional<Refund> findRefund(RefundId id) {
        return repository.findRefund(Objects.requireNonNull(id, "id must not be null"));
    }

    /**
     * Asks the provider about a pending refund now and applies what it says.
     *
     * @throws PaymentNotFoundException    when there is no such refund
     * @throws GatewayUnavailableException when the provider cannot be asked now
     */
    public Refund verifyRefund(RefundId id) {
        Refund refund = findRefund(id).orElseThrow(() -> new PaymentNotFoundException(id.toString()));
        if (refund.status().isFinal()) {
            return refund;
        }
        return refunds.check(refund, Trigger.VERIFY).refund();
    }

    // ------------------------------------------------------------------ reconciliation

    /**
     * One reconciliation pass, the backstop for lost callbacks: claims a batch of stale pending
     * payments, asks each provider, applies what it learns, resends initiations the provider never
     * received (same reference), expires what is past its time to live, finishes inbox events
     * whose processing was interrupted, and purges one batch of inbox events processed longer
     * ago than {@link PaymentConfig#inboxRetention()}. It also claims stale pending refunds and
     * asks each provider's refund status, settling them as it settles payments (a refund the
     * provider never received is sent again under the same refund id). Safe to run on several
     * instances at once.
     *
     * <p>Up to {@link PaymentConfig#reconcileParallelism()} payments of the batch are checked
     * at the same time, on short-lived threads of this pass (the calling thread is one of
     * them), so listeners may hear of reconciled changes on those threads. Each answer is still
     * applied through the version-guarded update, exactly as with one thread; the pass returns
     * when every claimed payment has been handled.
     */
    public ReconcileReport reconcile() {
        Instant now = clock.instant();
        Instant staleBefore = now.minus(config.reconcileAfter());
        List<Payment> claimed = repository.claimStalePending(staleBefore, now,
                config.reconcileLease(), config.reconcileBatchSize());
        Tally tally = new Tally();
        forEachInParallel(claimed, config.reconcileParallelism(), p -> reconcileOne(p, tally));
        int recovered = 0;
        for (InboxEntry entry : repository.findUnprocessedInbound(staleBefore,
                config.reconcileBatchSize())) {
            try {
                recoverInbox(entry);
                recovered++;
            } catch (PaymentException e) {
                synchronized (tally) {
                    tally.errors++;
                }
                log.warn("inbox event {} could not be finished now ({})", entry.key(), e.getMessage());
            }
        }
        List<Refund> claimedRefunds = repository.claimStalePendingRefunds(staleBefore, now,
                config.reconcileLease(), config.reconcileBatchSize());
        forEachInParallel(claimedRefunds, config.reconcileParallelism(),
                r -> reconcileRefund(r, tally));
        int purged = 0;
        try {
            purged = repository.purgeProcessedInbound(now.minus(config.inboxRetention()),
                    config.reconcileBatchSize());
        } catch (PaymentException e) {
            log.warn("processed inbox events could not be purged now ({})", e.getMessage());
        }
        ReconcileReport report = new ReconcileReport(tally.checked, tally.succeeded, tally.failed,
                tally.expired, tally.pending, tally.resent, tally.errors, recovered, purged,
                tally.refundsChecked, tally.refundsSucceeded, tally.refundsFailed,
                tally.refundsResent);
        if (!report.isQuiet() || purged > 0) {
            log.info("reconcile: {}", report);
        }
        return report;
    }

    /** Counts of one pass; updated under its own lock by the pass's threads. */
    private static final class Tally {
        int checked, succeeded, failed, expired, pending, resent, errors;
        int refundsChecked, refundsSucceeded, refundsFailed, refundsResent;
    }

    private void reconcileRefund(Refund refund, Tally tally) {
        RefundDesk.Checked checked;
        try {
            checked = refunds.check(refund, Trigger.RECONCILE);
        } catch (PaymentException e) {
            synchronized (tally) {
                tally.refundsChecked++;
                tally.errors++;
            }
            log.warn("refund {}: reconciliation could not settle it now ({})", refund.id(),
                    e.getMessage());
            return;
        }
        synchronized (tally) {
            tally.refundsChecked++;
            if (checked.resent()) {
                tally.refundsResent++;
            }
            if (checked.refund().status() == RefundStatus.SUCCEEDED) {
                tally.refundsSucceeded++;
            } else if (checked.refund().status() == RefundStatus.FAILED) {
                tally.refundsFailed++;
            }
        }
    }

    private void reconcileOne(Payment p, Tally tally) {
        Settled settled;
        try {
            settled = settle(p, Trigger.RECONCILE);
        } catch (PaymentException e) {
            synchronized (tally) {
                tally.checked++;
                tally.errors++;
            }
            log.warn("payment {}: reconciliation could not settle it now ({})", p.id(),
                    e.getMessage());
            return;
        }
        synchronized (tally) {
            tally.checked++;
            switch (settled.payment().status()) {
                case SUCCEEDED -> tally.succeeded++;
                case FAILED, CANCELLED -> tally.failed++;
                case EXPIRED -> tally.expired++;
                default -> {
                    if (settled.resent()) {
                        tally.resent++;
                    } else {
                        tally.pending++;
                    }
                }
            }
        }
    }

    /**
     * Runs {@code work} for every item, at most {@code parallelism} at a time: the calling
     * thread and up to {@code parallelism - 1} threads started for this call take the items in
     * order, and the call returns when all are done. The first unexpected exception is rethrown
     * after the others finished (items already started are completed, no new ones are taken).
     */
    private static <T> void forEachInParallel(List<T> items, int parallelism,
            Consumer<T> work) {
        int threads = Math.min(parallelism, items.size());
        if (threads <= 1) {
            items.forEach(work);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i; !stop.get() && (i = next.getAndIncrement()) < items.size(); ) {
                try {
                    work.accept(items.get(i));
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                    stop.set(true);
                }
            }
        };
        List<Thread> started = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
            Thread thread = new Thread(worker, "payment-reconcile-" + t);
            thread.setDaemon(true);
            thread.start();
            started.add(thread);
        }
        worker.run();
        boolean interrupted = false;
        for (Thread thread : started) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    // finish what is running, start nothing new, keep the interrupt
                    interrupted = true;
                    stop.set(true);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable first = failure.get();
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }

    private void recoverInbox(InboxEntry entry) {
        PaymentGateway gateway = gateways.get(entry.key().gatewayName());
        Optional<Payment> payment = gateway == null ? Optional.empty()
                : resolve(gateway, entry.paymentReference());
        if (payment.isEmpty()) {
            repository.markInboundProcessed(entry.key(), clock.instant(), "UNKNOWN_REFERENCE");
            return;
        }
        if (!payment.get().status().isFinal()) {
            settle(payment.get(), Trigger.RECONCILE);
        }
        repository.markInboundProcessed(entry.key(), clock.instant(), "RECOVERED");
    }

    /** A settled payment and whether its initiation had to be sent again. */
    private record Settled(Payment payment, boolean resent) {
    }

    /** Asks the provider about a pending payment and applies the answer; expires it when due. */
    private Settled settle(Payment payment, Trigger trigger) {
        PaymentGateway gateway = gatewayOf(payment);
        StatusReport report = gateway.checkStatus(payment);
        Instant now = clock.instant();
        if (report.status() == ProviderStatus.NOT_FOUND && payment.outcomeUnknown()
                && !payment.isExpiredAt(now)) {
            log.info("payment {}: {} never received it; sending again with the same reference",
                    payment.id(), gateway.name());
            return new Settled(send(payment, gateway), true);
        }
        Payment after = applyReport(payment, report, trigger, null);
        if (after.isExpiredAt(clock.instant())) {
            after = store(after, cur -> cur.status() == PaymentStatus.PENDING
                    ? Decision.change(cur.transition(PaymentStatus.EXPIRED, Trigger.EXPIRY,
                            clock.instant(), "not completed within "
                                    + config.timeToLive(cur.method())))
                    : Decision.NO_CHANGE, null);
        }
        return new Settled(after, false);
    }

    private Payment applyReport(Payment payment, StatusReport report, Trigger trigger, InboxKey inbox) {
        return store(payment, cur -> ReportJudge.judge(cur, report, trigger, clock.instant()), inbox);
    }

    // ------------------------------------------------------------------ queries

    public Optional<Payment> find(PaymentId id) {
        return repository.findById(Objects.requireNonNull(id, "id must not be null"));
    }

    /** The most recent payments, newest first. */
    public List<Payment> recent(int limit) {
        return repository.findRecent(limit);
    }

    /** The configuration the service runs with. */
    public PaymentConfig config() {
        return config;
    }

    /** The gateway that serves a method, if any. */
    public Optional<PaymentGateway> gatewayFor(PaymentMethod method) {
        return Optional.ofNullable(routes.get(method));
    }

    /** A registered gateway by name. */
    public Optional<PaymentGateway> gateway(String name) {
        return Optional.ofNullable(gateways.get(name));
    }

    // ------------------------------------------------------------------ internals

    /**
     * Applies a decision to the freshest copy of the payment until it is stored, re-reading after
     * each lost race. Listeners hear only of the change this call stored; anomalies are raised once.
     */
    private Payment store(Payment start, Function<Payment, Decision> decide, InboxKey inbox) {
        Payment current = start;
        for (int attempt = 1; ; attempt++) {
            Decision decision = decide.apply(current);
            if (decision.next() == null) {
                if (inbox != null) {
                    repository.markInboundProcessed(inbox, clock.instant(), "NO_CHANGE");
                }
                raise(decision.anomaly());
                return current;
            }
            try {
                Payment stored = repository.update(decision.next(), inbox);
                raise(decision.anomaly());
                announce(current, stored);
                return stored;
            } catch (ConcurrentPaymentModificationException e) {
                if (attempt >= MAX_UPDATE_ATTEMPTS) {
                    throw e;
                }
                current = repository.findById(start.id())
                        .orElseThrow(() -> new PaymentNotFoundException(start.id().toString()));
            }
        }
    }

    private void announce(Payment before, Payment stored) {
        if (before.status() == stored.status()) {
            return;
        }
        StatusChange last = stored.history().get(stored.history().size() - 1);
        log.info("payment {}: {} -> {} ({})", stored.id(), before.status(), stored.status(),
                last.trigger());
        PaymentStatusChanged event = new PaymentStatusChanged(stored, before.status(),
                stored.status(), last.trigger(), last.at());
        for (PaymentEventListener listener : listeners) {
            try {
                listener.onStatusChanged(event);
            } catch (RuntimeException e) {
                log.error("payment {}: listener {} failed; the change is stored", stored.id(),
                        listener.getClass().getName(), e);
            }
        }
    }

    private void raise(PaymentAnomaly anomaly) {
        if (anomaly == null) {
            return;
        }
        log.warn("payment anomaly {} on {} via {}: {}", anomaly.kind(), anomaly.paymentReference(),
                anomaly.gatewayName(), anomaly.detail());
        for (PaymentEventListener listener : listeners) {
            try {
                listener.onAnomaly(anomaly);
            } catch (RuntimeException e) {
                log.error("anomaly listener {} failed", listener.getClass().getName(), e);
            }
        }
    }

    private Optional<Payment> resolve(PaymentGateway gateway, String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        PaymentId id = parseIdOrNull(reference);
        Optional<Payment> found = id != null ? repository.findById(id)
                : repository.findByProviderReference(gateway.name(), reference);
        return found.filter(p -> p.gatewayName().equals(gateway.name()));
    }

    private PaymentGateway gatewayOf(Payment payment) {
        PaymentGateway gateway = gateways.get(payment.gatewayName());
        if (gateway == null) {
            throw new PaymentConfigurationException(null, "payment " + payment.id()
                    + " belongs to gateway '" + payment.gatewayName() + "', which is not registered");
        }
        return gateway;
    }

    private URI callbackUrl(PaymentGateway gateway, Payment payment) {
        return URI.create(config.webhookUrl(gateway.name()) + payment.id().toString() + "/"
                + payment.callbackToken());
    }

    private String newToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean tokenMatches(String expected, String candidate) {
        if (expected == null || candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** True when a webhook's claim disagrees with a final status (paid versus not paid). */
    private static boolean contradicts(PaymentStatus held, ProviderStatus claimed) {
        if (!claimed.isFinal()) {
            return false;
        }
        return held.isPaid() != (claimed == ProviderStatus.SUCCEEDED);
    }

    private static PaymentId parseIdOrNull(String text) {
        try {
            return PaymentId.parse(text);
        } catch (PaymentValidationException e) {
            return null;
        }
    }

    /** Builds a {@link PaymentService}; wiring is explicit, nothing is discovered at run time. */
    public static final class Builder {
        private PaymentConfig config;
        private PaymentRepository repository;
        private final Map<String, PaymentGateway> gateways = new LinkedHashMap<>();
        private final Map<PaymentMethod, String> routes = new EnumMap<>(PaymentMethod.class);
        private final List<PaymentEventListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder config(PaymentConfig config) {
            this.config = config;
            return this;
        }

        public Builder repository(PaymentRepository repository) {
            this.repository = repository;
            return this;
        }

        /** Registers a gateway; by default it serves every method it lists that no earlier one does. */
        public Builder gateway(PaymentGateway gateway) {
            Objects.requireNonNull(gateway, "gateway must not be null");
            if (gateways.putIfAbsent(gateway.name(), gateway) != null) {
                throw new PaymentConfigurationException(null, "two gateways are named '"
                        + gateway.name() + "'");
            }
            return this;
        }

        /** Sends a method to a named gateway instead of the default routing. */
        public Builder route(PaymentMethod method, String gatewayName) {
            routes.put(Objects.requireNonNull(method, "method must not be null"),
                    Objects.requireNonNull(gatewayName, "gatewayName must not be null"));
            return this;
        }

        public Builder listener(PaymentEventListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public PaymentService build() {
            return new PaymentService(this);
        }
    }
}
