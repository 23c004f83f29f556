package org.dusangire.payment.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final FakeTime time = new FakeTime();
    private LoopbackServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JsonHttpClient client(int attempts) {
        return client(attempts, Duration.ofSeconds(5));
    }

    private JsonHttpClient client(int attempts, Duration timeout) {
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(attempts)
                .initialDelay(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(1))
                .random(() -> 0.5).sleeper(time).clock(time).build();
        return JsonHttpClient.builder("test", server.uri()).retryPolicy(policy)
                .requestTimeout(timeout).build();
    }

    @Test
    void getIsRetriedWithExponentialBackoffAndNoRealSleep() throws Exception {
        server = new LoopbackServer((req, n) -> n < 4
                ? LoopbackServer.Answer.text(503, "busy") : LoopbackServer.Answer.json(200, "{}"));
        ApiResponse r = client(4).send(ApiRequest.get("/status").build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(server.count("/status")).isEqualTo(4);
        // equal jitter at 0.5: three quarters of 100, 200, 400 ms
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(75), Duration.ofMillis(150),
                Duration.ofMillis(300));
    }

    @Test
    void delaysAreCappedAndJitterStaysWithinHalfToFull() {
        RetryPolicy low = RetryPolicy.builder().initialDelay(Duration.ofMillis(100))
                .maxDelay(Duration.ofMillis(500)).random(() -> 0.0).build();
        RetryPolicy high = RetryPolicy.builder().initialDelay(Duration.ofMillis(100))
                .maxDelay(Duration.ofMillis(500)).random(() -> 0.999).build();
        assertThat(low.delayAfter(10, null)).isEqualTo(Duration.ofMillis(250));
        assertThat(high.delayAfter(10, null)).isLessThanOrEqualTo(Duration.ofMillis(500));
        assertThat(low.delayAfter(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void lastTransientAnswerIsReturnedWhenAttemptsRunOut() throws Exception {
        server = new LoopbackServer((req, n) -> LoopbackServer.Answer.text(502, "bad gateway"));
        assertThat(client(3).send(ApiRequest.get("/status").build()).status()).isEqualTo(502);
        assertThat(server.count("/status")).isEqualTo(3);
    }

    @Test
    void postWithoutProviderReferenceIsNeverRepeated() throws Exception {
        server = new LoopbackServer((req, n) -> LoopbackServer.Answer.text(503, "busy"));
        assertThat(client(3).send(ApiRequest.post("/pay").json("{}").build()).status()).isEqualTo(503);
        assertThat(server.count("/pay")).isEqualTo(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void postCarryingTheSameProviderReferenceIsRepeated() throws Exception {
        server = new LoopbackServer((req, n) -> n == 1
                ? LoopbackServer.Answer.dropped() : LoopbackServer.Answer.json(202, ""));
        ApiResponse r = client(3).send(ApiRequest.post("/pay").header("X-Reference-Id", "ref-1")
                .idempotentWith("ref-1").json("{}").build());
        assertThat(r.status()).isEqualTo(202);
        assertThat(server.count("/pay")).isEqualTo(2);
    }

    @Test
    void timeoutIsRetriedForGetAndEndsAsOutcomeUnknown() throws Exception {
        server = new LoopbackServer((req, n) -> LoopbackServer.Answer.delayed(2_000));
        assertThatThrownBy(() -> client(2, Duration.ofMillis(200)).send(
                ApiRequest.get("/slow").reference("pay-1").build()))
                .isInstanceOfSatisfying(GatewayUnavailableException.class, e -> {
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.paymentReference()).isEqualTo("pay-1");
                    assertThat(e.gatewayName()).isEqualTo("test");
                    assertThat(e.getMessage()).contains("timed out");
                });
        assertThat(server.count("/slow")).isEqualTo(2);
    }

    @Test
    void retriesStopWhenTheTimeBudgetIsSpent() throws Exception {
        server = new LoopbackServer((req, n) -> LoopbackServer.Answer.text(503, ""));
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(10).initialDelay(Duration.ofSeconds(4))
                .maxDelay(Duration.ofSeconds(4)).maxElapsed(Duration.ofSeconds(5))
                .random(() -> 1.0).sleeper(time).clock(time).build();
        JsonHttpClient client = JsonHttpClient.builder("test", server.uri()).retryPolicy(policy).build();
        client.send(ApiRequest.get("/status").build());
        assertThat(server.count("/status")).isEqualTo(2);
    }

    @Test
    void retryAfterHeaderLengthensThePause() throws Exception {
        RetryPolicy policy = RetryPolicy.builder().initialDelay(Duration.ofMillis(100))
                .maxDelay(Duration.ofSeconds(10)).random(() -> 0.0).build();
        assertThat(policy.delayAfter(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delayAfter(1, null)).isEqualTo(Duration.ofMillis(50));
    }
}
