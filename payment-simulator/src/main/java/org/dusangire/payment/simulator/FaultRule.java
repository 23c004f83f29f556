package org.dusangire.payment.simulator;

/**
 * When to inject a fault: on one endpoint (or {@link #ANY_ENDPOINT}), for the next {@code times}
 * matching calls, each with a probability drawn from the injector's seeded random.
 *
 * @param endpoint    the simulator's endpoint key (an enum constant's name) or {@code "*"}
 * @param fault       the fault to inject
 * @param times       how many injections before the rule is spent; {@link #UNLIMITED} for no limit
 * @param probability chance per matching call, in {@code (0, 1]}
 */
public record FaultRule(String endpoint, Fault fault, int times, double probability) {

    /** Matches every endpoint of the simulator. */
    public static final String ANY_ENDPOINT = "*";
    /** No limit on the number of injections. */
    public static final int UNLIMITED = -1;

    /** Checks the fields. */
    public FaultRule {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("endpoint must not be blank");
        }
        if (fault == null) {
            throw new IllegalArgumentException("fault must not be null");
        }
        if (times == 0 || times < UNLIMITED) {
            throw new IllegalArgumentException("times must be positive or UNLIMITED");
        }
        if (!(probability > 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be in (0, 1]");
        }
    }

    /** The fault on the next {@code n} calls of the endpoint. */
    public static FaultRule nextCalls(String endpoint, int n, Fault fault) {
        return new FaultRule(endpoint, fault, n, 1.0);
    }

    /** The fault on the next {@code n} calls of the endpoint. */
    public static FaultRule nextCalls(Enum<?> endpoint, int n, Fault fault) {
        return nextCalls(endpoint.name(), n, fault);
    }

    /** The fault on every call of the endpoint with a probability, without limit. */
    public static FaultRule withProbability(String endpoint, double probability, Fault fault) {
        return new FaultRule(endpoint, fault, UNLIMITED, probability);
    }

    /** The fault on every call of the endpoint with a probability, without limit. */
    public static FaultRule withProbability(Enum<?> endpoint, double probability, Fault fault) {
        return withProbability(endpoint.name(), probability, fault);
    }

    boolean matches(String key) {
        return ANY_ENDPOINT.equals(endpoint) || endpoint.equals(key);
    }
}
