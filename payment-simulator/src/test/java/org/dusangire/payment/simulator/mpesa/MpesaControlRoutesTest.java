package org.dusangire.payment.simulator.mpesa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dusangire.payment.simulator.SimulatorEnvironment;
import org.dusangire.payment.simulator.SimulatorMain;
import org.dusangire.payment.simulator.SimulatorServer;
import org.dusangire.payment.simulator.testsupport.JsonHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MpesaControlRoutesTest {
    private static final String CALLBACK = "http://127.0.0.1:1/cb";

    private final MpesaSimulator sim = MpesaSimulator.builder().lockSubscriber(false).build().start();
    private final DarajaClient client = new DarajaClient(sim);
    private final String token = client.token();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void outcomesAreSetOverHttpOnceAndThenConflict() {
        String id = client.pushed(token, "254708374149", CALLBACK);

        var first = client.control("POST", "/_sim/stk/" + id + "/wrong-pin");
        var again = client.control("POST", "/_sim/stk/" + id + "/approve");
        JsonNode state = JsonHttpClient.json(client.control("GET", "/_sim/stk/" + id));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(state.get("resultCode").asInt()).isEqualTo(2001);
        assertThat(state.get("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void anyResultCodeCanBeProduced() {
        String id = client.pushed(token, "254708374149", CALLBACK);

        var r = client.control("POST", "/_sim/stk/" + id + "/fail?code=9999&desc=Push+failed");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sim.state(id).orElseThrow().resultCode()).isEqualTo(9999);
        assertThat(sim.state(id).orElseThrow().resultDesc()).isEqualTo("Push failed");
    }

    @Test
    void customersAreScriptedAndUnscriptedOverHttp() {
        var scripted = client.control("POST", "/_sim/customers/254711000002?outcome=timeout");
        String id = client.pushed(token, "254711000002", CALLBACK);
        var unscripted = client.control("DELETE", "/_sim/customers/254711000002");
        String later = client.pushed(token, "254711000002", CALLBACK);

        assertThat(scripted.statusCode()).isEqualTo(204);
        assertThat(unscripted.statusCode()).isEqualTo(204);
        assertThat(sim.state(id).orElseThrow().resultCode()).isEqualTo(1037);
        assertThat(sim.state(later).orElseThrow().isFinal()).isFalse();
        assertThat(client.control("POST", "/_sim/customers/254711000002?outcome=dance")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void autoApprovalAndTokenExpiryAreSwitchedOverHttp() {
        client.control("POST", "/_sim/auto-approve?enabled=true");
        String id = client.pushed(token, "254708374149", CALLBACK);
        client.control("POST", "/_sim/tokens/expire");

        assertThat(sim.state(id).orElseThrow().paid()).isTrue();
        assertThat(client.query(token, id).statusCode()).isEqualTo(404);
        assertThat(client.control("GET", "/_sim/stk/ws_CO_nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void theJarStartsItOnItsOwnAndPrintsTheGatewaysVariables() {
        var buffer = new ByteArrayOutputStream();
        List<SimulatorServer> servers = SimulatorMain.start(new String[] {"--providers", "mpesa",
                "--mpesa-port", "0", "--mpesa-till", "5432109", "--mpesa-result-code-format", "number"},
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            MpesaSimulator started = (MpesaSimulator) servers.get(0);
            String printed = buffer.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains("M-Pesa (Daraja) simulator: " + started.baseUri())
                    .contains("export MPESA_BASE_URL=" + started.baseUri() + "\n")
                    .contains("export MPESA_CONSUMER_KEY=" + started.consumerKey() + "\n")
                    .contains("export MPESA_SHORTCODE=174379\n")
                    .contains("export MPESA_PARTY_B=5432109\n")
                    .contains("export MPESA_TRANSACTION_TYPE=CustomerBuyGoodsOnline\n");
            assertThat(SimulatorEnvironment.of(servers).asMap()).containsKeys("MPESA_PASSKEY",
                    "MPESA_CONSUMER_SECRET", "PAYMENT_ENVIRONMENT");
        } finally {
            servers.forEach(SimulatorServer::close);
        }
    }
}
