package org.dusangire.payment.simulator.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dusangire.payment.simulator.SimulatorMain;
import org.dusangire.payment.simulator.SimulatorServer;
import org.junit.jupiter.api.Test;

class FlutterwaveLauncherTest {

    @Test
    void simulatorMainStartsFlutterwaveWithItsOptions() {
        var buffer = new ByteArrayOutputStream();
        List<SimulatorServer> servers = SimulatorMain.start(new String[] {"--mtn-disabled", "true", "--airtel-disabled", "true", "--mpesa-disabled", "true",
                "--flutterwave-port", "0", "--flutterwave-checkout-port", "0",
                "--flutterwave-secret-hash", "h1", "--flutterwave-webhook-shape", "legacy",
                "--flutterwave-webhook-scheme", "flutterwave-signature"},
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertThat(servers).singleElement().isInstanceOf(FlutterwaveSimulator.class);
            var flw = (FlutterwaveSimulator) servers.get(0);
            assertThat(flw.webhookShape()).isEqualTo(WebhookShape.LEGACY_FLAT);
            assertThat(flw.webhookScheme()).isEqualTo(WebhookScheme.FLUTTERWAVE_SIGNATURE);
            assertThat(buffer.toString(StandardCharsets.UTF_8)).contains(flw.apiBaseUri().toString())
                    .contains("test mode").contains("h1");
            assertThat(new FlwClient(flw).newLink()).isNotBlank();
        } finally {
            servers.forEach(SimulatorServer::close);
        }
    }
}
