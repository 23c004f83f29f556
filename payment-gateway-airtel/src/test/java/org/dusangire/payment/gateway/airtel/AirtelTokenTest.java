package org.dusangire.payment.gateway.airtel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.simulator.airtel.AirtelMoneySimulator;
import org.dusangire.payment.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Airtel tokens live 180 s: the simulator and the gateway share a clock moved by hand. */
class AirtelTokenTest {
    private final MutableClock clock = MutableClock.startingAt("2026-03-01T08:00:00Z");
    private final AirtelMoneySimulator sim = AirtelMoneySimulator.builder().clock(clock)
            .threads(32).build().start();
    private final AirtelMoneyGateway gateway = AirtelFixture.gateway(sim, UnaryOperator.identity(), clock);
    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @AfterEach
    void stop() {
        pool.shutdownNow();
        sim.close();
    }

    @Test
    void tokenIsReusedWhileValid() {
        for (int i = 0; i < 5; i++) {
            Payment p = AirtelFixture.payment(clock.instant(), "1500", "256752604392");
            gateway.initiate(AirtelFixture.initiation(p));
            gateway.checkStatus(p);
            clock.advance(Duration.ofSeconds(20));
        }

        assertThat(sim.tokenRequests()).isEqualTo(1);
    }

    @Test
    void manyConcurrentInitiationsShareOneTokenRequestPerLifetime() throws Exception {
        burst(24);
        assertThat(sim.tokenRequests()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(151)); // inside the 30 s refresh margin of the 180 s token
        burst(24);
        assertThat(sim.tokenRequests()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(100));
        burst(24);
        assertThat(sim.tokenRequests()).isEqualTo(2);
        assertThat(sim.payments()).hasSize(72);
    }

    private void burst(int n) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(pool.submit(() -> {
                go.await();
                Payment p = AirtelFixture.payment(clock.instant(), "1500", "256752604392");
                gateway.initiate(AirtelFixture.initiation(p));
                return null;
            }));
        }
        go.countDown();
        for (Future<?> call : calls) {
            call.get();
        }
    }
}
