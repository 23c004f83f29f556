package org.dusangire.payment.reliability;

import java.math.BigDecimal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.service.CheckoutRequest;
import org.dusangire.payment.gateway.flutterwave.FlutterwaveConfig;
import org.dusangire.payment.gateway.flutterwave.FlutterwaveGateway;
import org.dusangire.payment.simulator.JournalEntry;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveEndpoint;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveSimulator;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveTransaction;
import org.dusangire.payment.simulator.flutterwave.WebhookScheme;

/**
 * Flutterwave: the real {@link FlutterwaveGateway} against the {@link FlutterwaveSimulator} over
 * loopback, webhooks signed with {@code flutterwave-signature} (HMAC-SHA256 of the raw body under
 * the secret hash). The customer acts on the hosted checkout through the simulator's Java control
 * API once the link exists (see {@link CustomerAtProvider}), drawn from a Random seeded by the
 * order: PAY pays by card, sometimes after a declined first attempt on the same link; DECLINE has
 * one or two declined attempts and gives up; ABANDON never pays (leaves the page or closes it),
 * so the unpaid link must end EXPIRED after its time to live, never FAILED.
 */
final class FlutterwaveRig extends SimulatorRig<FlutterwaveSimulator> {
    static final String SECRET_HASH = "rel-flw-secret-hash-8d2e41";
    /** Within the suite's 30-minute time to live, so a declined link ends FAILED, not EXPIRED. */
    static final Duration CHECKOUT_WINDOW = Duration.ofMinutes(10);

    private final PaymentGateway gateway;
    private final ServiceClock clock;
    private final Map<String, Fate> fates = new ConcurrentHashMap<>();
    private final Set<String> acted = ConcurrentHashMap.newKeySet();
    private final long seed;

    FlutterwaveRig() {
        this(20260402L);
    }

    FlutterwaveRig(long seed) {
        this(seed, new ServiceClock());
    }

    private FlutterwaveRig(long seed, ServiceClock clock) {
        // Flutterwave's clock and ours agree, as they do in production: the refund listing is
        // asked by date, and refunds stay "processing" until the provider finishes them
        // (finishRefunds)
        super(FlutterwaveSimulator.builder().secretHash(SECRET_HASH).refundStatus("processing")
                .clock(clock).webhookScheme(WebhookScheme.FLUTTERWAVE_SIGNATURE).threads(96)
                .build().start());
        this.clock = clock;
        this.seed = seed;
        FlutterwaveGateway real = FlutterwaveGateway.builder(FlutterwaveConfig.builder()
                        .environment(PaymentEnvironment.SANDBOX)
                        .secretKey(sim.secretKey())
                        .publicKey(sim.publicKey())
                        .secretHash(SECRET_HASH)
                        .baseUrl(sim.apiBaseUri())
                        .checkoutSessionWindow(CHECKOUT_WINDOW)
                        .requestTimeout(SimulatorFaults.REQUEST_TIMEOUT)
                        .build())
                .clock(clock)
                .sleeper(d -> Thread.sleep(Math.min(d.toMillis(), 20)))
                .build();
        gateway = new CustomerAtProvider(real, this::customerActs);
    }

    FlutterwaveSimulator simulator() {
        return sim;
    }

    @Override
    public String name() {
        return FlutterwaveGateway.NAME;
    }

    @Override
    public PaymentGateway gateway() {
        return gateway;
    }

    @Override
    public void clock(Clock serviceClock) {
        clock.target = serviceClock;
    }

    @Override
    public CheckoutRequest checkout(String orderReference, Fate fate) {
        fates.putIfAbsent(orderReference, fate);
        return CheckoutRequest.builder()
                .orderReference(orderReference)
                .money(Money.of("1500", "UGX"))
                .method(PaymentMethod.CARD)
                .payer(new Payer(Msisdn.parse("+256752123456"), "patient@example.org", "Test Patient"))
                .idempotencyKey("key-" + orderReference)
                .description("Hospital bill")
                .build();
    }

    /** What the customer does on the hosted checkout, once the link exists. */
    private void customerActs(Payment p) {
        String txRef = p.providerReference();
        if (acted.contains(txRef) || sim.paymentLink(txRef).isEmpty() || !acted.add(txRef)) {
            return;
        }
        Fate fate = fates.getOrDefault(p.orderReference(), Fate.PAY);
        Random random = new Random(seed ^ p.orderReference().hashCode());
        try {
            switch (fate) {
                case PAY -> {
                    if (random.nextInt(5) == 0) {
                        sim.fail(txRef, "Insufficient funds"); // then tries again and pays
                    }
                    sim.payByCard(txRef);
                }
                case DECLINE -> {
                    sim.fail(txRef);
                    if (random.nextBoolean()) {
                        sim.fail(txRef, "Do not honour");
                    }
                }
                case ABANDON -> {
                    if (random.nextBoolean()) {
                        sim.cancel(txRef);
                    } // else the page is left open: a link with no attempt
                }
            }
        } catch (IllegalStateException alreadyPaid) {
            // cannot happen with one customer per link; the verdict reads the ledger anyway
        }
    }

    @Override
    public void callbacksTo(URI siteUrl) {
        sim.webhookUrl(siteUrl.resolve("/payments/webhooks/" + name() + "/"));
    }

    @Override
    protected Enum<?> callbackEndpoint() {
        return FlutterwaveEndpoint.WEBHOOK;
    }



    @Override
    public long providerCalls() {
        return SimulatorFaults.apiRequests(sim) + sim.webhookDeliveries().size();
    }

    @Override
    public int initiations() {
        return sim.journal().count(FlutterwaveEndpoint.CREATE_PAYMENT);
    }

    /** Paid if any attempt succeeded; failed if attempts were made and all failed; else pending. */
    @Override
    public ProviderView view(String txRef) {
        if (sim.paymentLink(txRef).isEmpty()) {
            return ProviderView.ABSENT;
        }
        List<FlutterwaveTransaction> attempts = sim.transactions(txRef);
        if (attempts.stream().anyMatch(t -> "successful".equals(t.status()))) {
            return ProviderView.SUCCEEDED;
        }
        if (!attempts.isEmpty() && attempts.stream().allMatch(t -> "failed".equals(t.status()))) {
            return ProviderView.FAILED;
        }
        return ProviderView.PENDING;
    }

    @Override
    public BigDecimal refundedAtProvider(String reference) {
        return sim.refundedTotal(reference);
    }

    @Override
    public void finishRefunds() {
        references().flatMap(txRef -> sim.refunds(txRef).stream())
                .filter(r -> "processing".equals(r.status()))
                .forEach(r -> sim.completeRefund(r.id()));
    }

    @Override
    public Map<String, Set<String>> referencesByOrder() {
        Map<String, Set<String>> byOrder = new HashMap<>();
        for (JournalEntry e : sim.journal().entries(FlutterwaveEndpoint.CREATE_PAYMENT.name())) {
            try {
                JsonNode body = mapper.readTree(e.body());
                String txRef = body.path("tx_ref").asText(null);
                String order = body.path("meta").path("order_reference").asText(null);
                if (txRef != null && order != null) {
                    byOrder.computeIfAbsent(order, k -> new HashSet<>()).add(txRef);
                }
            } catch (IOException | RuntimeException ex) {
                // not a body we sent
            }
        }
        return byOrder;
    }


    /** The service's clock once it is known; the system clock before. */
    private static final class ServiceClock extends Clock {
        volatile Clock target = Clock.systemUTC();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return target.withZone(zone);
        }

        @Override
        public Instant instant() {
            return target.instant();
        }
    }
}
