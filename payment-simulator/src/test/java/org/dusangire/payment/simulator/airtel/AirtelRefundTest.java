package org.dusangire.payment.simulator.airtel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AirtelRefundTest {

    private final AirtelMoneySimulator sim = AirtelMoneySimulator.builder().build().start();
    private final AirtelClient client = new AirtelClient(sim);
    private final String token = client.token();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void successfulPaymentIsReversedInFullOnce() {
        String id = client.newPayment(token);
        sim.approve(id);
        String airtelId = sim.state(id).orElseThrow().airtelMoneyId();

        var first = refund(airtelId);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(AirtelClient.json(first).at("/data/transaction/status").asText()).isEqualTo("SUCCESS");
        assertThat(AirtelClient.json(first).at("/data/transaction/airtel_money_id").asText())
                .isEqualTo(airtelId);
        assertThat(sim.state(id).orElseThrow().refunded()).isTrue();

        var second = refund(airtelId);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(AirtelClient.json(second).at("/status/result_code").asText()).isEqualTo("ESB000011");
    }

    @Test
    void unknownAirtelMoneyIdIsNotFound() {
        var response = refund("MP000000.0000.L99999");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(AirtelClient.json(response).at("/status/response_code").asText())
                .isEqualTo("DP00800001025");
    }

    @Test
    void missingAirtelMoneyIdIsAMissingField() {
        var response = client.post("/standard/v1/payments/refund", token,
                "{\"transaction\":{}}".getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(AirtelClient.json(response).at("/status/result_code").asText()).isEqualTo("ROUTER003");
    }

    private java.net.http.HttpResponse<String> refund(String airtelId) {
        return client.post("/standard/v1/payments/refund", token, AirtelClient.write(
                Map.of("transaction", Map.of("airtel_money_id", airtelId)))
                .getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
