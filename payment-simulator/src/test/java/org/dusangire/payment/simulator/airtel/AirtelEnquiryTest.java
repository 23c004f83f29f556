package org.dusangire.payment.simulator.airtel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AirtelEnquiryTest {

    private final AirtelMoneySimulator sim = AirtelMoneySimulator.builder().build().start();
    private final AirtelClient client = new AirtelClient(sim);
    private final String token = client.token();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void newPaymentIsInProgress() {
        String id = client.newPayment(token);

        JsonNode body = enquire(id);

        assertThat(body.at("/data/transaction/status").asText()).isEqualTo("TIP");
        assertThat(body.at("/data/transaction/id").asText()).isEqualTo(id);
        assertThat(body.at("/data/transaction/airtel_money_id").isNull()).isTrue();
    }

    @Test
    void approvedPaymentIsTsWithAnAirtelMoneyIdButSuccessFalseAsInTheDocsSample() {
        String id = client.newPayment(token);
        assertThat(sim.approve(id)).isTrue();

        JsonNode body = enquire(id);

        assertThat(body.at("/data/transaction/status").asText()).isEqualTo("TS");
        assertThat(body.at("/data/transaction/airtel_money_id").asText()).startsWith("MP");
        assertThat(body.at("/status/success").asBoolean()).isFalse();
        assertThat(body.at("/status/response_code").asText()).isEqualTo("DP00800001006");
        assertThat(sim.approve(id)).as("final status never changes").isFalse();
        assertThat(sim.decline(id)).isFalse();
    }

    @Test
    void withoutTheQuirkTsSaysSuccessTrue() {
        try (var plain = AirtelMoneySimulator.builder().docsSuccessQuirk(false).build().start()) {
            var c = new AirtelClient(plain);
            String t = c.token();
            String id = c.newPayment(t);
            plain.approve(id);
            JsonNode body = AirtelClient.json(c.enquiry(t, id));
            assertThat(body.at("/status/success").asBoolean()).isTrue();
            assertThat(body.at("/status/response_code").asText()).isEqualTo("DP00800001001");
        }
    }

    @Test
    void eachFailureIsTfWithTheResponseCodeOfItsReason() {
        assertFailure(sim::wrongPin, "TF", "DP00800001002");
        assertFailure(sim::insufficientFunds, "TF", "DP00800001007");
        assertFailure(sim::decline, "TF", "DP00800001008");
        assertFailure(sim::timeOut, "TF", "DP00800001024");
        assertFailure(sim::expire, "TE", "DP00800001029");
        assertFailure(id -> sim.fail(id, "DP00800001003"), "TF", "DP00800001003");
    }

    @Test
    void ambiguousIsTaAndCanStillResolve() {
        String id = client.newPayment(token);
        sim.ambiguous(id);
        assertThat(enquire(id).at("/data/transaction/status").asText()).isEqualTo("TA");
        assertThat(enquire(id).at("/status/response_code").asText()).isEqualTo("DP00800001000");

        sim.approve(id);

        assertThat(enquire(id).at("/data/transaction/status").asText()).isEqualTo("TS");
    }

    @Test
    void unknownIdIsNotFoundWithBothCodes() {
        var response = client.enquiry(token, "never-sent");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = AirtelClient.json(response);
        assertThat(body.at("/status/response_code").asText()).isEqualTo("DP00800001025");
        assertThat(body.at("/status/result_code").asText()).isEqualTo("ESB000045");
    }

    @Test
    void unknownIdCanBeAnsweredWith200() {
        try (var lenient = AirtelMoneySimulator.builder().notFoundHttpStatus(200).build().start()) {
            var c = new AirtelClient(lenient);
            var response = c.enquiry(c.token(), "never-sent");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(AirtelClient.json(response).at("/status/result_code").asText())
                    .isEqualTo("ESB000045");
        }
    }

    @Test
    void idsWithSpacesAreFoundAfterPercentDecoding() {
        String id = "test_id ";
        assertThat(client.pay(token, AirtelClient.body(id, "752604392", 100)).statusCode())
                .isEqualTo(200);

        assertThat(enquire(id).at("/data/transaction/id").asText()).isEqualTo(id);
    }

    private void assertFailure(Consumer<String> action, String status, String code) {
        String id = client.newPayment(token);
        action.accept(id);
        JsonNode body = enquire(id);
        assertThat(body.at("/data/transaction/status").asText()).as(code).isEqualTo(status);
        assertThat(body.at("/status/response_code").asText()).isEqualTo(code);
        assertThat(body.at("/status/success").asBoolean()).isFalse();
        assertThat(body.at("/data/transaction/message").asText()).isNotBlank();
    }

    private JsonNode enquire(String id) {
        var response = client.enquiry(token, id);
        assertThat(response.statusCode()).isEqualTo(200);
        return AirtelClient.json(response);
    }
}
