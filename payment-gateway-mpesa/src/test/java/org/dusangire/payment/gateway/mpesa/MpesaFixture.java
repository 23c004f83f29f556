package org.dusangire.payment.gateway.mpesa;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.InitiationResult;
import org.dusangire.payment.simulator.mpesa.MpesaSimulator;
import org.dusangire.payment.testkit.TestPayments;

/** Wires an {@link MpesaGateway} to a running {@link MpesaSimulator} over loopback. */
final class MpesaFixture {

    private MpesaFixture() {
    }

    static MpesaConfig.Builder config(MpesaSimulator sim) {
        return MpesaConfig.builder()
                .consumerKey(Secret.of(sim.consumerKey()))
                .consumerSecret(Secret.of(sim.consumerSecret()))
                .shortcode(sim.shortcode())
                .passkey(Secret.of(sim.passkey()))
                .transactionType(MpesaConfig.TransactionType.parse(sim.transactionType()))
                .partyB(sim.partyB())
                .baseUrl(sim.baseUri())
                .requestTimeout(Duration.ofSeconds(5));
    }

    static MpesaGateway gateway(MpesaSimulator sim) {
        return gateway(sim, UnaryOperator.identity(), Clock.systemUTC());
    }

    /** A gateway whose retries never really sleep. */
    static MpesaGateway gateway(MpesaSimulator sim, UnaryOperator<MpesaConfig.Builder> tweak, Clock clock) {
        return MpesaGateway.builder(tweak.apply(config(sim)).build())
                .clock(clock).sleeper(d -> { }).build();
    }

    /** A fresh Safaricom number, so Daraja's subscriber lock never joins two tests. */
    static String safaricomNumber() {
        return "2547" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A pending M-Pesa payment not yet sent: no provider reference until Daraja assigns one. */
    static Payment payment(String gatewayName, String amount, String msisdn) {
        return TestPayments.pending(gatewayName, Instant.now())
                .method(PaymentMethod.MPESA)
                .money(Money.of(amount, "KES"))
                .payer(Payer.ofPhone(Msisdn.parse(msisdn)))
                .awaitingProviderReference()
                .build();
    }

    static Payment payment() {
        return payment(MpesaGateway.DEFAULT_NAME, "100", safaricomNumber());
    }

    static InitiationRequest initiation(Payment p) {
        return new InitiationRequest(p, callbackUrl(p), URI.create("http://localhost/payments/callback/"),
                "St. Mary's Clinic & Lab");
    }

    static URI callbackUrl(Payment p) {
        return URI.create("http://localhost/payments/webhooks/" + p.gatewayName() + "/" + p.id() + "/"
                + p.callbackToken());
    }

    /** Initiates and returns the payment as the service stores it: with Daraja's reference. */
    static Payment initiated(MpesaGateway gateway, Payment p) {
        InitiationResult result = gateway.initiate(initiation(p));
        return p.toBuilder().providerReference(result.providerReference()).build();
    }
}
