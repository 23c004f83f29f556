package org.dusangire.payment.simulator.mtn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.testsupport.Await;
import org.dusangire.payment.simulator.testsupport.CallbackReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MtnCallbackTest {

    private final CallbackReceiver receiver = new CallbackReceiver();
    private final MtnMomoSimulator sim = MtnMomoSimulator.builder().build().start();
    private final MtnClient client = new MtnClient(sim);
    private final String token = client.collectionToken();

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    private String payWithCallback(MtnClient c, String t, String payer) {
        String ref = UUID.randomUUID().toString();
        var response = c.requestToPay(t, ref, MtnClient.body(payer), receiver.url("/mtn/" + ref));
        assertThat(response.statusCode()).isEqualTo(202);
        return ref;
    }

    @Test
    void finalStatusIsPutToTheCallbackUrlExactlyOnce() {
        String ref = payWithCallback(client, token, "256772123456");
        sim.approve(ref);
        sim.decline(ref);
        sim.approve(ref);

        Await.until(() -> sim.journal().callbacks().size() == 1);
        var received = receiver.received();
        assertThat(received).hasSize(1);
        assertThat(received.get(0).method()).isEqualTo("PUT");
        assertThat(received.get(0).path()).isEqualTo("/mtn/" + ref);
        var body = MtnClient.json(received.get(0).body());
        assertThat(body.get("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(body.get("financialTransactionId").asText()).isNotBlank();
        assertThat(body.has("referenceId")).isFalse();
        assertThat(sim.journal().callbacks().get(0).status()).isEqualTo(200);
    }

    @Test
    void noCallbackWhileStillPendingOrWithoutUrl() {
        String withUrl = payWithCallback(client, token, "256772123456");
        String withoutUrl = client.newPayment(token, "256772123456");
        sim.approve(withoutUrl);
        String failing = payWithCallback(client, token, "46733123450");

        Await.until(() -> sim.journal().callbacks().size() == 1);
        assertThat(sim.journal().callbacks().get(0).reference()).isEqualTo(failing);
        assertThat(sim.state(withUrl).orElseThrow().isFinal()).isFalse();
    }

    @Test
    void callbackCanBeSentByPost() {
        try (var postSim = MtnMomoSimulator.builder().callbackByPost(true).build().start()) {
            var c = new MtnClient(postSim);
            String ref = payWithCallback(c, c.collectionToken(), "256772123456");
            postSim.decline(ref);

            Await.until(() -> receiver.received().size() == 1);
            assertThat(receiver.received().get(0).method()).isEqualTo("POST");
            assertThat(receiver.received().get(0).body()).contains("\"reason\":\"APPROVAL_REJECTED\"");
        }
    }

    @Test
    void callbackNeverSentFaultSuppressesTheCallback() {
        sim.inject(FaultRule.nextCalls(MtnEndpoint.CALLBACK, 1,
                Fault.of(FaultKind.CALLBACK_NEVER_SENT)));
        String lost = payWithCallback(client, token, "256772123456");
        String delivered = payWithCallback(client, token, "256772123456");
        sim.approve(lost);
        sim.approve(delivered);

        Await.until(() -> sim.journal().callbacks().size() == 2);
        assertThat(sim.journal().callbacksByReference().get(lost).get(0).suppressed()).isTrue();
        Await.until(() -> receiver.received().size() == 1);
        assertThat(receiver.received().get(0).path()).isEqualTo("/mtn/" + delivered);
        assertThat(sim.faults().injectedCount(FaultKind.CALLBACK_NEVER_SENT)).isEqualTo(1);
        assertThat(sim.state(lost).orElseThrow().status()).isEqualTo(MtnStatus.SUCCESSFUL);
    }
}
