package org.dusangire.payment.gateway.airtel;

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
import org.dusangire.payment.simulator.airtel.AirtelMoneySimulator;
import org.junit.jupiter.api.Test;

/** What the stand-alone simulator prints is what {@link AirtelMoneyConfig#fromEnvironment} reads. */
class AirtelSimulatorJarEnvironmentTest {

    @Test
    void theJarsExportLinesConfigureTheRealGatewayWithCallbackKeyAndSigning() {
        var printed = new ByteArrayOutputStream();
        List<SimulatorServer> servers = SimulatorMain.start(new String[] {"--providers", "airtel",
                "--airtel-port", "0", "--airtel-callback-private-key", "jar-callback-key",
                "--airtel-message-signing", "true"},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            AirtelMoneySimulator sim = (AirtelMoneySimulator) servers.get(0);
            Map<String, String> env = exported(printed.toString(StandardCharsets.UTF_8));

            AirtelMoneyConfig config = AirtelMoneyConfig.fromEnvironment(env,
                    PaymentEnvironment.parse(env.get("PAYMENT_ENVIRONMENT")));

            assertThat(config.baseUrl()).isEqualTo(sim.baseUri());
            assertThat(config.country()).isEqualTo("UG");
            assertThat(config.callbackPrivateKey()).hasValueSatisfying(
                    key -> assertThat(key.reveal()).isEqualTo("jar-callback-key"));
            assertThat(config.messageSigning()).isTrue();
            assertThat(config.rsaPublicKey()).contains(sim.publicKey());
            AirtelMoneyGateway gateway = AirtelMoneyGateway.builder(config).sleeper(d -> { }).build();
            Payment p = AirtelFixture.payment();
            gateway.initiate(AirtelFixture.initiation(p));   // signed v2, with the printed key
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
