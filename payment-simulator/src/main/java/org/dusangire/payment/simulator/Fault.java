package org.dusangire.payment.simulator;

import java.time.Duration;

/**
 * One fault to inject.
 *
 * @param kind    what goes wrong
 * @param latency the added delay for {@link FaultKind#LATENCY}, zero otherwise
 */
public record Fault(FaultKind kind, Duration latency) {

    /** Checks the fields. */
    public Fault {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        latency = latency == null ? Duration.ZERO : latency;
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
    }

    /** A fault of a kind that takes no parameter. */
    public static Fault of(FaultKind kind) {
        return new Fault(kind, Duration.ZERO);
    }

    /** Added latency after processing. */
    public static Fault latency(Duration delay) {
        return new Fault(FaultKind.LATENCY, delay);
    }
}
