package org.dusangire.payment.simulator.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlutterwaveRefundTest {

    private final FlutterwaveSimulator sim = FlutterwaveSimulator.builder().build().start();
    private final FlwClient client = new FlwClient(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void fullRefundWithoutAmountRefundsTheChargedAmount() {
        long id = sim.payByCard(client.newLink());

        var response = client.refund(id, "{\"comments\":\"duplicate order\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        var json = FlwClient.json(response);
        assertThat(json.get("message").asText()).isEqualTo("Transaction refund initiated");
        assertThat(json.at("/data/tx_id").asLong()).isEqualTo(id);
        assertThat(json.at("/data/amount_refunded").decimalValue()).isEqualByComparingTo("1500");
        assertThat(json.at("/data/status").asText()).isEqualTo("completed");
        assertThat(json.at("/data/meta/source").asText()).isEqualTo("availablebalance");
        assertThat(client.refund(id, "{\"amount\":1}").statusCode()).isEqualTo(400);
    }

    @Test
    void partialRefundsAddUpToAtMostTheChargedAmount() {
        long id = sim.payByCard(client.newLink());

        assertThat(client.refund(id, "{\"amount\":1000}").statusCode()).isEqualTo(200);
        var tooMuch = client.refund(id, "{\"amount\":\"501\"}");
        assertThat(tooMuch.statusCode()).isEqualTo(400);
        assertThat(FlwClient.json(tooMuch).get("status").asText()).isEqualTo("error");
        assertThat(client.refund(id, "{\"amount\":\"500\"}").statusCode()).isEqualTo(200);
        assertThat(sim.transaction(id).orElseThrow().refunded()).isEqualByComparingTo("1500");
    }

    @Test
    void onlySuccessfulTransactionsCanBeRefundedAndUnknownOnesAreNotFound() {
        long failed = sim.fail(client.newLink());

        assertThat(client.refund(failed, null).statusCode()).isEqualTo(400);
        assertThat(client.refund(99L, null).statusCode()).isEqualTo(404);
        assertThat(client.refund(sim.payByCard(client.newLink()), "{\"amount\":0}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void refundStatusCanBeLookedUpAndCompletedLater() {
        try (var slow = FlutterwaveSimulator.builder().refundStatus("processing").build().start()) {
            var c = new FlwClient(slow);
            long id = slow.payByCard(c.newLink());
            long refundId = FlwClient.json(c.refund(id, "{\"amount\":100}")).at("/data/id").asLong();

            assertThat(FlwClient.json(c.get("/refunds/" + refundId)).at("/data/status").asText())
                    .isEqualTo("processing");
            assertThat(slow.completeRefund(refundId)).isTrue();
            assertThat(FlwClient.json(c.get("/transactions/" + id + "/refund")).at("/data/status")
                    .asText()).isEqualTo("completed");
            assertThat(c.get("/refunds/12").statusCode()).isEqualTo(404);
        }
    }
}
