package org.dusangire.payment.core.service;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.IllegalPaymentStateException;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentNotFoundException;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.error.UnsupportedCapabilityException;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.PaymentEvent;
import org.dusangire.payment.core.port.StoredAnomaly;
import org.dusangire.payment.core.port.PaymentEventListener;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.PaymentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point of the library: checkout, webhooks, redirects, manual verification, cash
 * confirmation, refunds and reconciliation. Build it with {@link #builder()}.
 *
 * <p>Rules it keeps: the same idempotency key reaches the provider at most once; a timeout is
 * "outcome unknown" and never "failed"; a webhook or redirect is only a hint, confirmed with the
 * provider's status API and checked for reference, amount and currency before any value is
 * given; a final status never changes back; every change (of a payment or a refund) and every
 * anomaly is stored as an event in the same transaction as the change, and listeners hear of it
 * after the commit, at least once, in order per payment; a host may also pull the events from
 * the changes feed ({@link #events}). It is thread-safe and safe to run on several instances that
 * share one repository.
 */
public final class PaymentService {
    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final PaymentConfig config;
    private final PaymentRepository repository;
    private final Map<String, PaymentGateway> gateways;
    private final GatewayRoutes routes;
    private final Clock clock;
    private final RefundDesk refunds;
    private final EventDesk events;
    private final PaymentWriter writer;
    private final CheckoutDesk checkout;
    private final Settlement settlement;
    private final NotificationDesk notifications;
    private final Reconciler reconciler;
    private final HealthDesk health;
    private final PaymentObserver observer;

    private PaymentService(Builder b) {
        this.config = Objects.requireNonNull(b.config, "config must not be null");
        this.repository = Objects.requireNonNull(b.repository, "repository must not be null");
        // read to the microsecond, the finest time both stores keep: what a write stores is then
        // exactly what a later read answers, on this instance and on any other
        this.clock = Clock.tick(Objects.requireNonNull(b.clock, "clock must not be null"),
                Duration.ofNanos(1_000));
        Map<String, PaymentGateway> named = new LinkedHashMap<>(b.gateways);
        boolean cashServed = named.values().stream()
                .anyMatch(g -> g.methods().contains(PaymentMethod.CASH_ON_DELIVERY));
        if (!cashServed && !named.containsKey(CashOnDeliveryGateway.NAME)) {
            named.put(CashOnDeliveryGateway.NAME, new CashOnDeliveryGateway());
        }
        this.gateways = Map.copyOf(named);
        this.routes = new GatewayRoutes(named, b.routes);
        // each use case keeps its rules in a package-private class; this one routes to them
        this.observer = new SafeObserver(b.observer);
        this.health = new HealthDesk(repository, clock, config, observer);
        ProviderCalls calls = new ProviderCalls(health, observer);
        this.events = new EventDesk(repository, clock, config, List.copyOf(b.listeners));
        this.refunds = new RefundDesk(repository, clock, this::gatewayOf, config.reconcileAfter(),
                events, calls);
        this.writer = new PaymentWriter(repository, clock, events, observer);
        this.checkout = new CheckoutDesk(config, repository, clock, routes, writer, calls,
                observer);
        this.settlement = new Settlement(config, clock, this::gatewayOf, writer, checkout, calls);
        this.notifications = new NotificationDesk(repository, clock, gateways, writer, settlement,
                calls);
        this.reconciler = new Reconciler(config, repository, clock, gateways, settlement,
                notifications, refunds, events, health, observer);
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
     *                                    or its key was used before for a different payment: a
     *                                    different order reference, amount, method or payer
     *                                    (phone or email); field {@code idempotencyKey}
     */
    public CheckoutResult initiate(CheckoutRequest request) {
        return checkout.initiate(Objects.requireNonNull(request, "request must not be null"));
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
        // a name from the URL becomes a tag only when it is a registered gateway's
        String tag = gatewayName != null && gateways.containsKey(gatewayName) ? gatewayName
                : "unknown";
        WebhookResult result;
        try {
            result = notifications.handleWebhook(gatewayName, request);
        } catch (WebhookRejectedException e) {
            observer.webhook(tag, PaymentObserver.WebhookOutcome.REJECTED);
            throw e;
        } catch (RuntimeException e) {
            observer.webhook(tag, PaymentObserver.WebhookOutcome.ERROR);
            throw e;
        }
        observer.webhook(tag, switch (result.outcome()) {
            case PROCESSED -> PaymentObserver.WebhookOutcome.PROCESSED;
            case DUPLICATE -> PaymentObserver.WebhookOutcome.DUPLICATE;
            case UNKNOWN_REFERENCE -> PaymentObserver.WebhookOutcome.UNKNOWN_REFERENCE;
            case DEFERRED -> PaymentObserver.WebhookOutcome.DEFERRED;
        });
        return result;
    }

    /**
     * Handles the customer's browser returning from a hosted checkout. Whatever the query string
     * claims, only the provider's status API decides; the query only names the payment. Only a
     * pending payment whose method uses a hosted checkout ({@link PaymentMethod#isRedirect()}) is
     * checked with the provider; any other is answered as stored. The caller bounds how often
     * (the servlet rate limits the route and checks a payment at most once per few seconds).
     *
     * @return the payment after verification, or empty when the request names no known payment
     */
    public Optional<Payment> handleRedirect(InboundRequest request) {
        return notifications.handleRedirect(request);
    }

    /**
     * Asks the provider about a payment now and applies what it says.
     *
     * @throws PaymentNotFoundException    when there is no such payment
     * @throws GatewayUnavailableException when the provider cannot be asked now
     */
    public Payment verify(PaymentId id) {
        return notifications.verify(id);
    }

    // ------------------------------------------------------------------ cash and refunds

    /**
     * Records that a cashier received the cash for a cash-on-delivery payment.
     *
     * @param confirmedBy who confirmed (kept in the history): one line, at most 100 characters
     * @throws PaymentValidationException   when {@code confirmedBy} is blank, too long, or holds a
     *                                      line break or other control character
     * @throws IllegalPaymentStateException when the payment is not cash on delivery or not pending
     */
    public Payment confirmCashPayment(PaymentId id, String confirmedBy) {
        return checkout.confirmCashPayment(id, confirmedBy);
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
     * when every claimed payment has been handled. With more than one at a time, the batch is
     * claimed in four chunks and the first chunk is checked while the rest are claimed; a claim
     * that fails stops the claiming, and the pass throws once what it had claimed is handled.
     */
    public ReconcileReport reconcile() {
        return reconciler.reconcile();
    }

    // ------------------------------------------------------------------ events and anomalies

    /**
     * Delivers the events that are due to the listeners: those whose first delivery was cut short
     * (a crash between the commit and the listener) and those a listener failed on whose backoff
     * has passed. {@link #reconcile()} runs it too; a host may schedule it more often.
     */
    public EventDeliveryReport deliverEvents() {
        return events.deliverDue();
    }

    /**
     * The changes feed, for hosts that prefer pulling: stored events after {@code afterPosition}
     * in commit order, at most {@code limit}. Start at 0, keep the last event's
     * {@link PaymentEvent#position()} as the cursor, and ask again from it: after downtime the
     * host catches up from where it stopped. Delivered events are purged after
     * {@link PaymentConfig#eventRetention()}, so a cursor older than that skips them.
     */
    public List<PaymentEvent> events(long afterPosition, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        repository.sequenceEvents(Math.max(limit, config.reconcileBatchSize()));
        return repository.findEvents(afterPosition, limit);
    }

    /** Every stored event of a payment (its refunds and anomalies included), oldest first. */
    public List<PaymentEvent> eventsOf(PaymentId id) {
        return repository.findEventsOf(Objects.requireNonNull(id, "id must not be null"));
    }

    /** Stored anomalies, newest first; only the open ones when {@code openOnly}. */
    public List<StoredAnomaly> anomalies(boolean openOnly, int limit) {
        return repository.findAnomalies(openOnly, limit);
    }

    /**
     * Acknowledges an open anomaly: a person looked at it.
     *
     * @return {@code true} when it was open
     * @throws PaymentValidationException when {@code by} is blank or longer than 100 characters
     */
    public boolean acknowledgeAnomaly(UUID id, String by) {
        if (by == null || by.isBlank() || by.length() > 100
                || by.chars().anyMatch(OneLineText::isForbidden)) {
            throw new PaymentValidationException("acknowledgedBy",
                    "the name of who acknowledges is required (at most 100 characters, one line)");
        }
        return repository.acknowledgeAnomaly(Objects.requireNonNull(id, "id must not be null"),
                by.trim(), clock.instant());
    }

    /** Events parked after {@link PaymentConfig#eventMaxAttempts()} failed deliveries. */
    public long parkedEvents() {
        return repository.countParkedEvents();
    }

    /** Makes up to {@code limit} parked events due again (with fresh attempts) and delivers them. */
    public EventDeliveryReport redriveParkedEvents(int limit) {
        int redriven = repository.redriveParkedEvents(clock.instant(), limit);
        log.info("{} parked events re-driven", redriven);
        return events.deliverDue();
    }

    // ------------------------------------------------------------------ health

    /**
     * How the service is doing: whether the store answers (a cheap probe: the pending backlog and
     * the parked events are counted), when reconciliation last ran on this instance, the backlog
     * (pending payments, those with an unknown outcome, the oldest one's age), parked events,
     * and each gateway's last failed call. {@link PaymentHealth} documents how the status is
     * decided (UP, DEGRADED, DOWN). Never throws for a store that is down: that is
     * {@link PaymentHealth.Status#DOWN}.
     */
    public PaymentHealth health() {
        return health.health();
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

    /** The first gateway registered for a method, whatever the currency and country, if any. */
    public Optional<PaymentGateway> gatewayFor(PaymentMethod method) {
        return routes.any(Objects.requireNonNull(method, "method must not be null"));
    }

    /**
     * The gateway a checkout of this method, currency (ISO 4217) and payer country (ISO 3166, or
     * {@code null} when unknown) would go to, if any.
     */
    public Optional<PaymentGateway> gatewayFor(PaymentMethod method, String currency, String country) {
        return routes.find(Objects.requireNonNull(method, "method must not be null"),
                Objects.requireNonNull(currency, "currency must not be null"), country);
    }

    /** A registered gateway by name. */
    public Optional<PaymentGateway> gateway(String name) {
        return Optional.ofNullable(gateways.get(name));
    }

    // ------------------------------------------------------------------ internals

    private PaymentGateway gatewayOf(Payment payment) {
        PaymentGateway gateway = gateways.get(payment.gatewayName());
        if (gateway == null) {
            throw new PaymentConfigurationException(null, "payment " + payment.id()
                    + " belongs to gateway '" + payment.gatewayName() + "', which is not registered");
        }
        return gateway;
    }

    /** Builds a {@link PaymentService}; wiring is explicit, nothing is discovered at run time. */
    public static final class Builder {
        private PaymentConfig config;
        private PaymentRepository repository;
        private final Map<String, PaymentGateway> gateways = new LinkedHashMap<>();
        private final Map<PaymentMethod, String> routes = new LinkedHashMap<>();
        private final List<PaymentEventListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private PaymentObserver observer = PaymentObserver.NONE;

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

        /**
         * Registers a gateway under its {@link PaymentGateway#name()} (its callback route is
         * {@code <route prefix>/webhooks/<name>/}). Several gateways may serve one method, as two
         * accounts of one provider do: a checkout goes to the first registered whose
         * {@link PaymentGateway#currencies()} and {@link PaymentGateway#countries()} fit the
         * payment's currency and the payer's phone number.
         */
        public Builder gateway(PaymentGateway gateway) {
            Objects.requireNonNull(gateway, "gateway must not be null");
            try {
                PaymentGateway.checkName(gateway.name());
            } catch (IllegalArgumentException e) {
                throw new PaymentConfigurationException(null, e.getMessage());
            }
            if (gateways.putIfAbsent(gateway.name(), gateway) != null) {
                throw new PaymentConfigurationException(null, "two gateways are named '"
                        + gateway.name() + "'");
            }
            return this;
        }

        /** Sends every payment of a method to one named gateway, whatever its currency or country. */
        public Builder route(PaymentMethod method, String gatewayName) {
            routes.put(Objects.requireNonNull(method, "method must not be null"),
                    Objects.requireNonNull(gatewayName, "gatewayName must not be null"));
            return this;
        }

        public Builder listener(PaymentEventListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
            return this;
        }

        /**
         * Tells {@code observer} what the service does (provider calls, initiations, status
         * changes, anomalies, webhooks, reconciliation, backlog), for metrics and tracing; for
         * example {@code payment-micrometer}'s {@code MicrometerPaymentObserver}. One observer;
         * none by default.
         */
        public Builder observer(PaymentObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer must not be null");
            return this;
        }

        /**
         * The clock the service reads (default {@link Clock#systemUTC()}), to the microsecond:
         * the finest time both stores keep, so that a payment as written equals the payment as
         * read back.
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public PaymentService build() {
            return new PaymentService(this);
        }
    }
}
