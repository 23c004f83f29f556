package org.dusangire.payment.benchmarks.jmh;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Currency;
import java.util.concurrent.TimeUnit;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.WebhookNotification;
import org.dusangire.payment.gateway.mtn.MtnMomoConfig;
import org.dusangire.payment.gateway.mtn.MtnMomoGateway;
import org.dusangire.payment.testkit.TestPayments;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The pure code on every payment's path, without I/O. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmarks {
    private MtnMomoGateway mtn;
    private InboundRequest callback;
    private String token;
    private Payment pending;
    private final Instant now = Instant.parse("2026-03-01T08:05:00Z");

    @Setup
    public void setUp() {
        mtn = new MtnMomoGateway(MtnMomoConfig.builder()
                .environment(PaymentEnvironment.SANDBOX)
                .apiUser(Secret.of("00000000-1111-4222-8333-444444444444"))
                .apiKey(Secret.of("key"))
                .subscriptionKey(Secret.of("sub"))
                .targetEnvironment("mtnuganda")
                .currency(Currency.getInstance("UGX"))
                .baseUrl(URI.create("http://127.0.0.1:9"))
                .build());
        pending = TestPayments.pending(MtnMomoGateway.NAME).build();
        token = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
        String ref = pending.id().toString();
        callback = InboundRequest.builder("PUT").path(ref + "/" + token)
                .header("Content-Type", "application/json")
                .body("{\"financialTransactionId\":\"5000001\",\"externalId\":\"" + ref
                        + "\",\"amount\":\"1500\",\"currency\":\"UGX\",\"payer\":{\"partyIdType\":"
                        + "\"MSISDN\",\"partyId\":\"256772123456\"},\"payerMessage\":\"Bill\","
                        + "\"payeeNote\":\"Order\",\"status\":\"SUCCESSFUL\"}")
                .build();
    }

    /** MTN callback: path token shape, JSON body, status mapping, and the constant-time token check. */
    @Benchmark
    public boolean mtnWebhookAuthenticateAndParse() {
        WebhookNotification n = mtn.parseWebhook(callback);
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                n.callbackToken().getBytes(StandardCharsets.UTF_8));
    }

    /** PENDING to SUCCEEDED with its history entry. */
    @Benchmark
    public Payment stateTransition() {
        return pending.transition(PaymentStatus.SUCCEEDED, Trigger.WEBHOOK, now, null);
    }

    @Benchmark
    public Money moneyParse() {
        return Money.of("35000", "UGX");
    }

    @Benchmark
    public Money moneyParseWithDecimals() {
        return Money.of("1250.50", "KES");
    }

    @Benchmark
    public Msisdn msisdnParse() {
        return Msisdn.parse("+256 772 123456");
    }
}
