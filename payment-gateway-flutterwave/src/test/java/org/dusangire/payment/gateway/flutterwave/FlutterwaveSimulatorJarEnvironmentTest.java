package org.dusangire.payment.gateway.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.simulator.SimulatorMain;
import org.dusangire.payment.simulator.SimulatorServer;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveSimulator;
import org.junit.jupiter.api.Test;

/** What the stand-alone simulator prints is what {@link FlutterwaveConfig#fromEnvironment} reads. */
class FlutterwaveSimulatorJarEnvironmentTest {

    @Test
    void theJarsExportLinesConfigureTheRealGatewayWithTheSecretHash() {
        var printed = new ByteArrayOutputStream();
        List<SimulatorServer> servers = SimulatorMain.start(new String[] {"--providers",
                "flutterwave", "--flutterwave-port", "0", "--flutterwave-checkout-port", "0",
                "--flutterwave-secret-hash", "jar-secret-hash"},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            FlutterwaveSimulator sim = (FlutterwaveSimulator) servers.get(0);
            Map<String, String> env = exported(printed.toString(StandardCharsets.UTF_8));

            FlutterwaveConfig config = FlutterwaveConfig.fromEnvironment(env,
                    PaymentEnvironment.parse(env.get("PAYMENT_ENVIRONMENT")));

            assertThat(config.baseUrl()).isEqualTo(sim.apiBaseUri());
            assertThat(config.secretHash().reveal()).isEqualTo("jar-secret-hash");
            assertThat(config.publicKey()).isEqualTo(sim.publicKey());
            FlutterwaveGateway gateway = FlutterwaveGateway.builder(config).sleeper(d -> { }).build();
            Payment p = FlwFixture.cardPayment();
            var started = gateway.initiate(new InitiationRequest(p,
                    URI.create("http://localhost/payments/webhooks/flutterwave/"),
                    URI.create("http://localhost/payments/callback/"), "St. Mary's Clinic"));
            assertThat(started.paymentLink()).isNotNull();
            assertThat(started.paymentLink().getPort()).as("the simulator's checkout page")
                    .isEqualTo(sim.checkoutBaseUri().getPort());
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
