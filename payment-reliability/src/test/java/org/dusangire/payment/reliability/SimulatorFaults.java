package org.dusangire.payment.reliability;

import java.time.Duration;
import java.util.List;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.SimulatorServer;

/** The chaos faults, the same for every simulator, through its shared {@code FaultInjector}. */
final class SimulatorFaults {
    /** Past every rig's 400 ms request timeout. */
    static final Duration LATENCY = Duration.ofMillis(700);
    static final Duration REQUEST_TIMEOUT = Duration.ofMillis(400);
    static final List<FaultKind> INBOUND = List.of(FaultKind.LATENCY, FaultKind.HTTP_500,
            FaultKind.HTTP_503, FaultKind.HTTP_429, FaultKind.DROP_BEFORE_PROCESSING,
            FaultKind.DROP_AFTER_PROCESSING, FaultKind.MALFORMED_BODY);

    private SimulatorFaults() {
    }

    /**
     * About {@code rate} of inbound calls get one of the inbound faults, and about {@code rate} of
     * callbacks on {@code callbackEndpoint} are never sent.
     */
    static void inject(SimulatorServer sim, Enum<?> callbackEndpoint, double rate, long seed) {
        sim.faults().reseed(seed);
        // rules are tried in turn, so each kind gets the share that makes their union `rate`
        double each = 1 - Math.pow(1 - rate, 1.0 / INBOUND.size());
        sim.inject(FaultRule.withProbability(callbackEndpoint, rate,
                Fault.of(FaultKind.CALLBACK_NEVER_SENT)));
        for (FaultKind kind : INBOUND) {
            Fault fault = kind == FaultKind.LATENCY ? Fault.latency(LATENCY) : Fault.of(kind);
            sim.inject(FaultRule.withProbability(FaultRule.ANY_ENDPOINT, each, fault));
        }
    }

    /** API requests the simulator received on its provider routes (control routes excluded). */
    static long apiRequests(SimulatorServer sim) {
        return sim.journal().countsByEndpoint().entrySet().stream()
                .filter(e -> !e.getKey().equals(SimulatorServer.CONTROL_ENDPOINT))
                .mapToLong(e -> e.getValue()).sum();
    }
}
