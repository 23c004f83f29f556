package org.dusangire.payment.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.gateway.mtn.MtnMomoGateway;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;
import org.dusangire.payment.testkit.MutableClock;
import org.dusangire.payment.testkit.TestPayments;

/**
 * Token requests counted at the simulator while 16 callers initiate payments, over several token
 * lifetimes moved on by a clock shared by the simulator and the gateway: exactly one per lifetime.
 */
final class TokenEconomyBenchmark {
    static final int CALLERS = 16;
    static final int LIFETIMES = 3;

    private TokenEconomyBenchmark() {
    }

    static void run(Mode mode, ResultTable table) throws Exception {
        MutableClock clock = MutableClock.startingAt("2026-03-01T08:00:00Z");
        Duration lifetime = Duration.ofHours(1);
        try (MtnFixture mtn = new MtnFixture(MtnMomoSimulator.builder().clock(clock).tokenLifetime(lifetime))) {
            MtnMomoGateway gateway = mtn.gateway(clock);
            URI callback = URI.create("http://localhost:8080/payments/webhooks/mtn-momo/x/abcdefghijklmnopqrstuvwxyz012345");
            URI redirect = URI.create("http://localhost:8080/payments/callback/");
            Money money = Money.of(MtnFixture.AMOUNT, "UGX");
            int perLifetime = mode == Mode.LONG ? 4_000 : 1_000;
            StringBuilder counts = new StringBuilder();
            for (int l = 0; l < LIFETIMES; l++) {
                LoadRunner.counted(CALLERS, 0, perLifetime, seq -> gateway.initiate(new InitiationRequest(
                        TestPayments.pending(MtnMomoGateway.NAME).money(money).build(), callback, redirect,
                        "Dusangire Hospital")).rawResponse() != null);
                counts.append(counts.length() == 0 ? "" : ", ").append(mtn.simulator.tokenRequests());
                clock.advance(lifetime);
            }
            int tokens = mtn.simulator.tokenRequests();
            table.add("Token economy", String.format(Locale.ROOT, "%d lifetimes x %,d request-to-pay, %d callers",
                            LIFETIMES, perLifetime, CALLERS),
                    String.format(Locale.ROOT, "%d token requests (cumulative after each lifetime: %s)",
                            tokens, counts), "", "", "exactly " + LIFETIMES, tokens == LIFETIMES ? "yes" : "NO");
            System.out.println("token requests: " + counts);
        }
    }
}
