package org.dusangire.payment.simulator.mtn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.dusangire.payment.simulator.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MtnSandboxNumbersTest {

    private final MutableClock clock = new MutableClock();
    private final MtnMomoSimulator sim = MtnMomoSimulator.builder().clock(clock).build().start();
    private final MtnClient client = new MtnClient(sim);
    private final String token = client.collectionToken();

    @AfterEach
    void stop() {
        sim.close();
    }

    @ParameterizedTest
    @CsvSource({
        "46733123450, INTERNAL_PROCESSING_ERROR",
        "46733123451, APPROVAL_REJECTED",
        "46733123452, EXPIRED",
        "46733123455, PAYER_NOT_FOUND"
    })
    void failingTestPayersFailAtOnce(String payer, String reason) {
        String ref = client.newPayment(token, payer);

        var body = MtnClient.json(client.status(token, ref));

        assertThat(body.get("status").asText()).isEqualTo("FAILED");
        assertThat(body.get("reason").asText()).isEqualTo(reason);
        assertThat(body.has("financialTransactionId")).isFalse();
    }

    @Test
    void ongoingPayerSucceedsWhenAskedAgainAfterThirtySeconds() {
        String ref = client.newPayment(token, "46733123453");
        assertThat(MtnClient.json(client.status(token, ref)).get("status").asText())
                .isEqualTo("PENDING");

        clock.advance(Duration.ofSeconds(29));
        assertThat(MtnClient.json(client.status(token, ref)).get("status").asText())
                .isEqualTo("PENDING");

        clock.advance(Duration.ofSeconds(1));
        assertThat(MtnClient.json(client.status(token, ref)).get("status").asText())
                .isEqualTo("SUCCESSFUL");
    }

    @Test
    void pendingPayerStaysPending() {
        String ref = client.newPayment(token, "46733123454");
        clock.advance(Duration.ofMinutes(10));

        assertThat(MtnClient.json(client.status(token, ref)).get("status").asText())
                .isEqualTo("PENDING");
        assertThat(MtnClient.json(client.status(token, ref)).get("status").asText())
                .isEqualTo("PENDING");
    }

    @Test
    void ordinaryPayerWaitsForThePhone() {
        String ref = client.newPayment(token, "256772123456");
        clock.advance(Duration.ofMinutes(10));

        assertThat(sim.state(ref).orElseThrow().status()).isEqualTo(MtnStatus.PENDING);
    }

    @Test
    void autoApproveAfterPollsApprovesOnTheNthStatusRequest() {
        try (var auto = MtnMomoSimulator.builder().autoApproveAfterPolls(2).build().start()) {
            var c = new MtnClient(auto);
            String t = c.collectionToken();
            String ref = c.newPayment(t, "256772123456");

            assertThat(MtnClient.json(c.status(t, ref)).get("status").asText()).isEqualTo("PENDING");
            assertThat(MtnClient.json(c.status(t, ref)).get("status").asText())
                    .isEqualTo("SUCCESSFUL");
        }
    }

    @Test
    void autoApproveApprovesAtOnceButSandboxFailuresStillFail() {
        try (var auto = MtnMomoSimulator.builder().autoApprove(true).build().start()) {
            var c = new MtnClient(auto);
            String t = c.collectionToken();

            assertThat(auto.state(c.newPayment(t, "256772123456")).orElseThrow().status())
                    .isEqualTo(MtnStatus.SUCCESSFUL);
            assertThat(auto.state(c.newPayment(t, "46733123451")).orElseThrow().reason())
                    .isEqualTo("APPROVAL_REJECTED");
        }
    }
}
