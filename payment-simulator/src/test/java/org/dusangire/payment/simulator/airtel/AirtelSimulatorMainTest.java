package org.dusangire.payment.simulator.airtel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dusangire.payment.simulator.SimulatorMain;
import org.dusangire.payment.simulator.SimulatorServer;
import org.junit.jupiter.api.Test;

class AirtelSimulatorMainTest {

    @Test
    void startsAirtelStandAloneAndPrintsHowToReachIt() {
        var buffer = new ByteArrayOutputStream();
        List<SimulatorServer> servers = SimulatorMain.start(new String[] {"--mtn-disabled", "true", "--flutterwave-disabled", "true", "--mpesa-disabled", "true",
                "--airtel-port", "0", "--airtel-country", "ZM"},
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertThat(servers).hasSize(1).first().isInstanceOf(AirtelMoneySimulator.class);
            AirtelMoneySimulator airtel = (AirtelMoneySimulator) servers.get(0);
            assertThat(buffer.toString(StandardCharsets.UTF_8))
                    .contains(airtel.baseUri().toString()).contains("ZM / ZMW")
                    .contains(airtel.clientId());
            var client = new AirtelClient(airtel);
            assertThat(client.token(airtel.clientId(), airtel.clientSecret()).statusCode())
                    .isEqualTo(200);
        } finally {
            servers.forEach(SimulatorServer::close);
        }
    }
}
