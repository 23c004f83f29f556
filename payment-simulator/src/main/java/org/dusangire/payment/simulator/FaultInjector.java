package org.dusangire.payment.simulator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Holds the active fault rules of one simulator and decides, per call, whether a fault applies.
 * Decisions are serialised so that a run with the same seed and the same call order injects the
 * same faults.
 */
public final class FaultInjector {

    private final List<ActiveRule> rules = new ArrayList<>();
    private final Map<FaultKind, Long> injected = new EnumMap<>(FaultKind.class);
    private Random random;

    /** Creates an injector whose probabilistic rules draw from a {@code Random} with this seed. */
    public FaultInjector(long seed) {
        this.random = new Random(seed);
    }

    /** Adds a rule; rules are consulted in the order added. */
    public synchronized void add(FaultRule rule) {
        rules.add(new ActiveRule(rule));
    }

    /** Removes every rule (the injection counters are kept). */
    public synchronized void clear() {
        rules.clear();
    }

    /** Restarts the random sequence, for a reproducible chaos run. */
    public synchronized void reseed(long seed) {
        random = new Random(seed);
    }

    /** Rules still able to fire. */
    public synchronized List<FaultRule> rules() {
        return rules.stream().filter(r -> r.remaining != 0).map(r -> r.rule).toList();
    }

    /** How many faults of this kind were injected so far. */
    public synchronized long injectedCount(FaultKind kind) {
        return injected.getOrDefault(kind, 0L);
    }

    /** How many faults were injected so far, of every kind. */
    public synchronized long injectedCount() {
        return injected.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The fault for this call of an inbound endpoint, if any. Callback-only kinds never match here.
     */
    public Optional<Fault> nextInbound(String endpoint) {
        return next(endpoint, false);
    }

    /** The fault for an outbound callback of this endpoint, if any. */
    public Optional<Fault> nextOutbound(String endpoint) {
        return next(endpoint, true);
    }

    private synchronized Optional<Fault> next(String endpoint, boolean outbound) {
        for (ActiveRule active : rules) {
            FaultRule rule = active.rule;
            if (active.remaining == 0 || rule.fault().kind().outbound() != outbound
                    || !rule.matches(endpoint)) {
                continue;
            }
            if (rule.probability() < 1.0 && random.nextDouble() >= rule.probability()) {
                continue;
            }
            if (active.remaining > 0) {
                active.remaining--;
            }
            injected.merge(rule.fault().kind(), 1L, Long::sum);
            return Optional.of(rule.fault());
        }
        return Optional.empty();
    }

    private static final class ActiveRule {
        private final FaultRule rule;
        private int remaining;

        ActiveRule(FaultRule rule) {
            this.rule = rule;
            this.remaining = rule.times();
        }
    }
}
