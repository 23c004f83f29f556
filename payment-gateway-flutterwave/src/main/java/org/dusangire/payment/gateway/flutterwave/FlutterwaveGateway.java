package org.dusangire.payment.gateway.flutterwave;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.model.Payer;
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
import org.dusangire.payment.gateway.http.ApiResponse;
import org.dusangire.payment.gateway.http.JsonNodes;
import org.dusangire.payment.gateway.http.ProviderErrors;
import org.dusangire.payment.gateway.http.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Card and bank transfer through Flutterwave v3 "Standard": a hosted payment link per payment
 * with our payment id as {@code tx_ref}, status by {@code verify_by_reference} (and by transaction
 * id when one is known), webhooks authenticated by {@code verif-hash} or
 * {@code flutterwave-signature} over the raw body, and full or partial refunds, each carrying
 * our refund id in {@code comments} so that it can be found again (v3 has no idempotency key).
 *
 * <p>Creating a link is never repeated after a timeout or a 5xx: the outcome is unknown, and the
 * core's reconciliation asks by {@code tx_ref} before it sends the same {@code tx_ref} again. A
 * customer may make several attempts under one link; a failed attempt reads as PENDING until the
 * checkout session window has passed (see {@link FlutterwaveConfig#checkoutSessionWindow()}).
 * Thread-safe; build one per Flutterwave account and keep it.
 */
public final class FlutterwaveGateway implements PaymentGateway {
    /** A transaction id of Flutterwave's: a whole number (asked on every status check). */
    private static final Pattern TRANSACTION_ID = Pattern.compile("[0-9]{1,18}");
    /** The gateway's name in routes and storage. */
    public static final String NAME = "flutterwave";

    private static final Logger LOG = LoggerFactory.getLogger(FlutterwaveGateway.class);

    private final FlutterwaveConfig config;
    private final FlwApi api;
    private final FlwStatusMapper statuses;
    private final WebhookAuthenticator authenticator;
    private final WebhookParser webhooks;
    private final FlwRefundLookup lookup;

    private final String name;

    private FlutterwaveGateway(Builder b) {
        this.name = b.name;
        this.config = b.config;
        this.api = new FlwApi(b.config, b.clock, b.sleeper, b.httpClient, b.maxAttempts);
        this.statuses = new FlwStatusMapper(b.config.checkoutSessionWindow(), b.clock);
        this.authenticator = new WebhookAuthenticator(b.config.secretHash(), b.config.allowUnsignedWebhooks());
        if (b.config.secretHash() == null) {
            if (b.config.allowUnsignedWebhooks()) {
                LOG.warn("{} is not set and {}=true: Flutterwave webhooks are accepted without "
                        + "authentication (sandbox only); the status API still decides every payment",
                        FlutterwaveConfig.SECRET_HASH, FlutterwaveConfig.ALLOW_UNSIGNED_WEBHOOKS);
            } else {
                LOG.warn("{} is not set: every Flutterwave webhook will be refused with 401 until it "
                        + "holds the dashboard's secret hash (Settings, Webhooks); payments still "
                        + "settle through redirects, verify and reconciliation",
                        FlutterwaveConfig.SECRET_HASH);
            }
        }
        this.webhooks = new WebhookParser(api.http().codec());
        this.lookup = new FlwRefundLookup(api, b.clock);
    }

    /** A gateway with the system clock and its own HTTP client. */
    public FlutterwaveGateway(FlutterwaveConfig config) {
        this(builder(config));
    }

    /** A builder for tests and hosts that inject the clock, sleeper or HTTP client. */
    public static Builder builder(FlutterwaveConfig config) {
        return new Builder(config);
    }

    /** The configuration this gateway runs with. */
    public FlutterwaveConfig config() {
        return config;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<PaymentMethod> methods() {
        return Set.of(PaymentMethod.CARD, PaymentMethod.BANK_TRANSFER);
    }

    /**
     * Accepts card and bank transfer payments with the payer's email (Flutterwave requires it).
     *
     * @throws PaymentValidationException naming the field that does not fit
     */
    @Override
    public void validate(Payment payment) {
        if (!methods().contains(payment.method())) {
            throw new PaymentValidationException("method", "Flutterwave takes CARD and BANK_TRANSFER, not "
                    + payment.method());
        }
        if (!payment.money().isPositive()) {
            throw new PaymentValidationException("amount", "amount must be more than zero");
        }
        if (payment.payer().email() == null) {
            throw new PaymentValidationException("email", "Flutterwave needs the payer's email address");
        }
    }

    /**
     * Creates the hosted payment link under the payment's {@code tx_ref}.
     *
     * @throws GatewayRejectedException      Flutterwave refused the request (4xx)
     * @throws GatewayUnavailableException   timeout, 5xx or an unreadable answer: outcome unknown
     * @throws PaymentConfigurationException Flutterwave refused the secret key
     */
    @Override
    public InitiationResult initiate(InitiationRequest request) {
        Payment payment = request.payment();
        validate(payment);
        String txRef = payment.providerReference();
        ApiResponse r = api.createPayment(body(request));
        if (!r.isSuccess()) {
            throw FlwErrors.toException(r, txRef);
        }
        JsonNode json = r.json().orElse(null);
        String link = JsonNodes.text(JsonNodes.object(json, "data"), "link");
        if (!"success".equalsIgnoreCase(JsonNodes.text(json, "status")) || link == null) {
            throw ProviderErrors.unreadable(name, r, txRef);
        }
        try {
            return new InitiationResult(null, URI.create(link), r.redactedBody());
        } catch (IllegalArgumentException e) {
            throw ProviderErrors.unreadable(name, r, txRef);
        }
    }

    /**
     * Verifies the payment: by transaction id when one is known and it succeeded, else by
     * {@code tx_ref}. A link with no attempt yet is PENDING (Flutterwave holds the link but no
     * transaction); without a link it is NOT_FOUND, so the core may send it again.
     *
     * @throws GatewayUnavailableException   Flutterwave could not be asked (timeouts, 5xx)
     * @throws PaymentConfigurationException Flutterwave refused the secret key
     */
    @Override
    public StatusReport checkStatus(Payment payment) {
        Long id = transactionId(payment.providerTransactionId());
        if (id != null) {
            ApiResponse byId = api.verify(id, payment.providerReference());
            if (FlwStatusMapper.isSuccessful(byId)) {
                return statuses.read(payment, byId);
            }
        }
        StatusReport report = statuses.read(payment, api.verifyByReference(payment.providerReference()));
        if (report.status() == ProviderStatus.NOT_FOUND && payment.paymentLink() != null
                && !payment.outcomeUnknown()) {
            return new StatusReport(ProviderStatus.PENDING, null, null, null, null, report.rawResponse());
        }
        return report;
    }

    /**
     * Authenticates the webhook over its raw bytes, then reads it.
     *
     * @throws WebhookRejectedException AUTHENTICATION when neither header is valid or no hash is
     *                                  configured; MALFORMED when the body cannot be read
     */
    @Override
    public WebhookNotification parseWebhook(InboundRequest request) {
        authenticator.authenticate(request);
        return webhooks.parse(request.body());
    }

    @Override
    public boolean supportsRefunds() {
        return true;
    }

    @Override
    public boolean supportsPartialRefunds() {
        return true;
    }

    /**
     * Refunds {@link RefundRequest#amount()} of the succeeded transaction, with our refund id in
     * {@code comments}. v3 takes no idempotency key, so the transaction's refunds are read first:
     * a refund id Flutterwave already holds is answered from there and never sent twice. The POST
     * is never repeated after a timeout.
     *
     * @throws GatewayRejectedException    Flutterwave refused, or no transaction id is known
     * @throws GatewayUnavailableException no usable answer: the outcome is unknown
     * @throws PaymentConfigurationException Flutterwave refused the secret key
     */
    @Override
    public RefundResult refund(RefundRequest request) {
        Payment payment = request.payment();
        String reference = payment.providerReference();
        Long id = transactionId(payment.providerTransactionId());
        if (id == null) {
            id = successfulTransactionByReference(payment);
        }
        FlwRefundLookup.Listing listed = lookup.list(payment, id, request.refundId());
        if (listed.ours() != null) {
            LOG.info("refund {}: Flutterwave already holds it; not sent again", request.refundId());
            return FlwRefunds.result(listed.ours(), listed.raw());
        }
        ApiResponse r = api.refund(id, new FlwWire.Refund(request.amount().amount(),
                FlwRefunds.comments(request.refundId(), request.reason())), reference);
        if (!r.isSuccess()) {
            throw FlwErrors.toException(r, reference);
        }
        JsonNode data = JsonNodes.object(r.json().orElse(null), "data");
        if (data == null) {
            throw ProviderErrors.unreadable(name, r, reference);
        }
        RefundResult result = FlwRefunds.result(data, r.redactedBody());
        LOG.info("refund {}: {} of payment {} sent to Flutterwave ({})", request.refundId(),
                request.amount(), reference, result.status());
        return result;
    }

    /**
     * Where a refund stands at Flutterwave. With Flutterwave's refund id (from an earlier answer):
     * its details ({@code GET /v3/refunds/{id}}, else {@code GET /v3/transactions/{id}/refund}).
     * Without it (the answer was lost): the transaction's refunds, matched on our refund id in
     * {@code comments}. {@code completed} is COMPLETED, a failure FAILED, anything else PENDING.
     * NOT_FOUND only when the whole listing holds no refund but other refunds of ours and the
     * verification agrees; whenever that is not certain, UNKNOWN.
     *
     * @throws GatewayUnavailableException   Flutterwave could not be asked (timeouts, 5xx)
     * @throws PaymentConfigurationException Flutterwave refused the secret key
     */
    @Override
    public RefundResult checkRefundStatus(Payment payment, Refund refund) {
        String reference = payment.providerReference();
        String refundId = refund.id().toString();
        Long id = transactionId(payment.providerTransactionId());
        if (id == null) {
            id = successfulTransactionOrNull(payment);
        }
        if (refund.providerTransactionId() != null) {
            return lookup.details(refund.providerTransactionId(), refundId, id, reference);
        }
        if (id == null) {
            return new RefundResult(RefundResult.Status.UNKNOWN, null, null);
        }
        FlwRefundLookup.Listing listed = lookup.list(payment, id, refundId);
        if (listed.ours() != null) {
            return FlwRefunds.result(listed.ours(), listed.raw());
        }
        if (listed.absent() && lookup.verificationAgrees(id, listed.listedTotal(), reference)) {
            return new RefundResult(RefundResult.Status.NOT_FOUND, null, listed.raw());
        }
        return new RefundResult(RefundResult.Status.UNKNOWN, null, listed.raw());
    }

    private Long successfulTransactionOrNull(Payment payment) {
        try {
            return successfulTransactionByReference(payment);
        } catch (GatewayRejectedException e) {
            return null;
        }
    }

    /**
     * @throws GatewayRejectedException    when Flutterwave reports no successful transaction
     * @throws GatewayUnavailableException when it cannot be asked now
     */
    private Long successfulTransactionByReference(Payment payment) {
        ApiResponse r = api.verifyByReference(payment.providerReference());
        if (r.status() == 401 || r.status() == 403
                || !r.isSuccess() && ProviderErrors.outcomeUnknown(r.status())) {
            throw FlwErrors.toException(r, payment.providerReference());
        }
        JsonNode data = JsonNodes.object(r.json().orElse(null), "data");
        Long id = FlwStatusMapper.isSuccessful(r) && payment.providerReference()
                .equals(JsonNodes.text(data, "tx_ref")) ? transactionId(JsonNodes.text(data, "id")) : null;
        if (id == null) {
            throw new GatewayRejectedException("Flutterwave reports no successful transaction to refund",
                    name, null, payment.providerReference(), r.status());
        }
        return id;
    }

    private static FlwWire.PaymentRequest body(InitiationRequest request) {
        Payment payment = request.payment();
        Payer payer = payment.payer();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("payment_id", payment.id().toString());
        meta.put("order_reference", payment.orderReference());
        BigDecimal amount = payment.money().amount();
        return new FlwWire.PaymentRequest(payment.providerReference(), amount,
                payment.money().currency().getCurrencyCode(), request.redirectUrl().toString(),
                new FlwWire.Customer(payer.email(), payer.name(),
                        payer.msisdn() == null ? null : payer.msisdn().digits()),
                payment.method() == PaymentMethod.CARD ? "card" : "banktransfer",
                new FlwWire.Customizations(request.merchantName(), payment.description()), meta);
    }

    /** A transaction id as a {@code long}; {@code null} when absent or not a whole number. */
    static Long transactionId(String text) {
        if (text == null || !TRANSACTION_ID.matcher(text.trim()).matches()) {
            return null;
        }
        return Long.parseLong(text.trim());
    }

    /** Builds a {@link FlutterwaveGateway} with injected seams. */
    public static final class Builder {
        private final FlutterwaveConfig config;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private HttpClient httpClient;
        private int maxAttempts = 3;

        private String name = NAME;

        private Builder(FlutterwaveConfig config) {
            this.config = Objects.requireNonNull(config, "config must not be null");
        }

        /** Clock for the checkout session window and retry budgets. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** How retries of verify calls wait; tests pass one that does not sleep. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper must not be null");
            return this;
        }

        /** An HTTP client to use instead of building one (proxies, shared executors). */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** Attempts per verify call (GETs only; payment links and refunds are sent once). */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Builds the gateway and its HTTP client. */
        /**
         * The gateway's name in routes, storage and metrics ({@value #NAME} by default); give
         * each account its own when a service holds several (its callback route is
         * {@code <route prefix>/webhooks/<name>/}).
         */
        public Builder name(String name) {
            this.name = PaymentGateway.checkName(name);
            return this;
        }

        public FlutterwaveGateway build() {
            return new FlutterwaveGateway(this);
        }
    }
}
