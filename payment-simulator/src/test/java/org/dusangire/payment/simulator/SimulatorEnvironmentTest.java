package org.dusangire.payment.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dusangire.payment.simulator.airtel.AirtelMoneySimulator;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveSimulator;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;
import org.junit.jupiter.api.Test;

class SimulatorEnvironmentTest {

    @Test
    void gathersEverySimulatorsVariablesAfterTheEnvironment() {
        try (var mtn = MtnMomoSimulator.builder().targetEnvironment("mtnuganda").build().start();
             var airtel = AirtelMoneySimulator.builder().callbackAuthentication("cb-key")
                     .messageSigning(true).build().start();
             var flw = FlutterwaveSimulator.builder().secretHash(null).build().start()) {
            SimulatorEnvironment env = SimulatorEnvironment.of(List.of(mtn, airtel, flw));

            assertThat(env.asMap().keySet()).first().isEqualTo("PAYMENT_ENVIRONMENT");
            assertThat(env.asMap())
                    .containsEntry("MTN_MOMO_API_KEY", mtn.apiUser())
                    .containsEntry("MTN_MOMO_API_SECRET", mtn.apiKey())
                    .containsEntry("MTN_MOMO_CURRENCY", "UGX")
                    .containsEntry("AIRTEL_MONEY_CALLBACK_PRIVATE_KEY", "cb-key")
                    .containsEntry("AIRTEL_MONEY_MESSAGE_SIGNING", "true")
                    .containsKey("AIRTEL_MONEY_RSA_PUBLIC_KEY")
                    .containsEntry("FLUTTERWAVE_BASE_URL", flw.apiBaseUri().toString())
                    .doesNotContainKey("FLUTTERWAVE_SECRET_HASH");
            assertThat(env.toString()).doesNotContain(mtn.apiKey());
        }
    }

    @Test
    void quotesForTheShellOnlyWhatNeedsIt() {
        assertThat(SimulatorEnvironment.shellQuoted("http://127.0.0.1:9101/v3")).isEqualTo(
                "http://127.0.0.1:9101/v3");
        assertThat(SimulatorEnvironment.shellQuoted("a b")).isEqualTo("'a b'");
        assertThat(SimulatorEnvironment.shellQuoted("it's")).isEqualTo("'it'\\''s'");
    }
}
