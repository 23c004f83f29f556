package org.dusangire.payment.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.error.WebhookRejectedException.Reason;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.InitiationResult;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.RefundRequest;
import org.dusangire.payment.core.port.RefundResult;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.core.port.WebhookNotification;

/**
 * A fake provider and its gateway in one, for tests of the core and of adapters that sit in front
 * of it. It keeps a provider-side record per reference (as a real provider would), lets a test act
 * as the customer ({@link #approve}, {@link #fail}, {@link #settle}), script initiation outcomes
 * (refusal, timeout before or after the provider recorded the payment), refund outcomes and
 * status outages, and counts every call. It keeps a ledger of the refunds it paid back, keyed by
 * our refund id, so a test can compare the money that left with what the store says. Thread-safe.
 *
 * <p>Its webhooks are plain text {@code reference=<ref>;status=<STATUS>;event=<key>} authenticated
 * by the header {@link #SIGNATURE_HEADER} carrying the shared secret.
 */
public final class ScriptedPaymentGateway implements PaymentGateway {
    /** Header that must carry the webhook secret. */
    public static final String SIGNATURE_HEADER = "X-Scripted-Signature";
    /** The default webhook secret. */
    public static final String DEFAULT_SECRET = "scripted-webhook-secret";

    /** A scripted outcome for the next initiation. */
    public enum InitiationOutcome {
        /** The provider accepts (the default). */
        ACCEPT,
        /** The provider refuses with code {@code SCRIPTED_REFUSAL}. */
        REJECT,
        /** The request never reaches the provider and the call times out. */
        TIMEOUT_BEFORE_PROVIDER,
        /** The provider records the payment but the answer is lost (timeout). */
        TIMEOUT_AFTER_PROVIDER,
        /** The provider refuses our credentials before anything is sent. */
        MISCONFIGURED
    }

    /** A scripted outcome for the next refund sent. */
    public enum RefundOutcome {
        /** The provider pays the money back at once (the default). */
        COMPLETE,
        /** The provider accepts the refund and processes it later ({@link #completeRefund}). */
        PROCESS_LATER,
        /** The provider refuses with code {@code SCRIPTED_REFUND_REFUSAL}. */
        REJECT,
        /** The request never reaches the provider and the call times out. */
        TIMEOUT_BEFORE_PROVIDER,
        /** The provider pays the money back but the answer is lost (timeout). */
        TIMEOUT_AFTER_PROVIDER
    }

    /** The provider's own view of one refund, keyed by our refund id. */
    public record ProviderRefund(String refundId, String reference, Money amount,
            RefundResult.Status status, String providerRefundId) {
    }

    /** The provider's own view of one reference. */
    public record ProviderRecord(String reference, Money due, ProviderStatus status, Money paid,
            String reportedReference, String transactionId, String reason) {
    }

    private final String name;
    private final Set<PaymentMethod> methods;
    private final String secret;
    private final boolean refunds;
    private final Map<String, ProviderRecord> records = new ConcurrentHashMap<>();
    private final Deque<InitiationOutcome> script = new ArrayDeque<>();
    private final Map<String, AtomicInteger> initiationsByReference = new ConcurrentHashMap<>();
    private final AtomicInteger initiations = new AtomicInteger();
    private final AtomicInteger statusChecks = new AtomicInteger();
    private final AtomicInteger refundCalls = new AtomicInteger();
    private final AtomicBoolean statusUnavailable = new AtomicBoolean();
    private final AtomicInteger transactionIds = new AtomicInteger(1000);
    private final Map<String, ProviderRefund> providerRefunds = new ConcurrentHashMap<>();
    private final Deque<RefundOutcome> refundScript = new ArrayDeque<>();
    private final Map<String, AtomicInteger> refundCallsById = new ConcurrentHashMap<>();
    private final AtomicInteger refundStatusChecks = new AtomicInteger();
    private final Map<String, String> assignedByPayment = new ConcurrentHashMap<>();
    private volatile Set<String> currencies = Set.of();
    private volatile Set<String> countries = Set.of();
    private volatile boolean assigns;

