package org.dusangire.payment.core.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.core.error.PaymentStoreUnavailableException;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.port.PendingBacklog;
import org.dusangire.payment.core.service.PaymentHealth.GatewayError;
import org.dusangire.payment.core.service.PaymentHealth.Status;

/**
 * Health behind {@link PaymentService#health()}: remembers what this instance saw (each
 * gateway's last failed and last good call, the last reconciliation pass) and asks the store
 * for the rest, applying the rules {@link PaymentHealth} documents.
 */
final class HealthDesk {
    private static final int WINDOW_FACTOR = 5;
    /**
     * The least time between two backlog samples while reconciliation drains full batches one
     * after another. A sample counts every pending payment: a hundred passes back to back over
     * 10,000 stale payments read half a million rows for a gauge, a seventh of the reconciling
     * thread's samples in a pass (JFR, H2 and PostgreSQL).
     */
    private static final Duration DRAIN_SAMPLE_INTERVAL = Duration.ofSeconds(5);
    private static final int MAX_MESSAGE = 120;

    private final PaymentRepository repository;
    private final Clock clock;
    private final PaymentObserver observer;
    private final Duration window;
    private final Instant startedAt;
    /** One entry per registered gateway that was called; never grows past their number. */
    private final Map<String, GatewayState> gateways = new ConcurrentHashMap<>();
    private volatile Instant lastPassAt;
    private volatile String lastPassFailure;
    private volatile Instant lastBacklogSample;

    HealthDesk(PaymentRepository repository, Clock clock, PaymentConfig config,
            PaymentObserver observer) {
        this.repository = repository;
        this.clock = clock;
        this.observer = observer;
        this.window = config.reconcileAfter().multipliedBy(WINDOW_FACTOR);
        this.startedAt = clock.instant();
    }

    /** The last error, and whether the latest call failed (order of calls, not of instants). */
    private record GatewayState(GatewayError lastError, boolean failing) {
    }

    /** A call to {@code gateway} succeeded (a provider's refusal is an answer, so it counts). */
    void callSucceeded(String gateway) {
        gateways.compute(gateway, (name, s) -> new GatewayState(s == null ? null : s.lastError(),
                false));
    }

    /** A call to {@code gateway} failed; kept as its last error. */
    void callFailed(String gateway, ProviderOperation operation, RuntimeException e) {
        GatewayError error = new GatewayError(gateway, operation, clock.instant(),
                describe(operation, e), true);
        gateways.compute(gateway, (name, s) -> new GatewayState(error, true));
    }

    void passEnded() {
        lastPassAt = clock.instant();
        lastPassFailure = null;
    }

    void passFailed(RuntimeException e) {
        lastPassFailure = e.getClass().getSimpleName();
    }

    /**
     * Tells the observer the backlog after a reconciliation pass; a store that does not answer
     * now is left for later. A pass that claimed a full batch ({@code draining}: more may wait)
     * samples only when the last sample is {@link #DRAIN_SAMPLE_INTERVAL} old; any other pass,
     * the one that ends a drain included, always samples.
     */
    void sampleBacklog(boolean draining) {
        Instant last = lastBacklogSample;
        Instant now = clock.instant();
        if (draining && last != null && !now.isBefore(last)
                && now.isBefore(last.plus(DRAIN_SAMPLE_INTERVAL))) {
            return;
        }
        try {
            repository.pendingBacklog().ifPresent(b -> observe(b, clock.instant()));
        } catch (PaymentStoreUnavailableException e) {
            // the next pass or health check samples it again
        }
    }

    private void observe(PendingBacklog backlog, Instant now) {
        lastBacklogSample = now;
        Duration age = backlog.oldest().filter(at -> at.isBefore(now))
                .map(at -> Duration.between(at, now)).orElse(Duration.ZERO);
        observer.backlog(backlog, age);
    }

    PaymentHealth health() {
        Instant now = clock.instant();
        List<String> reasons = new ArrayList<>();
        PendingBacklog backlog = null;
        Long parked = null;
        boolean reachable = true;
        try {
            backlog = repository.pendingBacklog().orElse(null);
            parked = repository.countParkedEvents();
        } catch (PaymentStoreUnavailableException e) {
            reachable = false;
            reasons.add("store unreachable");
        }
        if (backlog != null) {
            observe(backlog, now);
        }
        if (parked != null && parked > 0) {
            reasons.add(parked + " events parked after failed deliveries");
        }
        List<GatewayError> errors = new ArrayList<>();
        for (GatewayState s : gateways.values()) {
            GatewayError last = s.lastError();
            if (last == null) {
                continue;
            }
            boolean ongoing = s.failing();
            errors.add(new GatewayError(last.gateway(), last.operation(), last.at(), last.message(),
                    ongoing));
            if (ongoing && last.at().isAfter(now.minus(window))) {
                reasons.add("gateway " + last.gateway() + " failing: " + last.message());
            }
        }
        errors.sort(Comparator.comparing(GatewayError::gateway));
        Instant pass = lastPassAt;
        if (pass == null && startedAt.isBefore(now.minus(window))) {
            reasons.add("reconciliation has not run on this instance");
        } else if (pass != null && pass.isBefore(now.minus(window))) {
            reasons.add("reconciliation has not run for " + Duration.between(pass, now));
        }
        String failure = lastPassFailure;
        if (failure != null) {
            reasons.add("the last reconciliation pass failed (" + failure + ")");
        }
        Status status = !reachable ? Status.DOWN : reasons.isEmpty() ? Status.UP : Status.DEGRADED;
        return new PaymentHealth(status, reasons, now, reachable, pass, backlog, parked, errors);
    }

    /**
     * What went wrong, from structured fields only (the kind of error, HTTP status, provider
     * code), so no secret, phone number or payload can reach a health page.
     */
    static String describe(ProviderOperation operation, RuntimeException e) {
        StringBuilder m = new StringBuilder(operation.tag()).append(": ");
        if (e instanceof GatewayUnavailableException) {
            m.append(operation == ProviderOperation.INITIATE || operation == ProviderOperation.REFUND
                    ? "outcome unknown" : "unavailable");
        } else if (e instanceof PaymentConfigurationException) {
            m.append("misconfigured");
        } else {
            m.append("unexpected ").append(e.getClass().getSimpleName());
        }
        if (e instanceof PaymentException p) {
            if (p.httpStatus() != null) {
                m.append(", HTTP ").append(p.httpStatus());
            }
            if (p.providerCode() != null) {
                m.append(", code ").append(p.providerCode());
            }
        }
        String text = m.toString().replaceAll("\\p{Cntrl}", " ");
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) : text;
    }
}
