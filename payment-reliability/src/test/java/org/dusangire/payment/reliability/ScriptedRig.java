package org.dusangire.payment.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.InitiationResult;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.core.port.WebhookNotification;
import org.dusangire.payment.core.service.CheckoutRequest;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.testkit.ScriptedPaymentGateway;

/**
 * A provider whose adapter and simulator are not written yet (Airtel, Flutterwave), stood in for
 * by the testkit's {@link ScriptedPaymentGateway} under the provider's gateway name. Faults are
 * injected in process with the simulators' vocabulary: a transient refusal, a dropped connection
 * or a timeout becomes "outcome unknown" before or after the provider recorded the request, a
 * malformed status answer becomes UNKNOWN, and a callback is lost. Callbacks travel over HTTP to
 * the webhook servlet like a real provider's.
 */
final class ScriptedRig implements ProviderRig {
    private static final List<FaultKind> FAULTS = List.of(FaultKind.LATENCY, FaultKind.HTTP_500,
            FaultKind.HTTP_503, FaultKind.HTTP_429, FaultKind.DROP_BEFORE_PROCESSING,
            FaultKind.DROP_AFTER_PROCESSING, FaultKind.MALFORMED_BODY);

    private final String name;
    private final PaymentMethod method;
    private final ScriptedPaymentGateway provider;
    private final FaultyGateway gateway = new FaultyGateway();
    private final Map<String, Fate> fates = new ConcurrentHashMap<>();
    private final Map<String, Payment> received = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> referencesByOrder = new ConcurrentHashMap<>();
    private final AtomicLong faults = new AtomicLong();
    private final ExecutorService callbackThreads = Executors.newFixedThreadPool(4);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(callbackThreads).build();
    private volatile URI siteUrl;
    private volatile double rate;
    private Random random = new Random(0);

    ScriptedRig(String name, PaymentMethod method) {
        this.name = name;
        this.method = method;
        this.provider = ScriptedPaymentGateway.named(name, method);
    }

    static ScriptedRig airtel() {
        return new ScriptedRig("airtel-money", PaymentMethod.AIRTEL_MONEY);
    }

    static ScriptedRig flutterwave() {
        return new ScriptedRig("flutterwave", PaymentMethod.CARD);
    }

    ScriptedPaymentGateway provider() {
        return provider;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean simulated() {
        return false;
    }

    @Override
    public PaymentGateway gateway() {
        return gateway;
    }

    @Override
    public CheckoutRequest checkout(String orderReference, Fate fate) {
        fates.put(orderReference, fate);
        return CheckoutRequest.builder()
                .orderReference(orderReference)
                .money(Money.of("1500", "UGX"))
                .method(method)
                .payer(new Payer(Msisdn.parse("+256752123456"), "patient@example.org", "Test Patient"))
                .idempotencyKey("key-" + orderReference)
                .description("Hospital bill")
                .build();
    }

    @Override
    public void callbacksTo(URI siteUrl) {
        this.siteUrl = siteUrl;
    }

    @Override
    public synchronized void faults(double rate, long seed) {
        this.random = new Random(seed);
        this.rate = rate;
    }

    @Override
    public void calm() {
        rate = 0;
    }

    @Override
    public long faultsInjected() {
        return faults.get();
    }

    @Override
    public ProviderView view(String reference) {
        Payment p = received.get(reference);
        ScriptedPaymentGateway.ProviderRecord r = p == null ? null : provider.record(p);
        if (r == null) {
            return ProviderView.ABSENT;
        }
        return switch (r.status()) {
            case SUCCEEDED -> ProviderView.SUCCEEDED;
            case FAILED, CANCELLED, EXPIRED -> ProviderView.FAILED;
            default -> ProviderView.PENDING;
        };
    }

    @Override
    public Map<String, Set<String>> referencesByOrder() {
        Map<String, Set<String>> copy = new java.util.HashMap<>();
        referencesByOrder.forEach((k, v) -> copy.put(k, new HashSet<>(v)));
        return copy;
    }

    @Override
    public void close() {
        callbackThreads.shutdownNow();
        try {
            callbackThreads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The fault for this call, or null; about {@code rate} of calls get one. */
    private synchronized FaultKind nextFault() {
        if (rate <= 0 || random.nextDouble() >= rate) {
            return null;
        }
        faults.incrementAndGet();
        return FAULTS.get(random.nextInt(FAULTS.size()));
    }

    private synchronized boolean callbackLost() {
        if (rate > 0 && random.nextDouble() < rate) {
            faults.incrementAndGet();
            return true;
        }
        return false;
    }

    private static GatewayUnavailableException unknown(String name, Payment p, FaultKind kind) {
        return new GatewayUnavailableException("injected " + kind, name, null, p.id().toString(),
                null, null);
    }

    /** The provider has the payment: the customer answers at once, and the provider calls back. */
    private void customerAnswers(Payment p) {
        if (received.putIfAbsent(p.providerReference(), p) != null) {
            return;
        }
        Fate fate = fates.getOrDefault(p.orderReference(), Fate.PAY);
        ProviderStatus status;
        switch (fate) {
            case PAY -> {
                provider.approve(p);
                status = ProviderStatus.SUCCEEDED;
            }
            case DECLINE -> {
                provider.fail(p, "DECLINED_BY_CUSTOMER");
                status = ProviderStatus.FAILED;
            }
            default -> {
                return;
            }
        }
        URI site = siteUrl;
        if (site == null || callbackLost()) {
            return;
        }
        InboundRequest hook = provider.webhook(p, status, "evt-" + p.providerReference());
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        site.resolve("/payments/webhooks/" + name + "/"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(hook.body()));
        hook.headers().forEach((k, values) -> values.forEach(v -> request.header(k, v)));
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    /** The scripted provider behind the fault layer. */
    private final class FaultyGateway implements PaymentGateway {
        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<PaymentMethod> methods() {
            return provider.methods();
        }

        @Override
        public InitiationResult initiate(InitiationRequest request) {
            Payment p = request.payment();
            referencesByOrder.computeIfAbsent(p.orderReference(), k -> ConcurrentHashMap.newKeySet())
                    .add(p.providerReference());
            FaultKind fault = nextFault();
            if (fault != null && !landsAtProvider(fault)) {
                throw unknown(name, p, fault);
            }
            InitiationResult result = provider.initiate(request);
            customerAnswers(p);
            if (fault != null) {
                throw unknown(name, p, fault);
            }
            return result;
        }

        @Override
        public StatusReport checkStatus(Payment payment) {
            FaultKind fault = nextFault();
            if (fault == FaultKind.MALFORMED_BODY) {
                return StatusReport.of(ProviderStatus.UNKNOWN, "{\"status\":\"PEND");
            }
            if (fault != null) {
                throw unknown(name, payment, fault);
            }
            return provider.checkStatus(payment);
        }

        @Override
        public WebhookNotification parseWebhook(InboundRequest request) {
            return provider.parseWebhook(request);
        }

        private boolean landsAtProvider(FaultKind kind) {
            return kind == FaultKind.LATENCY || kind == FaultKind.DROP_AFTER_PROCESSING
                    || kind == FaultKind.MALFORMED_BODY;
        }
    }
}
