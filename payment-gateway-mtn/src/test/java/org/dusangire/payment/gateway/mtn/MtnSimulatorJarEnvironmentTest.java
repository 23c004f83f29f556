package org.dusangire.payment.gateway.mtn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.simulator.SimulatorMain;
import org.dusangire.payment.simulator.SimulatorServer;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;
import org.junit.jupiter.api.Test;

/** What the stand-alone simulator prints is what {@link MtnMomoConfig#fromEnvironment} reads. */
class MtnSimulatorJarEnvironmentTest {

    @Test
    void theJarsExportLinesConfigureTheRealGateway() {
        var printed = new ByteArrayOutputStream();
        List<SimulatorServer> servers = SimulatorMain.start(new String[] {"--providers", "mtn",
                "--mtn-port", "0", "--mtn-environment", "mtnuganda"},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            MtnMomoSimulator sim = (MtnMomoSimulator) servers.get(0);
            Map<String, String> env = exported(printed.toString(StandardCharsets.UTF_8));

            MtnMomoConfig config = MtnMomoConfig.fromEnvironment(env,
                    PaymentEnvironment.parse(env.get("PAYMENT_ENVIRONMENT")));

            assertThat(config.baseUrl()).isEqualTo(sim.baseUri());
            assertThat(config.targetEnvironment()).isEqualTo("mtnuganda");
            assertThat(config.currency().getCurrencyCode()).isEqualTo("UGX");
            assertThat(config.disbursementSubscriptionKey()).isPresent();
            MtnMomoGateway gateway = MtnMomoGateway.builder(config).sleeper(d -> { }).build();
            Payment p = MtnFixture.payment(sim);
            gateway.initiate(MtnFixture.initiation(p));
            sim.approve(p.providerReference());
            assertThat(gateway.checkStatus(p).status()).isEqualTo(ProviderStatus.SUCCEEDED);
        } finally {
            servers.forEach(SimulatorServer::close);
        }
    }

    /** {@code export NAME=value} lines as a shell would read them (values here need no quotes). */
    private static Map<String, String> exported(String output) {
        Map<String, String> env = new LinkedHashMap<>();
        output.lines().filter(line -> line.startsWith("export ")).forEach(line -> {
            String assignment = line.substring("export ".length());
            int eq = assignment.indexOf('=');
            env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        });
        assertThat(env).as("export lines in:%n%s", output).isNotEmpty();
        return env;
    }
}
