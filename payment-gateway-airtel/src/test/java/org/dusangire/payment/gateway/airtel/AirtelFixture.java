package org.dusangire.payment.gateway.airtel;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Currency;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.simulator.airtel.AirtelMoneySimulator;
import org.dusangire.payment.testkit.TestPayments;

/** Wires an {@link AirtelMoneyGateway} to a running {@link AirtelMoneySimulator} over loopback. */
final class AirtelFixture {
    static final String CALLBACK_KEY = "airtel-app-private-key";

    private AirtelFixture() {
    }

    static AirtelMoneyConfig.Builder config(AirtelMoneySimulator sim) {
        return AirtelMoneyConfig.builder()
                .clientId(sim.clientId())
                .clientSecret(Secret.of(sim.clientSecret()))
                .country(sim.country())
                .currency(Currency.getInstance(sim.currency()))
                .baseUrl(sim.baseUri())
                .requestTimeout(Duration.ofSeconds(5));
    }

    static AirtelMoneyGateway gateway(AirtelMoneySimulator sim) {
        return gateway(sim, UnaryOperator.identity(), Clock.systemUTC());
    }

    /** A gateway whose retries never really sleep. */
    static AirtelMoneyGateway gateway(AirtelMoneySimulator sim,
            UnaryOperator<AirtelMoneyConfig.Builder> tweak, Clock clock) {
        return AirtelMoneyGateway.builder(tweak.apply(config(sim)).build())
                .clock(clock).sleeper(d -> { }).build();
    }

    static Payment payment(Instant now, String amount, String msisdn) {
        return TestPayments.pending(AirtelMoneyGateway.NAME, now)
                .method(PaymentMethod.AIRTEL_MONEY)
                .money(Money.of(amount, "UGX"))
                .payer(Payer.ofPhone(Msisdn.parse(msisdn)))
                .build();
    }

    static Payment payment() {
        return payment(Instant.now(), "1500", "256752604392");
    }

    static InitiationRequest initiation(Payment p) {
        return new InitiationRequest(p, URI.create("http://localhost/payments/webhooks/airtel-money/"),
                URI.create("http://localhost/payments/callback/"), "St. Mary's Clinic & Lab");
    }

    /** A callback as Airtel's servlet route hands it over: POST, empty path. */
    static InboundRequest callback(String body) {
        return InboundRequest.builder("POST").path("")
                .header("Content-Type", "application/json").body(body).build();
    }

    static InboundRequest callback(byte[] body) {
        return InboundRequest.builder("POST").path("")
                .header("Content-Type", "application/json").body(body).build();
    }

    /** Base64(HMAC-SHA256(key, message)), computed independently of the gateway. */
    static String hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
