package org.dusangire.payment.simulator.airtel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.testsupport.Await;
import org.dusangire.payment.simulator.testsupport.CallbackReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AirtelCallbackTest {

    private final CallbackReceiver receiver = new CallbackReceiver();

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void finalStatusIsPostedToTheApplicationsCallbackUrl() throws Exception {
        try (var sim = AirtelMoneySimulator.builder().callbackUrl(receiver.url("/airtel/"))
                .build().start()) {
            var client = new AirtelClient(sim);
            String id = client.newPayment(client.token());
            sim.approve(id);

            Await.until(() -> receiver.received().size() == 1);

            var received = receiver.received().get(0);
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.path()).isEqualTo("/airtel/");
            JsonNode tx = AirtelClient.JSON.readTree(received.body()).get("transaction");
            assertThat(tx.get("id").asText()).isEqualTo(id);
            assertThat(tx.get("status_code").asText()).isEqualTo("TS");
            assertThat(tx.get("airtel_money_id").asText())
                    .isEqualTo(sim.state(id).orElseThrow().airtelMoneyId());
            assertThat(tx.get("message").asText()).contains("Trans ID");
            assertThat(AirtelClient.JSON.readTree(received.body()).has("hash")).isFalse();
        }
    }

    @Test
    void withAuthenticationTheHashIsHmacOfTheBodyWithoutIt() throws Exception {
        try (var sim = AirtelMoneySimulator.builder().callbackUrl(receiver.url("/cb"))
                .callbackAuthentication("app-private-key").build().start()) {
            var client = new AirtelClient(sim);
            String id = client.newPayment(client.token());
            sim.insufficientFunds(id);

            Await.until(() -> receiver.received().size() == 1);

            String body = receiver.received().get(0).body();
            assertThat(body).isEqualTo(new String(sim.callbackBody(id).orElseThrow(),
                    StandardCharsets.UTF_8));
            ObjectNode root = (ObjectNode) AirtelClient.JSON.readTree(body);
            String hash = root.remove("hash").asText();
            String withoutHash = AirtelClient.JSON.writeValueAsString(root);
            assertThat(hash).isEqualTo(CallbackBodies.hmac("app-private-key",
                    withoutHash.getBytes(StandardCharsets.UTF_8)));
            assertThat(root.at("/transaction/status_code").asText()).isEqualTo("TF");
        }
    }

    @Test
    void callbackCanBeSuppressedByAFault() {
        try (var sim = AirtelMoneySimulator.builder().callbackUrl(receiver.url("/cb"))
                .build().start()) {
            sim.inject(FaultRule.nextCalls(AirtelEndpoint.CALLBACK, 1,
                    Fault.of(FaultKind.CALLBACK_NEVER_SENT)));
            var client = new AirtelClient(sim);
            String id = client.newPayment(client.token());
            sim.approve(id);

            Await.until(() -> sim.journal().callbacks().size() == 1);

            assertThat(sim.journal().callbacks().get(0).suppressed()).isTrue();
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void noCallbackWithoutAConfiguredUrlAndNoBodyBeforeFinal() {
        try (var sim = AirtelMoneySimulator.builder().build().start()) {
            var client = new AirtelClient(sim);
            String id = client.newPayment(client.token());
            assertThat(sim.callbackBody(id)).isEmpty();
            sim.approve(id);
            assertThat(sim.journal().callbacks()).isEmpty();
            assertThat(sim.callbackBody(id)).isPresent();
        }
    }
}
