package org.dusangire.payment.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    @Test
    void startsMtnAndPrintsHowToReachIt() throws Exception {
        var buffer = new ByteArrayOutputStream();
        List<SimulatorServer> servers = SimulatorMain.start(
                new String[] {"--mtn-port", "0", "--mtn-environment", "mtnuganda",
                        "--airtel-disabled", "true", "--flutterwave-disabled", "true"},
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            String printed = buffer.toString(StandardCharsets.UTF_8);
            assertThat(servers).hasSize(1);
            assertThat(printed).contains(servers.get(0).baseUri().toString())
                    .contains("mtnuganda (UGX)").contains("collection key");
            var response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(servers.get(0).baseUri().resolve("/_sim/faults")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        } finally {
            servers.forEach(SimulatorServer::close);
        }
    }

    @Test
    void rejectsAnOptionWithoutValue() {
        assertThatThrownBy(() -> SimulatorMain.start(new String[] {"--mtn-port"}, System.out))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
