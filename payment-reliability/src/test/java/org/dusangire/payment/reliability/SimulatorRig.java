package org.dusangire.payment.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dusangire.payment.simulator.SimulatorServer;

/**
 * What every rig does the same way with its simulator: inject and clear the suite's faults,
 * count them, and shut the simulator down. A rig adds its provider's gateway, customer and view.
 */
abstract class SimulatorRig<S extends SimulatorServer> implements ProviderRig {
    protected final S sim;
    protected final ObjectMapper mapper = new ObjectMapper();

    SimulatorRig(S sim) {
        this.sim = sim;
    }

    /** The endpoint key of the simulator's outbound callback, so "lost callbacks" can be injected. */
    protected abstract Enum<?> callbackEndpoint();

    @Override
    public final void faults(double rate, long seed) {
        SimulatorFaults.inject(sim, callbackEndpoint(), rate, seed);
    }

    @Override
    public final void calm() {
        sim.clearFaults();
    }

    @Override
    public final long faultsInjected() {
        return sim.faults().injectedCount();
    }

    @Override
    public final void close() {
        sim.close();
    }
}
