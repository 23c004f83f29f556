package org.dusangire.payment.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
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
import org.dusangire.payment.simulator.JournalEntry;
import org.dusangire.payment.simulator.mtn.MtnEndpoint;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;
import org.dusangire.payment.simulator.mtn.MtnStatus;
import org.dusangire.payment.simulator.mtn.MtnPaymentState;

/**
 * MTN MoMo: the real {@link MtnMomoGateway} against the {@link MtnMomoSimulator} over loopback.
 * The customer's answer is the payer number: ordinary numbers are approved at once (auto
 * approve), MTN's sandbox number 46733123451 is declined and 46733123454 never answers, so the
 * outcome is fixed the instant the provider accepts the request and no race with our clock exists.
 */
final class MtnRig extends SimulatorRig<MtnMomoSimulator> {
    static final Duration REQUEST_TIMEOUT = SimulatorFaults.REQUEST_TIMEOUT;
    private static final Pattern ORDER = Pattern.compile("ORD[0-9A-Za-z]+");

    private final MtnMomoGateway gateway;

    MtnRig() {
        // the sandbox target environment (in UGX): declines and abandons use MTN's sandbox
        // numbers, which the gateway refuses under a production target such as mtnuganda
        super(MtnMomoSimulator.builder().targetEnvironment("sandbox").currency("UGX")
                .sandboxNumbers(true).autoApprove(true).providerCallbackHost("127.0.0.1")
                // refunds stay PENDING until the provider finishes them (finishRefunds), so the
                // refund runs exercise reconciliation of refunds still being processed
                .holdRefunds(true)
                .threads(96).build().start());
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
    protected Enum<?> callbackEndpoint() {
        return MtnEndpoint.CALLBACK;
    }



    @Override
    public long providerCalls() {
        return SimulatorFaults.apiRequests(sim) + sim.journal().callbacks().size();
    }

    @Override
    public int initiations() {
        return sim.requestToPayCount();
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
    public BigDecimal refundedAtProvider(String reference) {
        return sim.refundedTotal(reference);
    }

    @Override
    public void finishRefunds() {
        references().flatMap(reference -> sim.refunds(reference).stream())
                .filter(r -> r.status() == MtnStatus.PENDING)
                .forEach(r -> sim.completeRefund(r.reference()));
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

}