    public ScriptedPaymentGateway(String name, Set<PaymentMethod> methods, String secret,
            boolean refunds) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.methods = Set.copyOf(methods);
        this.secret = Objects.requireNonNull(secret, "secret must not be null");
        this.refunds = refunds;
    }

    /** A refund-capable scripted gateway named {@code name} serving {@code methods}. */
    public static ScriptedPaymentGateway named(String name, PaymentMethod first, PaymentMethod... rest) {
        Set<PaymentMethod> methods = new LinkedHashSet<>();
        methods.add(first);
        methods.addAll(List.of(rest));
        return new ScriptedPaymentGateway(name, methods, DEFAULT_SECRET, true);
    }

    /** Serves only these currencies (ISO 4217), for routing between accounts; returns this. */
    public ScriptedPaymentGateway currencies(String... codes) {
        this.currencies = Set.of(codes);
        return this;
    }

    /** Serves only payers of these countries (ISO 3166), for routing; returns this. */
    public ScriptedPaymentGateway countries(String... codes) {
        this.countries = Set.of(codes);
        return this;
    }

    /**
     * Acts as a provider that assigns its own reference ({@link ReferenceRule#PROVIDER_ASSIGNED},
     * like M-Pesa): each initiation is recorded under a new reference {@code SCR-<n>}, returned in
     * the answer, and status is asked under it. A webhook may name it ({@code assigned=<ref>}).
     * Returns this.
     */
    public ScriptedPaymentGateway assigningReferences() {
        this.assigns = true;
        return this;
    }

    /** The reference this provider assigned to our payment, if it recorded one. */
    public java.util.Optional<String> assignedReference(String paymentId) {
        return java.util.Optional.ofNullable(assignedByPayment.get(paymentId));
    }

    @Override
    public Set<String> currencies() {
        return currencies;
    }

    @Override
    public Set<String> countries() {
        return countries;
    }

    @Override
    public ReferenceRule referenceRule() {
        return assigns ? ReferenceRule.PROVIDER_ASSIGNED : ReferenceRule.OURS_REUSED;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<PaymentMethod> methods() {
        return methods;
    }

    @Override
    public InitiationResult initiate(InitiationRequest request) {
        Payment p = request.payment();
        initiations.incrementAndGet();
        String reference = assigns ? "SCR-" + transactionIds.incrementAndGet() : p.providerReference();
        initiationsByReference.computeIfAbsent(assigns ? p.id().toString() : reference,
                k -> new AtomicInteger()).incrementAndGet();
        InitiationOutcome outcome;
        synchronized (script) {
            outcome = script.isEmpty() ? InitiationOutcome.ACCEPT : script.removeFirst();
        }
        switch (outcome) {
            case REJECT -> throw new GatewayRejectedException("scripted refusal", name,
                    "SCRIPTED_REFUSAL", p.id().toString(), 400);
            case TIMEOUT_BEFORE_PROVIDER -> throw new GatewayUnavailableException("scripted timeout",
                    name, null, p.id().toString(), null, null);
            case TIMEOUT_AFTER_PROVIDER -> {
                recordIfAbsent(p, reference);
                throw new GatewayUnavailableException("scripted timeout after the provider recorded it",
                        name, null, p.id().toString(), null, null);
            }
            case MISCONFIGURED -> throw new org.dusangire.payment.core.error.PaymentConfigurationException(
                    "SCRIPTED_API_KEY", "the provider refused the credentials", name, "login_failed", 500);
            case ACCEPT -> recordIfAbsent(p, reference);
        }
        boolean redirect = p.method().isRedirect();
        return new InitiationResult(assigns ? reference : null, null,
                redirect ? java.net.URI.create("https://checkout.example/pay/" + reference) : null,
                "{\"accepted\":true}");
    }

    private void recordIfAbsent(Payment p, String reference) {
        if (assigns) {
            assignedByPayment.putIfAbsent(p.id().toString(), reference);
        }
        records.putIfAbsent(reference, new ProviderRecord(reference, p.money(),
                ProviderStatus.PENDING, null, reference, null, null));
    }

    @Override
    public StatusReport checkStatus(Payment payment) {
        statusChecks.incrementAndGet();
        if (statusUnavailable.get()) {
            throw new GatewayUnavailableException("scripted status outage", name, null,
                    payment.id().toString(), 503, null);
        }
        if (payment.providerReference() == null) {
            throw new IllegalStateException("status asked for payment " + payment.id()
                    + " before its provider reference was known");
        }
        ProviderRecord r = records.get(payment.providerReference());
        if (r == null) {
            return StatusReport.of(ProviderStatus.NOT_FOUND, "{\"found\":false}");
        }
        Money reported = r.status() == ProviderStatus.SUCCEEDED ? r.paid() : null;
        return new StatusReport(r.status(), r.reportedReference(), reported, r.transactionId(),
                r.reason(), "{\"status\":\"" + r.status() + "\"}");
    }

    @Override
    public WebhookNotification parseWebhook(InboundRequest request) {
        String signature = request.header(SIGNATURE_HEADER).orElse(null);
        if (signature == null || !MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookRejectedException(Reason.AUTHENTICATION, name, "bad or missing signature");
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : request.bodyAsString().split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        String reference = fields.get("reference");
        String status = fields.get("status");
        String event = fields.get("event");
        if (reference == null || status == null || event == null) {
            throw new WebhookRejectedException(Reason.MALFORMED, name,
                    "webhook needs reference, status and event");
        }
        ProviderStatus reported;
        try {
            reported = ProviderStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            reported = ProviderStatus.UNKNOWN;
        }
        return new WebhookNotification(event, reference, null, reported, null, fields.get("assigned"));
    }

    @Override
    public boolean supportsRefunds() {
        return refunds;
    }

    @Override
    public boolean supportsPartialRefunds() {
        return refunds;
    }

    /**
     * Pays the refund back as scripted. Like a provider keyed by our refund id, a refund id it
     * has seen before is answered with that refund and never paid out a second time.
     */
    @Override
    public RefundResult refund(RefundRequest request) {
        if (!refunds) {
            return PaymentGateway.super.refund(request);
        }
        refundCalls.incrementAndGet();
        refundCallsById.computeIfAbsent(request.refundId(), k -> new AtomicInteger()).incrementAndGet();
        RefundOutcome outcome;
        synchronized (refundScript) {
            outcome = refundScript.isEmpty() ? RefundOutcome.COMPLETE : refundScript.removeFirst();
        }
        String reference = request.payment().providerReference();
        switch (outcome) {
            case REJECT -> throw new GatewayRejectedException("scripted refund refusal", name,
                    "SCRIPTED_REFUND_REFUSAL", reference, 400);
            case TIMEOUT_BEFORE_PROVIDER -> throw new GatewayUnavailableException(
                    "scripted refund timeout", name, null, reference, null, null);
            case TIMEOUT_AFTER_PROVIDER -> {
                recordRefund(request, RefundResult.Status.COMPLETED);
                throw new GatewayUnavailableException("scripted timeout after the refund was paid",
                        name, null, reference, null, null);
            }
            case PROCESS_LATER, COMPLETE -> {
                ProviderRefund r = recordRefund(request, outcome == RefundOutcome.COMPLETE
                        ? RefundResult.Status.COMPLETED : RefundResult.Status.PENDING);
                return new RefundResult(r.status(), r.providerRefundId(),
                        "{\"refund\":\"" + r.status() + "\"}");
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private ProviderRefund recordRefund(RefundRequest request, RefundResult.Status status) {
        return providerRefunds.computeIfAbsent(request.refundId(), id -> new ProviderRefund(id,
                request.payment().providerReference(), request.amount(), status,
                "RF" + transactionIds.incrementAndGet()));
    }

    @Override
    public RefundResult checkRefundStatus(Payment payment, Refund refund) {
        if (!refunds) {
            return PaymentGateway.super.checkRefundStatus(payment, refund);
        }
        refundStatusChecks.incrementAndGet();
        if (statusUnavailable.get()) {
            throw new GatewayUnavailableException("scripted status outage", name, null,
                    payment.id().toString(), 503, null);
        }
        ProviderRefund r = providerRefunds.get(refund.id().toString());
        if (r == null) {
            return new RefundResult(RefundResult.Status.NOT_FOUND, null, "{\"found\":false}");
        }
        return new RefundResult(r.status(), r.providerRefundId(),
                "{\"refund\":\"" + r.status() + "\"}");
    }

    // ---------------------------------------------------------------- the customer and the script

    /** The customer pays the amount due. */
    public void approve(Payment payment) {
        settle(payment, ProviderStatus.SUCCEEDED, null, null, ref(payment));
    }

    /** The payment fails at the provider with {@code reason}. */
    public void fail(Payment payment, String reason) {
        settle(payment, ProviderStatus.FAILED, null, reason, ref(payment));
    }

    /**
     * Sets the provider-side outcome in full; {@code paid} may differ from what was due (to test
     * underpayment or another currency) and {@code reportedReference} from ours.
     */
    public void settle(Payment payment, ProviderStatus status, Money paid, String reason,
            String reportedReference) {
        Money amount = status == ProviderStatus.SUCCEEDED && paid == null ? payment.money() : paid;
        String tx = status == ProviderStatus.SUCCEEDED ? "TX" + transactionIds.incrementAndGet() : null;
        records.put(ref(payment), new ProviderRecord(ref(payment),
                payment.money(), status, amount, reportedReference, tx, reason));
    }

    /** The reference the provider keeps this payment under (its own, when it assigns them). */
    private String ref(Payment payment) {
        if (!assigns) {
            return payment.providerReference();
        }
        String assigned = assignedByPayment.get(payment.id().toString());
        if (assigned == null) {
            throw new IllegalStateException("the provider never recorded payment " + payment.id());
        }
        return assigned;
    }

    /** Scripts the outcomes of the next initiations, in order. */
    public void script(InitiationOutcome... outcomes) {
        synchronized (script) {
            for (InitiationOutcome o : outcomes) {
                script.addLast(o);
            }
        }
    }

    /** Scripts the outcomes of the next refunds sent, in order. */
    public void scriptRefunds(RefundOutcome... outcomes) {
        synchronized (refundScript) {
            for (RefundOutcome o : outcomes) {
                refundScript.addLast(o);
            }
        }
    }

    /** The provider finishes a refund it was processing: the money goes back. */
    public void completeRefund(String refundId) {
        finishRefund(refundId, RefundResult.Status.COMPLETED);
    }

    /** The provider gives up a refund it was processing: no money goes back. */
    public void failRefund(String refundId) {
        finishRefund(refundId, RefundResult.Status.FAILED);
    }

    private void finishRefund(String refundId, RefundResult.Status status) {
        providerRefunds.computeIfPresent(refundId, (id, r) -> r.status() != RefundResult.Status.PENDING
                ? r : new ProviderRefund(id, r.reference(), r.amount(), status, r.providerRefundId()));
    }

    /** The provider's record of a refund by our refund id, or {@code null}. */
    public ProviderRefund providerRefund(String refundId) {
        return providerRefunds.get(refundId);
    }

    /** The money the provider actually paid back for a payment: its completed refunds. */
    public Money refundedAtProvider(Payment payment) {
        Money total = Money.zero(payment.money().currency());
        for (ProviderRefund r : providerRefunds.values()) {
            if (r.reference().equals(payment.providerReference())
                    && r.status() == RefundResult.Status.COMPLETED) {
                total = total.plus(r.amount());
            }
        }
        return total;
    }

    /** The amounts of the payment's refunds the provider holds and has not given up, in any order. */
    public java.util.List<Money> refundsHeld(Payment payment) {
        return providerRefunds.values().stream()
                .filter(r -> r.reference().equals(payment.providerReference())
                        && r.status() != RefundResult.Status.FAILED)
                .map(ProviderRefund::amount).toList();
    }

    /** How many refund calls carried this refund id. */
    public int refundCalls(String refundId) {
        AtomicInteger n = refundCallsById.get(refundId);
        return n == null ? 0 : n.get();
    }

    public int refundStatusChecks() {
        return refundStatusChecks.get();
    }

    /** While true, every status check fails as if the provider were down. */
    public void statusUnavailable(boolean unavailable) {
        statusUnavailable.set(unavailable);
    }

    /** An authentic webhook claiming {@code status} for the payment. */
    public InboundRequest webhook(Payment payment, ProviderStatus status, String eventKey) {
        return InboundRequest.builder("POST")
                .header(SIGNATURE_HEADER, secret)
                .header("Content-Type", "text/plain")
                .body("reference=" + (assigns ? payment.id().toString() : payment.providerReference())
                        + ";status=" + status + ";event=" + eventKey
                        + (assigns ? ";assigned=" + ref(payment) : ""))
                .build();
    }

    /** The same webhook with a wrong secret. */
    public InboundRequest forgedWebhook(Payment payment, ProviderStatus status, String eventKey) {
        return InboundRequest.builder("POST")
                .header(SIGNATURE_HEADER, "not-the-secret")
                .header("Content-Type", "text/plain")
                .body("reference=" + payment.providerReference() + ";status=" + status + ";event="
                        + eventKey)
                .build();
    }

    public ProviderRecord record(Payment payment) {
        return assigns && !assignedByPayment.containsKey(payment.id().toString()) ? null
                : records.get(ref(payment));
    }

    /** How many provider-side records exist (each reference counts once). */
    public int providerRecordCount() {
        return records.size();
    }

    public int initiations() {
        return initiations.get();
    }

    /** How many initiation calls carried this payment's reference. */
    public int initiations(Payment payment) {
        AtomicInteger n = initiationsByReference.get(assigns ? payment.id().toString()
                : payment.providerReference());
        return n == null ? 0 : n.get();
    }

    public int statusChecks() {
        return statusChecks.get();
    }

    public int refundCalls() {
        return refundCalls.get();
    }
}
