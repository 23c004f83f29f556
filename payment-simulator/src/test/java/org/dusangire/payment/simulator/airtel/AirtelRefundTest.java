package org.dusangire.payment.simulator.airtel;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
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
    void successfulPaymentIsReversedInFullOnceUnderARefundIdOfItsOwn() {
        String id = client.newPayment(token);
        sim.approve(id);
        String airtelId = sim.state(id).orElseThrow().airtelMoneyId();

        var first = refund(airtelId);

        assertThat(first.statusCode()).isEqualTo(200);
        var answer = AirtelClient.json(first);
        assertThat(answer.at("/data/transaction/status").asText()).isEqualTo("SUCCESS");
        assertThat(answer.at("/status/result_code").asText()).isEqualTo("ESB000010");
        assertThat(answer.at("/status/success").asBoolean()).as("the docs' quirk").isFalse();
        String refundId = answer.at("/data/transaction/airtel_money_id").asText();
        assertThat(refundId).startsWith("CI").isNotEqualTo(airtelId);
        assertThat(sim.state(id).orElseThrow().refunded()).isTrue();
        assertThat(sim.refund(id).orElseThrow().airtelMoneyId()).isEqualTo(refundId);
        assertThat(sim.refundedTotal(id)).isEqualByComparingTo("1500");
        assertThat(sim.refundsPaidOut(id)).isEqualTo(1);

        var second = refund(airtelId);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(AirtelClient.json(second).at("/status/result_code").asText()).isEqualTo("ESB000011");
        assertThat(AirtelClient.json(second).at("/status/message").asText()).contains("already reversed");
        assertThat(sim.refundsPaidOut(id)).isEqualTo(1);
    }

    @Test
    void reversedPaymentIsTrInTheEnquiryWithItsOwnAirtelMoneyId() {
        String id = client.newPayment(token);
        sim.approve(id);
        String airtelId = sim.state(id).orElseThrow().airtelMoneyId();
        refund(airtelId);

        var body = AirtelClient.json(client.enquiry(token, id));

        assertThat(body.at("/data/transaction/status").asText()).isEqualTo("TR");
        assertThat(body.at("/data/transaction/airtel_money_id").asText()).isEqualTo(airtelId);
        assertThat(sim.approve(id)).as("a reversed payment stays reversed").isFalse();
    }

    @Test
    void controlApiShowsTheReversalOnlyOnceThereIsOne() {
        String id = client.newPayment(token);
        sim.approve(id);
        assertThat(client.send(HttpRequest.newBuilder(client.uri("/_sim/payments/" + id + "/refund")).GET()).statusCode()).isEqualTo(404);
        assertThat(sim.refundedTotal(id)).isEqualByComparingTo("0");

        refund(sim.state(id).orElseThrow().airtelMoneyId());

        var view = AirtelClient.json(client.send(HttpRequest.newBuilder(client.uri("/_sim/payments/" + id + "/refund")).GET()));
        assertThat(view.get("transaction_id").asText()).isEqualTo(id);
        assertThat(view.get("airtel_money_id").asText())
                .isEqualTo(sim.refund(id).orElseThrow().airtelMoneyId());
        assertThat(view.get("amount").decimalValue()).isEqualByComparingTo("1500");
    }

    @Test
    void reversalWhoseAnswerIsDroppedIsStillDone() {
        String id = client.newPayment(token);
        sim.approve(id);
        String airtelId = sim.state(id).orElseThrow().airtelMoneyId();
        sim.inject(FaultRule.nextCalls(AirtelEndpoint.REFUND, 1, Fault.of(FaultKind.DROP_AFTER_PROCESSING)));

        assertThatThrownBy(() -> refund(airtelId)).isInstanceOf(UncheckedIOException.class);

        assertThat(AirtelClient.json(client.enquiry(token, id)).at("/data/transaction/status").asText())
                .isEqualTo("TR");
        assertThat(sim.refundsPaidOut(id)).isEqualTo(1);
        assertThat(refund(airtelId).statusCode()).isEqualTo(400);
    }

    @Test
    void reversalDroppedBeforeProcessingLeavesThePaymentTs() {
        String id = client.newPayment(token);
        sim.approve(id);
        String airtelId = sim.state(id).orElseThrow().airtelMoneyId();
        sim.inject(FaultRule.nextCalls(AirtelEndpoint.REFUND, 1, Fault.of(FaultKind.DROP_BEFORE_PROCESSING)));

        assertThatThrownBy(() -> refund(airtelId)).isInstanceOf(UncheckedIOException.class);

        assertThat(AirtelClient.json(client.enquiry(token, id)).at("/data/transaction/status").asText())
                .isEqualTo("TS");
        assertThat(sim.refundsPaidOut(id)).isZero();
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
