package org.dusangire.payment.simulator.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
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

    @Test
    void listingFiltersByTransactionAndEchoesTheComments() {
        String txRef = client.newLink();
        long id = sim.payByCard(txRef);
        long other = sim.payByCard(client.newLink());
        client.refund(id, "{\"amount\":100,\"comments\":\"refund a; first\"}");
        client.refund(other, "{\"amount\":100,\"comments\":\"not this one\"}");
        client.refund(id, "{\"amount\":200,\"comments\":\"refund b\"}");

        JsonNode listed = FlwClient.json(client.get("/refunds?id=" + id));

        assertThat(listed.get("status").asText()).isEqualTo("success");
        assertThat(listed.at("/meta/page_info/total").asInt()).isEqualTo(2);
        assertThat(listed.get("data")).hasSize(2);
        assertThat(listed.at("/data/0/transaction_id").asLong()).isEqualTo(id);
        assertThat(listed.at("/data/0/comments").asText()).isEqualTo("refund a; first");
        assertThat(listed.at("/data/1/amount_refunded").decimalValue()).isEqualByComparingTo("200");
        assertThat(FlwClient.json(client.get("/refunds")).get("data")).hasSize(3);
        assertThat(FlwClient.json(client.get("/refunds?id=" + id + "&status=failed")).get("data"))
                .isEmpty();
        assertThat(sim.refunds(txRef)).extracting(FlutterwaveRefund::comments)
                .containsExactly("refund a; first", "refund b");
        assertThat(sim.refundedTotal(txRef)).isEqualByComparingTo("300");
        assertThat(sim.refundsPaidOut(txRef)).isEqualTo(2);
    }

    @Test
    void listingIsPaged() {
        try (var paged = FlutterwaveSimulator.builder().refundPageSize(2).build().start()) {
            var c = new FlwClient(paged);
            long id = paged.payByCard(c.newLink());
            for (int i = 0; i < 5; i++) {
                c.refund(id, "{\"amount\":10,\"comments\":\"r" + i + "\"}");
            }

            List<String> seen = new ArrayList<>();
            JsonNode page = FlwClient.json(c.get("/refunds?id=" + id + "&page=3"));
            page.get("data").forEach(r -> seen.add(r.get("comments").asText()));

            assertThat(page.at("/meta/page_info/total_pages").asInt()).isEqualTo(3);
            assertThat(page.at("/meta/page_info/current_page").asInt()).isEqualTo(3);
            assertThat(seen).containsExactly("r4");
            assertThat(c.get("/refunds?from=not-a-date").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void failedRefundPaysNothingAndFreesItsAmount() {
        try (var slow = FlutterwaveSimulator.builder().refundStatus("processing").build().start()) {
            var c = new FlwClient(slow);
            String txRef = c.newLink();
            long id = slow.payByCard(txRef);
            long refundId = FlwClient.json(c.refund(id, null)).at("/data/id").asLong();
            assertThat(c.refund(id, "{\"amount\":1}").statusCode()).isEqualTo(400);

            assertThat(c.control("POST", "/_sim/refunds/" + refundId + "/fail").statusCode())
                    .isEqualTo(200);

            assertThat(FlwClient.json(c.get("/refunds/" + refundId)).at("/data/status").asText())
                    .isEqualTo("failed");
            assertThat(slow.completeRefund(refundId)).as("a failed refund stays failed").isFalse();
            assertThat(slow.refundedTotal(txRef)).isEqualByComparingTo("0");
            assertThat(slow.refunds(txRef)).singleElement()
                    .satisfies(r -> assertThat(r.failed()).isTrue());
            assertThat(c.refund(id, "{\"amount\":1500}").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refundWhoseAnswerIsDroppedIsStillMadeAndListed() {
        String txRef = client.newLink();
        long id = sim.payByCard(txRef);
        sim.inject(FaultRule.nextCalls(FlutterwaveEndpoint.REFUND, 1,
                Fault.of(FaultKind.DROP_AFTER_PROCESSING)));

        assertThatThrownBy(() -> client.refund(id, "{\"amount\":100,\"comments\":\"lost\"}"))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(FlwClient.json(client.get("/refunds?id=" + id)).at("/data/0/comments").asText())
                .isEqualTo("lost");
        assertThat(sim.refundsPaidOut(txRef)).isEqualTo(1);
    }

    @Test
    void refundDroppedBeforeProcessingLeavesNoRefund() {
        String txRef = client.newLink();
        long id = sim.payByCard(txRef);
        sim.inject(FaultRule.nextCalls(FlutterwaveEndpoint.REFUND, 1,
                Fault.of(FaultKind.DROP_BEFORE_PROCESSING)));

        assertThatThrownBy(() -> client.refund(id, "{\"amount\":100}"))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(FlwClient.json(client.get("/refunds?id=" + id)).get("data")).isEmpty();
        assertThat(sim.refunds(txRef)).isEmpty();
    }
}
