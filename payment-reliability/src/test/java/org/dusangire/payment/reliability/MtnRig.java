package org.dusangire.payment.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.service.CheckoutRequest;
import org.dusangire.payment.gateway.mtn.MtnMomoConfig;
import org.dusangire.payment.gateway.mtn.MtnMomoGateway;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.JournalEntry;
import org.dusangire.payment.simulator.mtn.MtnEndpoint;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;
import org.dusangire.payment.simulator.mtn.MtnPaymentState;

/**
 * MTN MoMo: the real {@link MtnMomoGateway} against the {@link MtnMomoSimulator} over loopback.
 * The customer's answer is the payer number: ordinary numbers are approved at once (auto
 * approve), MTN's sandbox number 46733123451 is declined and 46733123454 never answers, so the
 * outcome is fixed the instant the provider accepts the request and no race with our clock exists.
 */
final class MtnRig implements ProviderRig {
    static final Duration REQUEST_TIMEOUT = Duration.ofMillis(400);
    static final Duration LATENCY = Duration.ofMillis(700);
    private static final Pattern ORDER = Pattern.compile("ORD[0-9A-Za-z]+");
    private static final List<FaultKind> INBOUND_FAULTS = List.of(FaultKind.LATENCY,
            FaultKind.HTTP_500, FaultKind.HTTP_503, FaultKind.HTTP_429,
            FaultKind.DROP_BEFORE_PROCESSING, FaultKind.DROP_AFTER_PROCESSING,
            FaultKind.MALFORMED_BODY);

    private final MtnMomoSimulator sim;
    private final MtnMomoGateway gateway;
    private final ObjectMapper mapper = new ObjectMapper();

    MtnRig() {
        sim = MtnMomoSimulator.builder().targetEnvironment("mtnuganda").currency("UGX")
                .sandboxNumbers(true).autoApprove(true).providerCallbackHost("127.0.0.1")
                .threads(96).build().start();
        gateway = MtnMomoGateway.builder(MtnMomoConfig.builder()
                        .environment(PaymentEnvironment.SANDBOX)
                        .apiUser(Secret.of(sim.apiUser()))
                        .apiKey(Secret.of(sim.apiKey()))
                        .subscriptionKey(Secret.of(sim.collectionSubscriptionKey()))
                        .disbursementSubscriptionKey(Secret.of(sim.disbursementSubscriptionKey()))
                        .targetEnvironment(sim.targetEnvironment())
                        .currency(Currency.getInstance("UGX"))
                        .baseUrl(sim.baseUri())
                        .connectTimeout(REQUEST_TIMEOUT)
                        .requestTimeout(REQUEST_TIMEOUT)
                        .build())
                // retries back off for real, but briefly: the suite must stay within minutes
                .sleeper(d -> Thread.sleep(Math.min(d.toMillis(), 20)))
                .build();
    }

    MtnMomoSimulator simulator() {
        return sim;
    }

    @Override
    public String name() {
        return MtnMomoGateway.NAME;
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public PaymentGateway gateway() {
        return gateway;
    }

    @Override
    public CheckoutRequest checkout(String orderReference, Fate fate) {
        String number = switch (fate) {
            case PAY -> "+2567721" + String.format("%05d", Math.floorMod(orderReference.hashCode(), 100_000));
            case DECLINE -> "46733123451";
            case ABANDON -> "46733123454";
        };
        return CheckoutRequest.builder()
                .orderReference(orderReference)
                .money(Money.of("1500", "UGX"))
                .method(PaymentMethod.MTN_MOBILE_MONEY)
                .payer(Payer.ofPhone(Msisdn.parse(number, "UG")))
                .idempotencyKey("key-" + orderReference)
                .description("Hospital bill")
                .build();
    }

    @Override
    public void callbacksTo(URI siteUrl) {
        // MTN calls back the X-Callback-Url the gateway sends with each request
    }

    @Override
    public void faults(double rate, long seed) {
        sim.faults().reseed(seed);
        // rules are tried in turn, so each kind gets the share that makes their union `rate`
        double each = 1 - Math.pow(1 - rate, 1.0 / INBOUND_FAULTS.size());
        sim.inject(FaultRule.withProbability(MtnEndpoint.CALLBACK, rate,
                Fault.of(FaultKind.CALLBACK_NEVER_SENT)));
        for (FaultKind kind : INBOUND_FAULTS) {
            Fault fault = kind == FaultKind.LATENCY ? Fault.latency(LATENCY) : Fault.of(kind);
            sim.inject(FaultRule.withProbability(FaultRule.ANY_ENDPOINT, each, fault));
        }
    }

    @Override
    public void calm() {
        sim.clearFaults();
    }

    @Override
    public long faultsInjected() {
        return sim.faults().injectedCount();
    }

    @Override
    public ProviderView view(String reference) {
        return sim.state(reference).map(MtnRig::view).orElse(ProviderView.ABSENT);
    }

    private static ProviderView view(MtnPaymentState s) {
        return switch (s.status()) {
            case PENDING -> ProviderView.PENDING;
            case SUCCESSFUL -> ProviderView.SUCCEEDED;
            case FAILED -> ProviderView.FAILED;
        };
    }

    @Override
    public Map<String, Set<String>> referencesByOrder() {
        Map<String, Set<String>> byOrder = new HashMap<>();
        for (JournalEntry e : sim.journal().entries(MtnEndpoint.REQUEST_TO_PAY.name())) {
            String reference = e.header("x-reference-id");
            String order = orderOf(e.body());
            if (reference != null && order != null) {
                byOrder.computeIfAbsent(order, k -> new HashSet<>()).add(reference.toLowerCase());
            }
        }
        return byOrder;
    }

    private String orderOf(String body) {
        try {
            JsonNode node = mapper.readTree(body);
            Matcher m = ORDER.matcher(node.path("payeeNote").asText(""));
            return m.find() ? m.group() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        sim.close();
    }
}
