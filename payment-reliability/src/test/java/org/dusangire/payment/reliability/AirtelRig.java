package org.dusangire.payment.reliability;

import java.math.BigDecimal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.service.CheckoutRequest;
import org.dusangire.payment.gateway.airtel.AirtelMoneyConfig;
import org.dusangire.payment.gateway.airtel.AirtelMoneyGateway;
import org.dusangire.payment.simulator.JournalEntry;
import org.dusangire.payment.simulator.airtel.AirtelEndpoint;
import org.dusangire.payment.simulator.airtel.AirtelMoneySimulator;
import org.dusangire.payment.simulator.airtel.AirtelPaymentState;

/**
 * Airtel Money: the real {@link AirtelMoneyGateway} against the {@link AirtelMoneySimulator} over
 * loopback, with callback authentication on (every callback carries its HMAC {@code hash}). The
 * payer answers the USSD prompt through the simulator's control API the moment Airtel holds the
 * payment (see {@link CustomerAtProvider}), with a choice drawn from a Random seeded by the
 * order: PAY approves; DECLINE refuses, lacks funds or types a wrong PIN (TF); ABANDON lets the
 * prompt time out (TF DP00800001024) or never answers at all (TIP, which we must expire).
 */
final class AirtelRig extends SimulatorRig<AirtelMoneySimulator> {
    static final String CALLBACK_KEY = "rel-airtel-callback-private-key-5f1c";
    private static final Pattern ORDER = Pattern.compile("ORD[0-9A-Za-z]+");

    private final PaymentGateway gateway;
    private final Map<String, Fate> fates = new ConcurrentHashMap<>();
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final long seed;

    AirtelRig() {
        this(20260401L);
    }

    AirtelRig(long seed) {
        super(AirtelMoneySimulator.builder().country("UG").currency("UGX")
                .callbackAuthentication(CALLBACK_KEY).threads(96).build().start());
        this.seed = seed;
        AirtelMoneyGateway real = AirtelMoneyGateway.builder(AirtelMoneyConfig.builder()
                        .environment(PaymentEnvironment.SANDBOX)
                        .clientId(sim.clientId())
                        .clientSecret(Secret.of(sim.clientSecret()))
                        .country("UG")
                        .currency(Currency.getInstance("UGX"))
                        .callbackPrivateKey(Secret.of(CALLBACK_KEY))
                        .baseUrl(sim.baseUri())
                        .connectTimeout(SimulatorFaults.REQUEST_TIMEOUT)
                        .requestTimeout(SimulatorFaults.REQUEST_TIMEOUT)
                        .build())
                .sleeper(d -> Thread.sleep(Math.min(d.toMillis(), 20)))
                .build();
        gateway = new CustomerAtProvider(real, this::customerAnswers);
    }

    AirtelMoneySimulator simulator() {
        return sim;
    }

    /** The national number a payer of this order uses (Airtel Uganda, 75x). */
    static String nationalNumber(String orderReference) {
        return "7521" + String.format("%05d", Math.floorMod(orderReference.hashCode(), 100_000));
    }

    @Override
    public String name() {
        return AirtelMoneyGateway.NAME;
    }

    @Override
    public PaymentGateway gateway() {
        return gateway;
    }

    @Override
    public CheckoutRequest checkout(String orderReference, Fate fate) {
        fates.putIfAbsent(orderReference, fate);
        return CheckoutRequest.builder()
                .orderReference(orderReference)
                .money(Money.of("1500", "UGX"))
                .method(PaymentMethod.AIRTEL_MONEY)
                .payer(Payer.ofPhone(Msisdn.parse("+256" + nationalNumber(orderReference), "UG")))
                .idempotencyKey("key-" + orderReference)
                .description("Hospital bill")
                .build();
    }

    /** The payer's one answer to the prompt, once Airtel holds the payment. */
    private void customerAnswers(Payment p) {
        String id = p.providerReference();
        if (answered.contains(id) || sim.state(id).isEmpty() || !answered.add(id)) {
            return;
        }
        Fate fate = fates.getOrDefault(p.orderReference(), Fate.PAY);
        Random random = new Random(seed ^ p.orderReference().hashCode());
        switch (fate) {
            case PAY -> sim.approve(id);
            case DECLINE -> {
                switch (random.nextInt(3)) {
                    case 0 -> sim.decline(id);
                    case 1 -> sim.insufficientFunds(id);
                    default -> sim.wrongPin(id);
                }
            }
            case ABANDON -> {
                if (random.nextBoolean()) {
                    sim.timeOut(id);
                } // else the prompt is never answered: TIP until we expire it
            }
        }
    }

    @Override
    public void callbacksTo(URI siteUrl) {
        sim.callbackUrl(siteUrl.resolve("/payments/webhooks/" + name() + "/").toString());
    }

    @Override
    protected Enum<?> callbackEndpoint() {
        return AirtelEndpoint.CALLBACK;
    }



    @Override
    public long providerCalls() {
        return SimulatorFaults.apiRequests(sim) + sim.journal().callbacks().size();
    }

    @Override
    public int initiations() {
        return sim.paymentRequests();
    }

    @Override
    public ProviderView view(String reference) {
        return sim.state(reference).map(AirtelRig::view).orElse(ProviderView.ABSENT);
    }

    private static ProviderView view(AirtelPaymentState s) {
        return switch (s.status()) {
            case TIP, TA -> ProviderView.PENDING;
            // reversed by a refund: it was paid (the refund runs judge the reversal itself)
            case TS, TR -> ProviderView.SUCCEEDED;
            case TF, TE -> ProviderView.FAILED;
        };
    }

    @Override
    public BigDecimal refundedAtProvider(String reference) {
        return sim.refundedTotal(reference);
    }

    @Override
    public Map<String, Set<String>> referencesByOrder() {
        Map<String, Set<String>> byOrder = new HashMap<>();
        for (AirtelEndpoint endpoint : new AirtelEndpoint[] {AirtelEndpoint.PAYMENT,
                AirtelEndpoint.PAYMENT_V2}) {
            for (JournalEntry e : sim.journal().entries(endpoint.name())) {
                try {
                    JsonNode body = mapper.readTree(e.body());
                    String reference = body.path("transaction").path("id").asText(null);
                    Matcher m = ORDER.matcher(body.path("reference").asText(""));
                    if (reference != null && m.find()) {
                        byOrder.computeIfAbsent(m.group(), k -> new HashSet<>()).add(reference);
                    }
                } catch (IOException | RuntimeException ex) {
                    // not a body we sent
                }
            }
        }
        return byOrder;
    }

}
