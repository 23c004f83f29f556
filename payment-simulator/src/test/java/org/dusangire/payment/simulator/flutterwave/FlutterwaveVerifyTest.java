package org.dusangire.payment.simulator.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.dusangire.payment.simulator.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlutterwaveVerifyTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final FlutterwaveSimulator sim = FlutterwaveSimulator.builder().clock(clock).build().start();
    private final FlwClient client = new FlwClient(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void verifyByIdAnswersTheFullTransaction() {
        String txRef = client.newLink();
        long id = sim.payByCard(txRef);

        var response = client.verify(id);

        assertThat(response.statusCode()).isEqualTo(200);
        var json = FlwClient.json(response);
        assertThat(json.get("status").asText()).isEqualTo("success");
        assertThat(json.get("message").asText()).isEqualTo("Transaction fetched successfully");
        var data = json.get("data");
        assertThat(data.get("id").asLong()).isEqualTo(id);
        assertThat(data.get("id").canConvertToInt()).isFalse();
        assertThat(data.get("tx_ref").asText()).isEqualTo(txRef);
        assertThat(data.get("flw_ref").asText()).startsWith("FLW-MOCK-");
        assertThat(data.get("amount").decimalValue()).isEqualByComparingTo("1500");
        assertThat(data.get("charged_amount").decimalValue()).isEqualByComparingTo("1500");
        assertThat(data.get("currency").asText()).isEqualTo("UGX");
        assertThat(data.get("status").asText()).isEqualTo("successful");
        assertThat(data.get("payment_type").asText()).isEqualTo("card");
        assertThat(data.get("created_at").asText()).isEqualTo("2026-03-01T08:00:00.000Z");
        assertThat(data.at("/customer/email").asText()).isEqualTo("patient@example.org");
        assertThat(data.at("/customer/name").asText()).isEqualTo("Test Patient");
        assertThat(data.at("/customer/phone_number").asText()).isEqualTo("256772123456");
        assertThat(data.has("meta")).isTrue();
    }

    @Test
    void verifyByReferencePrefersTheSuccessfulAttempt() {
        String txRef = client.newLink();
        sim.fail(txRef);
        long paid = sim.payByBankTransfer(txRef);

        var data = FlwClient.json(client.verifyByReference(txRef)).get("data");

        assertThat(data.get("id").asLong()).isEqualTo(paid);
        assertThat(data.get("payment_type").asText()).isEqualTo("bank_transfer");
    }

    @Test
    void verifyByReferenceWithOnlyFailedAttemptsAnswersTheLatest() {
        String txRef = client.newLink();
        sim.fail(txRef);
        long last = sim.fail(txRef, "Insufficient funds");

        var data = FlwClient.json(client.verifyByReference(txRef)).get("data");

        assertThat(data.get("id").asLong()).isEqualTo(last);
        assertThat(data.get("status").asText()).isEqualTo("failed");
        assertThat(data.get("processor_response").asText()).isEqualTo("Insufficient funds");
    }

    @Test
    void unknownTransactionsAnswerTheNotFoundEnvelope() {
        String linkOnly = client.newLink();
        for (var response : java.util.List.of(client.verify(42L), client.verifyByReference(linkOnly),
                client.verifyByReference("never-seen"))) {
            assertThat(response.statusCode()).isEqualTo(404);
            var json = FlwClient.json(response);
            assertThat(json.get("status").asText()).isEqualTo("error");
            assertThat(json.get("message").asText()).isEqualTo("No transaction was found for this id");
            assertThat(json.get("data").isNull()).isTrue();
        }
    }

    @Test
    void notFoundCanBeAnsweredWith200AsSomeAccountsSee() {
        try (var other = FlutterwaveSimulator.builder().notFoundStatus(200).build().start()) {
            var response = new FlwClient(other).verify(7L);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(FlwClient.json(response).get("status").asText()).isEqualTo("error");
        }
    }

    @Test
    void pendingBankTransferSettlesLater() {
        String txRef = client.newLink();
        long id = sim.leavePending(txRef);

        assertThat(FlwClient.json(client.verify(id)).at("/data/status").asText()).isEqualTo("pending");
        assertThat(sim.settle(id)).isTrue();
        assertThat(sim.settle(id)).isFalse();
        assertThat(FlwClient.json(client.verify(id)).at("/data/status").asText()).isEqualTo("successful");
    }

    @Test
    void hostileCustomersAreReportedAsTheyPaid() {
        String less = client.newLink();
        String foreign = client.newLink();

        var lessData = FlwClient.json(client.verify(sim.payLess(less, new BigDecimal("500")))).get("data");
        var foreignData = FlwClient.json(client.verify(sim.payInCurrency(foreign, "KES"))).get("data");

        assertThat(lessData.get("status").asText()).isEqualTo("successful");
        assertThat(lessData.get("amount").decimalValue()).isEqualByComparingTo("500");
        assertThat(foreignData.get("currency").asText()).isEqualTo("KES");
        assertThat(foreignData.get("amount").decimalValue()).isEqualByComparingTo("1500");
    }

    @Test
    void whenTheCustomerPaysTheFeeChargedAmountExceedsAmount() {
        try (var fees = FlutterwaveSimulator.builder().customerPaysFees(true).build().start()) {
            var c = new FlwClient(fees);
            String txRef = c.newLink();
            var data = FlwClient.json(c.verify(fees.payByCard(txRef))).get("data");
            assertThat(data.get("amount").decimalValue()).isEqualByComparingTo("1500");
            assertThat(data.get("charged_amount").decimalValue()).isEqualByComparingTo("1521");
        }
    }

    @Test
    void liveKeysGiveLiveReferences() {
        try (var live = FlutterwaveSimulator.builder()
                .secretKey("FLWSECK-FAKE-LIVE-LOOKING-KEY-X").build().start()) {
            var c = new FlwClient(live);
            assertThat(live.testMode()).isFalse();
            var data = FlwClient.json(c.verify(live.payByCard(c.newLink()))).get("data");
            assertThat(data.get("flw_ref").asText()).startsWith("FLW").doesNotContain("MOCK");
        }
    }
}
