package org.dusangire.payment.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PendingBacklog;
import org.dusangire.payment.core.service.PaymentObserver;
import org.dusangire.payment.core.service.ProviderOperation;
import org.dusangire.payment.core.service.ReconcileReport;

/**
 * A {@link PaymentObserver} on Micrometer. Each provider call is an {@link Observation}
 * ({@value #PROVIDER_CALLS}): its timer comes from the registry's meter handler and, with a
 * tracing bridge (OpenTelemetry or Brave) on the {@link ObservationRegistry}, it becomes a span
 * whose scope is open during the call, so the HTTP client's spans are its children. Everything
 * else is a counter, a timer or a gauge on the {@link MeterRegistry}. The module README lists every meter and tag.
 *
 * <p>Tag values are closed sets (gateway names the host registered, enum values), never an id,
 * a reference or a phone number, so the number of time series does not grow with payments.
 * Thread-safe.
 */
public final class MicrometerPaymentObserver implements PaymentObserver {
    /** Observation (timer) per provider call: {@code gateway}, {@code operation}, {@code outcome}. */
    public static final String PROVIDER_CALLS = "payments.provider.calls";
    /** Timer per reconciliation pass: {@code outcome}. */
    public static final String RECONCILE_PASSES = "payments.reconcile.passes";
    /** Counter: {@code gateway}, {@code method}, {@code outcome}. */
    public static final String INITIATIONS = "payments.initiations";
    /** Counter: {@code gateway}, {@code method}, {@code from}, {@code to}. */
    public static final String STATUS_CHANGES = "payments.status.changes";
    /** Counter: {@code gateway}, {@code kind}. */
    public static final String ANOMALIES = "payments.anomalies";
    /** Counter: {@code gateway}, {@code outcome}. */
    public static final String WEBHOOKS = "payments.webhooks";
    /** Counter of payments a reconciliation pass handled: {@code result}. */
    public static final String RECONCILED = "payments.reconcile.payments";
    /** Gauge: pending payments in the store. */
    public static final String BACKLOG_PENDING = "payments.backlog.pending";
    /** Gauge: pending payments whose initiation's outcome is unknown. */
    public static final String BACKLOG_OUTCOME_UNKNOWN = "payments.backlog.outcome.unknown";
    /** Time gauge (seconds): age of the oldest pending payment. */
    public static final String BACKLOG_OLDEST_AGE = "payments.backlog.oldest.age";
    /** Timer: {@code gateway}, {@code outcome}. */
    public static final String TOKEN_FETCHES = "payments.token.fetches";
    /** Counter: {@code limiter}. */
    public static final String RATE_LIMITED = "payments.rate.limited";

    private final ObservationRegistry observations;
    private final MeterRegistry meters;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong outcomeUnknown = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();

    /**
     * An observer whose observations go to {@code observations} (a Spring Boot application's
     * registry already has the meter and tracing handlers) and whose counters and gauges go to
     * {@code meters}.
     */
    public MicrometerPaymentObserver(ObservationRegistry observations, MeterRegistry meters) {
        this.observations = Objects.requireNonNull(observations, "observations must not be null");
        this.meters = Objects.requireNonNull(meters, "meters must not be null");
        Gauge.builder(BACKLOG_PENDING, pending, AtomicLong::get)
                .description("Payments still pending in the store").register(meters);
        Gauge.builder(BACKLOG_OUTCOME_UNKNOWN, outcomeUnknown, AtomicLong::get)
                .description("Pending payments whose initiation's outcome is unknown")
                .register(meters);
        TimeGauge.builder(BACKLOG_OLDEST_AGE, oldestAgeMillis, TimeUnit.MILLISECONDS,
                AtomicLong::get).description("Age of the oldest pending payment").register(meters);
    }

    /**
     * An observer for a host without an observation registry of its own: observations are
     * recorded as timers on {@code meters} only (no tracing).
     */
    public static MicrometerPaymentObserver of(MeterRegistry meters) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        return new MicrometerPaymentObserver(registry, meters);
    }

    @Override
    public ProviderCall providerCall(String gateway, ProviderOperation operation) {
        Observation observation = Observation.createNotStarted(PROVIDER_CALLS, observations)
                .contextualName(gateway + " " + operation.tag())
                .lowCardinalityKeyValue("gateway", gateway)
                .lowCardinalityKeyValue("operation", operation.tag())
                .start();
        Observation.Scope scope = observation.openScope();
        return (outcome, duration) -> {
            observation.lowCardinalityKeyValue("outcome", outcome.tag());
            scope.close();
            observation.stop();
        };
    }

    @Override
    public void initiation(String gateway, PaymentMethod method, InitiationOutcome outcome) {
        Counter.builder(INITIATIONS).description("Checkouts, by how they ended")
                .tag("gateway", gateway).tag("method", method.name())
                .tag("outcome", outcome.tag()).register(meters).increment();
    }

    @Override
    public void statusChange(String gateway, PaymentMethod method, PaymentStatus from,
            PaymentStatus to) {
        Counter.builder(STATUS_CHANGES).description("Stored status changes of payments")
                .tag("gateway", gateway).tag("method", method.name())
                .tag("from", from.name()).tag("to", to.name()).register(meters).increment();
    }

    @Override
    public void anomaly(String gateway, PaymentAnomaly.Kind kind) {
        Counter.builder(ANOMALIES).description("Anomalies raised for a person to look at")
                .tag("gateway", gateway == null ? "none" : gateway).tag("kind", kind.name())
                .register(meters).increment();
    }

    @Override
    public void webhook(String gateway, WebhookOutcome outcome) {
        Counter.builder(WEBHOOKS).description("Webhooks received, by outcome")
                .tag("gateway", gateway).tag("outcome", outcome.tag()).register(meters).increment();
    }

    @Override
    public void reconcilePass(ReconcileReport report, Duration duration) {
        pass("success", duration);
        reconciled("checked", report.checked());
        reconciled("succeeded", report.succeeded());
        reconciled("failed", report.failed());
        reconciled("expired", report.expired());
        reconciled("still-pending", report.stillPending());
        reconciled("resent", report.resent());
        reconciled("error", report.errors());
    }

    @Override
    public void reconcilePassFailed(Duration duration) {
        pass("error", duration);
    }

    @Override
    public void backlog(PendingBacklog backlog, Duration oldestAge) {
        pending.set(backlog.pending());
        outcomeUnknown.set(backlog.outcomeUnknown());
        oldestAgeMillis.set(oldestAge.toMillis());
    }

    @Override
    public void rateLimited(String limiter) {
        Counter.builder(RATE_LIMITED).description("Requests refused by a rate limiter")
                .tag("limiter", limiter).register(meters).increment();
    }

    @Override
    public void tokenFetch(String gateway, boolean succeeded, Duration duration) {
        Timer.builder(TOKEN_FETCHES).description("OAuth2 token fetches from providers")
                .tag("gateway", gateway).tag("outcome", succeeded ? "success" : "error")
                .register(meters).record(duration);
    }

    /**
     * A pass is told when it has ended, so its observation is recorded after the fact: a timer
     * of the measured duration (a pass runs on many threads, so no one span scope fits it).
     */
    private void pass(String outcome, Duration duration) {
        Timer.builder(RECONCILE_PASSES).description("Reconciliation passes")
                .tag("outcome", outcome).register(meters).record(duration);
    }

    private void reconciled(String result, int count) {
        Counter.builder(RECONCILED).description("Payments handled by reconciliation, by result")
                .tag("result", result).register(meters).increment(count);
    }
}
