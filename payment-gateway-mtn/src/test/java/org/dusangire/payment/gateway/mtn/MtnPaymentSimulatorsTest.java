package org.dusangire.payment.gateway.mtn;

import static org.assertj.core.api.Assertions.assertThat;

import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.simulator.SimulatorEnvironment;
import org.dusangire.payment.simulator.junit.PaymentSimulators;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;
import org.junit.jupiter.api.Test;

/** A host's test as the simulator module's README shows it: the gateway built from the injected variables. */
@PaymentSimulators(value = "mtn", options = {"--mtn-environment", "mtnuganda"})
class MtnPaymentSimulatorsTest {

    @Test
    void takesAPaymentWithTheGatewayBuiltFromTheInjectedEnvironment(MtnMomoSimulator mtn,
            SimulatorEnvironment env) {
        MtnMomoConfig config = MtnMomoConfig.fromEnvironment(env.asMap(), PaymentEnvironment.SANDBOX);
        MtnMomoGateway gateway = MtnMomoGateway.builder(config).sleeper(d -> { }).build();
        Payment payment = MtnFixture.payment(mtn);

        gateway.initiate(MtnFixture.initiation(payment));
        mtn.approve(payment.providerReference());

        assertThat(gateway.checkStatus(payment).status()).isEqualTo(ProviderStatus.SUCCEEDED);
        assertThat(mtn.state(payment.providerReference()).orElseThrow().currency()).isEqualTo("UGX");
    }
}
