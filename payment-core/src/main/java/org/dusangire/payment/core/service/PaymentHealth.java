package org.dusangire.payment.core.service;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.dusangire.payment.core.port.PendingBacklog;

/**
 * How a {@link PaymentService} is doing, as {@link PaymentService#health()} saw it: immutable, for
 * a health endpoint or an operator's page. The status follows these rules, first match wins:
 *
 * <ol>
 *   <li>{@link Status#DOWN}: the store cannot be reached (its probe threw
 *       {@code PaymentStoreUnavailableException}). Nothing can be taken or confirmed.</li>
 *   <li>{@link Status#DEGRADED}: payments are still taken, but something needs a person, when any
 *       of these holds (each adds a line to {@link #reasons()}):
 *       <ul>
 *         <li>events are parked: a listener kept failing, so the host has not heard of some
 *             changes ({@code redriveParkedEvents} after fixing it);</li>
 *         <li>a gateway's latest call failed (unavailable, outcome unknown, misconfigured or
 *             an unexpected error), no call to it has succeeded since, and the failure is
 *             younger than the health window;</li>
 *         <li>reconciliation is not running on this instance: its last pass ended longer than
 *             the health window ago, or it never ran although the service was built longer
 *             than the window ago;</li>
 *         <li>the last reconciliation pass failed (threw).</li>
 *       </ul></li>
 *   <li>{@link Status#UP} otherwise.</li>
 * </ol>
 *
 * <p>The health window is five times {@code PAYMENT_RECONCILE_AFTER} (ten minutes by default).
 * Reconciliation and gateway errors are what this instance saw since it was built; the backlog
 * and parked events are the store's, shared by every instance.
 */
public final class PaymentHealth {
    /** The overall status. */
    public enum Status {
        /** Everything works. */
        UP,
        /** Payments are taken, but something needs a person; see {@link #reasons()}. */
        DEGRADED,
        /** The store cannot be reached. */
        DOWN
    }

    /**
     * The last failed call to one gateway that this instance saw.
     *
     * @param gateway   the gateway's name, e.g. {@code mtn-momo}
     * @param operation the call that failed
     * @param at        when it failed
     * @param message   what went wrong, short and one line, from the error's kind, HTTP status
     *                  and provider code only: never a secret, a phone number or a payload
     * @param ongoing   true while no call to this gateway has succeeded since
     */
    public record GatewayError(String gateway, ProviderOperation operation, Instant at,
            String message, boolean ongoing) {
        public GatewayError {
            Objects.requireNonNull(gateway, "gateway must not be null");
            Objects.requireNonNull(operation, "operation must not be null");
            Objects.requireNonNull(at, "at must not be null");
            Objects.requireNonNull(message, "message must not be null");
        }
    }

    private final Status status;
    private final List<String> reasons;
    private final Instant checkedAt;
    private final boolean storeReachable;
    private final Instant lastReconcileAt;
    private final PendingBacklog backlog;
    private final Long parkedEvents;
    private final List<GatewayError> gatewayErrors;

    PaymentHealth(Status status, List<String> reasons, Instant checkedAt, boolean storeReachable,
            Instant lastReconcileAt, PendingBacklog backlog, Long parkedEvents,
            List<GatewayError> gatewayErrors) {
        this.status = Objects.requireNonNull(status, "status must not be null");
        this.reasons = List.copyOf(reasons);
        this.checkedAt = Objects.requireNonNull(checkedAt, "checkedAt must not be null");
        this.storeReachable = storeReachable;
        this.lastReconcileAt = lastReconcileAt;
        this.backlog = backlog;
        this.parkedEvents = parkedEvents;
        this.gatewayErrors = List.copyOf(gatewayErrors);
    }

    public Status status() {
        return status;
    }

    /** Why the status is not {@link Status#UP}, one short line each; empty when it is. */
    public List<String> reasons() {
        return reasons;
    }

    /** When this health was taken (the service's clock). */
    public Instant checkedAt() {
        return checkedAt;
    }

    /** False when the store's probe failed. */
    public boolean storeReachable() {
        return storeReachable;
    }

    /** When the last reconciliation pass on this instance ended; empty when none has. */
    public Optional<Instant> lastReconcileAt() {
        return Optional.ofNullable(lastReconcileAt);
    }

    /** Time since the last reconciliation pass on this instance ended; empty when none has. */
    public Optional<Duration> sinceLastReconcile() {
        return lastReconcileAt().map(at -> Duration.between(at, checkedAt));
    }

    /** The store's pending backlog; empty when the store is down or does not count it. */
    public Optional<PendingBacklog> backlog() {
        return Optional.ofNullable(backlog);
    }

    /** Age of the oldest pending payment; empty when none is pending or it is not known. */
    public Optional<Duration> oldestPendingAge() {
        return backlog().flatMap(PendingBacklog::oldest)
                .map(at -> at.isAfter(checkedAt) ? Duration.ZERO : Duration.between(at, checkedAt));
    }

    /** Events parked after failed deliveries; empty when the store is down. */
    public OptionalLong parkedEvents() {
        return parkedEvents == null ? OptionalLong.empty() : OptionalLong.of(parkedEvents);
    }

    /** The last error of each gateway that had one on this instance, by gateway name. */
    public List<GatewayError> gatewayErrors() {
        return gatewayErrors;
    }

    /**
     * The figures as a map of plain values (strings, numbers, ISO-8601 texts), keys in a stable
     * order, for a health endpoint's details: {@code status}, {@code reasons},
     * {@code storeReachable}, {@code lastReconcileAt}, {@code sinceLastReconcile},
     * {@code pending}, {@code outcomeUnknown}, {@code oldestPendingAge}, {@code parkedEvents},
     * {@code gatewayErrors} (a map by gateway name of {@code operation}, {@code at},
     * {@code message}, {@code ongoing}). A figure that is not known is left out.
     */
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("status", status.name());
        if (!reasons.isEmpty()) {
            d.put("reasons", reasons);
        }
        d.put("storeReachable", storeReachable);
        lastReconcileAt().ifPresent(at -> d.put("lastReconcileAt", at.toString()));
        sinceLastReconcile().ifPresent(age -> d.put("sinceLastReconcile", age.toString()));
        backlog().ifPresent(b -> {
            d.put("pending", b.pending());
            d.put("outcomeUnknown", b.outcomeUnknown());
        });
        oldestPendingAge().ifPresent(age -> d.put("oldestPendingAge", age.toString()));
        parkedEvents().ifPresent(n -> d.put("parkedEvents", n));
        if (!gatewayErrors.isEmpty()) {
            Map<String, Object> errors = new LinkedHashMap<>();
            for (GatewayError e : gatewayErrors) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("operation", e.operation().tag());
                one.put("at", e.at().toString());
                one.put("message", e.message());
                one.put("ongoing", e.ongoing());
                errors.put(e.gateway(), one);
            }
            d.put("gatewayErrors", errors);
        }
        return d;
    }

    @Override
    public String toString() {
        return "PaymentHealth" + details();
    }
}
