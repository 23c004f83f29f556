package org.dusangire.payment.spring.boot;

import java.util.Map;
import java.util.Objects;
import org.dusangire.payment.core.service.PaymentHealth;
import org.dusangire.payment.core.service.PaymentService;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * {@link PaymentService#health()} as Actuator's {@code payments} component. DOWN when the store
 * cannot be reached; {@link #DEGRADED} when payments are still taken but something needs a person
 * (parked events, a failing gateway, reconciliation not running), with the reasons in the
 * details; UP otherwise. The details are {@link PaymentHealth#details()}: the backlog, the last
 * reconciliation, each gateway's last error, never an identifier of a payment or a payer.
 *
 * <p>Spring Boot's default status order does not know {@code DEGRADED}, so a degraded payments
 * component leaves the application's overall status as the others make it (payments are still
 * taken). To let it count, add it to the order, e.g.
 * {@code management.endpoint.health.status.order=DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN}.
 */
public final class PaymentHealthIndicator implements HealthIndicator {
    /** The status of a payments component that takes payments but needs a person's attention. */
    public static final Status DEGRADED = new Status("DEGRADED",
            "payments are taken, but something needs attention");

    private final PaymentService service;

    /**
     * @param service the service whose health is reported
     */
    public PaymentHealthIndicator(PaymentService service) {
        this.service = Objects.requireNonNull(service, "service must not be null");
    }

    @Override
    public Health health() {
        PaymentHealth health = service.health();
        Status status = switch (health.status()) {
            case UP -> Status.UP;
            case DEGRADED -> DEGRADED;
            case DOWN -> Status.DOWN;
        };
        Map<String, Object> details = health.details();
        details.remove("status");
        return Health.status(status).withDetails(details).build();
    }
}
