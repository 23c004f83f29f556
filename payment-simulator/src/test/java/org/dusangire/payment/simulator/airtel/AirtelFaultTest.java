package org.dusangire.payment.simulator.airtel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AirtelFaultTest {

    private final AirtelMoneySimulator sim = AirtelMoneySimulator.builder().build().start();
    private final AirtelClient client = new AirtelClient(sim);
    private final String token = client.token();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void serverErrorsAndRateLimitsAnswerWithoutProcessing() {
        for (FaultKind kind : new FaultKind[] {FaultKind.HTTP_500, FaultKind.HTTP_503, FaultKind.HTTP_429}) {
            sim.inject(FaultRule.nextCalls(AirtelEndpoint.PAYMENT, 1, Fault.of(kind)));
            String id = UUID.randomUUID().toString();
            var response = client.pay(token, AirtelClient.body(id, "752604392", 1000));
            assertThat(response.statusCode()).isEqualTo(Integer.parseInt(kind.name().substring(5)));
            assertThat(sim.state(id)).isEmpty();
        }
    }

    @Test
    void droppedConnectionAfterProcessingLeavesThePaymentAtAirtel() {
        sim.inject(FaultRule.nextCalls(AirtelEndpoint.PAYMENT, 1,
                Fault.of(FaultKind.DROP_AFTER_PROCESSING)));
        String id = UUID.randomUUID().toString();

        assertThatThrownBy(() -> client.pay(token, AirtelClient.body(id, "752604392", 1000)))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(sim.state(id)).isPresent();
    }

    @Test
    void malformedBodyIsTruncatedJson() {
        sim.inject(FaultRule.nextCalls(AirtelEndpoint.ENQUIRY, 1, Fault.of(FaultKind.MALFORMED_BODY)));
        String id = client.newPayment(token);

        var response = client.enquiry(token, id);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> AirtelClient.JSON.readTree(response.body()))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void latencyPastTheClientTimeoutLeavesThePaymentAccepted() {
        sim.inject(FaultRule.nextCalls(AirtelEndpoint.PAYMENT, 1,
                Fault.latency(Duration.ofMillis(1500))));
        String id = UUID.randomUUID().toString();

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(client.uri("/merchant/v1/payments/"))
                .timeout(Duration.ofMillis(200)).header("Authorization", "Bearer " + token)
                .header("X-Country", "UG").header("X-Currency", "UGX")
                .POST(HttpRequest.BodyPublishers.ofString(AirtelClient.write(
                        AirtelClient.body(id, "752604392", 1000)), StandardCharsets.UTF_8))))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(sim.state(id)).isPresent();
    }
}
