package org.dusangire.payment.gateway.mtn;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;
import org.dusangire.payment.testkit.TestPayments;

/** Wires an {@link MtnMomoGateway} to a running {@link MtnMomoSimulator} over loopback. */
final class MtnFixture {
    static final Duration NO_WAIT = Duration.ZERO;

    private MtnFixture() {
    }

    /** A config pointing at the simulator with its credentials and both subscription keys. */
    static MtnMomoConfig.Builder config(MtnMomoSimulator sim) {
        return MtnMomoConfig.builder()
                .apiUser(Secret.of(sim.apiUser()))
                .apiKey(Secret.of(sim.apiKey()))
                .subscriptionKey(Secret.of(sim.collectionSubscriptionKey()))
                .disbursementSubscriptionKey(Secret.of(sim.disbursementSubscriptionKey()))
                .targetEnvironment(sim.targetEnvironment())
                .currency(Currency.getInstance(sim.currency()))
                .baseUrl(sim.baseUri())
                .requestTimeout(Duration.ofSeconds(5));
    }

    static MtnMomoGateway gateway(MtnMomoSimulator sim) {
        return gateway(sim, UnaryOperator.identity(), Clock.systemUTC());
    }

    /** A gateway whose retries never really sleep. */
    static MtnMomoGateway gateway(MtnMomoSimulator sim, UnaryOperator<MtnMomoConfig.Builder> tweak,
            Clock clock) {
        return MtnMomoGateway.builder(tweak.apply(config(sim)).build())
                .clock(clock).sleeper(d -> { }).build();
    }

    /** A pending payment in the simulator's currency from {@code msisdn}. */
    static Payment payment(MtnMomoSimulator sim, String amount, String msisdn) {
        Instant now = Instant.now();
        return TestPayments.pending(MtnMomoGateway.NAME, now)
                .money(Money.of(amount, sim.currency()))
                .payer(Payer.ofPhone(Msisdn.parse(msisdn)))
                .build();
    }

    static Payment payment(MtnMomoSimulator sim) {
        return payment(sim, "1500", "256772123456");
    }

    static InitiationRequest initiation(Payment p) {
        return new InitiationRequest(p, callbackUrl(p), URI.create("http://localhost/payments/callback/"),
                "St. Mary's Clinic & Lab");
    }

    static URI callbackUrl(Payment p) {
        return URI.create("http://localhost/payments/webhooks/mtn-momo/" + p.id() + "/" + p.callbackToken());
    }

    static String randomToken() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
