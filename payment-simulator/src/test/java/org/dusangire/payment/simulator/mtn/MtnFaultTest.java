package org.dusangire.payment.simulator.mtn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MtnFaultTest {

    private final MtnMomoSimulator sim = MtnMomoSimulator.builder().build().start();
    private final MtnClient client = new MtnClient(sim);
    private final String token = client.collectionToken();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void latencyAfterProcessingLeavesThePaymentWithTheProviderWhenTheClientTimesOut() {
        sim.inject(FaultRule.nextCalls(MtnEndpoint.REQUEST_TO_PAY, 1,
                Fault.latency(Duration.ofSeconds(2))));
        String ref = UUID.randomUUID().toString();
        HttpRequest request = client.collection("/collection/v1_0/requesttopay", token)
                .header("X-Reference-Id", ref).timeout(Duration.ofMillis(200))
                .POST(HttpRequest.BodyPublishers.ofString(
                        MtnClient.write(MtnClient.body("256772123456")))).build();

        assertThatThrownBy(() -> client.http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        assertThat(client.status(token, ref).statusCode()).isEqualTo(200);
        var retry = client.requestToPay(token, ref, MtnClient.body("256772123456"), null);
        assertThat(retry.statusCode()).isEqualTo(409);
    }

    @ParameterizedTest
    @CsvSource({"HTTP_500, 500", "HTTP_503, 503", "HTTP_429, 429"})
    void errorStatusFaultsAnswerWithoutProcessing(FaultKind kind, int status) {
        sim.inject(FaultRule.nextCalls(MtnEndpoint.REQUEST_TO_PAY, 1, Fault.of(kind)));
        String ref = UUID.randomUUID().toString();

        var failed = client.requestToPay(token, ref, MtnClient.body("256772123456"), null);

        assertThat(failed.statusCode()).isEqualTo(status);
        assertThat(sim.state(ref)).isEmpty();
        assertThat(client.requestToPay(token, ref, MtnClient.body("256772123456"), null)
                .statusCode()).isEqualTo(202);
        assertThat(sim.faults().injectedCount(kind)).isEqualTo(1);
    }

    @Test
    void droppedConnectionBeforeProcessingLeavesNoPayment() {
        sim.inject(FaultRule.nextCalls(MtnEndpoint.REQUEST_TO_PAY, 1,
                Fault.of(FaultKind.DROP_BEFORE_PROCESSING)));
        String ref = UUID.randomUUID().toString();

        assertThatThrownBy(() -> client.requestToPay(token, ref, MtnClient.body("256772123456"), null))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);

        assertThat(client.status(token, ref).statusCode()).isEqualTo(404);
    }

    @Test
    void droppedConnectionAfterProcessingLeavesThePayment() {
        sim.inject(FaultRule.nextCalls(MtnEndpoint.REQUEST_TO_PAY, 1,
                Fault.of(FaultKind.DROP_AFTER_PROCESSING)));
        String ref = UUID.randomUUID().toString();

        assertThatThrownBy(() -> client.requestToPay(token, ref, MtnClient.body("256772123456"), null))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(MtnClient.json(client.status(token, ref)).get("status").asText())
                .isEqualTo("PENDING");
    }

    @Test
    void malformedBodyIs200WithBrokenJson() {
        String ref = client.newPayment(token, "256772123456");
        sim.inject(FaultRule.nextCalls(MtnEndpoint.REQUEST_TO_PAY_STATUS, 1,
                Fault.of(FaultKind.MALFORMED_BODY)));

        var broken = client.status(token, ref);

        assertThat(broken.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> MtnClient.json(broken)).isInstanceOf(UncheckedIOException.class);
        assertThat(MtnClient.json(client.status(token, ref)).get("status").asText())
                .isEqualTo("PENDING");
    }

    @Test
    void faultsOnOneEndpointLeaveOthersAloneAndClearFaultsStopsThem() {
        sim.inject(FaultRule.withProbability(MtnEndpoint.REQUEST_TO_PAY_STATUS, 1.0,
                Fault.of(FaultKind.HTTP_503)));
        String ref = client.newPayment(token, "256772123456");
        assertThat(client.status(token, ref).statusCode()).isEqualTo(503);

        sim.clearFaults();

        assertThat(client.status(token, ref).statusCode()).isEqualTo(200);
    }

    @Test
    void probabilisticFaultsRepeatWithTheSameSeed() {
        assertThat(faultPattern(7L)).isEqualTo(faultPattern(7L)).contains(500).contains(200);
    }

    private List<Integer> faultPattern(long seed) {
        try (var seeded = MtnMomoSimulator.builder().faultSeed(seed).build().start()) {
            var c = new MtnClient(seeded);
            String t = c.collectionToken();
            String ref = c.newPayment(t, "256772123456");
            seeded.inject(FaultRule.withProbability(FaultRule.ANY_ENDPOINT, 0.5,
                    Fault.of(FaultKind.HTTP_500)));
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                statuses.add(c.status(t, ref).statusCode());
            }
            return statuses;
        }
    }

    @Test
    void servesManyConcurrentCallers() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> client.requestToPay(token,
                        UUID.randomUUID().toString(), MtnClient.body("256772123456"), null)
                        .statusCode()));
            }
            for (var result : results) {
                assertThat(result.get()).isEqualTo(202);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sim.payments()).hasSize(200);
    }
}
