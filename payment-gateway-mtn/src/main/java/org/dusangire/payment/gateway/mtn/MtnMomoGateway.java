package org.dusangire.payment.gateway.mtn;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.error.UnsupportedCapabilityException;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.model.MobileNetworks;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.InitiationResult;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.service.PaymentObserver;
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
 * MTN Mobile Money through the MoMo Open API: Collection request-to-pay with our payment id as
 * {@code X-Reference-Id}, status by GET, unsigned callbacks authenticated by the per-payment token
 * in their path, and refunds through the Disbursement product when its subscription key is set.
 *
 * <p>A request-to-pay that times out or meets a 5xx is retried under the same reference (MTN
 * answers 409 to a reference it already has, which counts as accepted); if no answer comes, the
 * outcome stays unknown and the status API settles it. Thread-safe; build one per MTN account and
 * keep it, as it holds the connection pool and the token cache.
 */
public final class MtnMomoGateway implements PaymentGateway {
    /** The gateway's name in routes and storage. */
    public static final String NAME = "mtn-momo";

    private static final Logger LOG = LoggerFactory.getLogger(MtnMomoGateway.class);

    private final MtnMomoConfig config;
    private final MtnApi api;
    private final MtnCallbackParser callbacks;

    private final String name;

    private MtnMomoGateway(Builder b) {
        this.name = b.name;
        this.config = b.config;
        this.api = new MtnApi(b.config, b.clock, b.sleeper, b.httpClient, b.tokenRefreshMargin,
                (ok, took) -> b.observer.tokenFetch(b.name, ok, took));
        this.callbacks = new MtnCallbackParser(api.http().codec());
    }

    /** A gateway with the system clock and its own HTTP client. */
    public MtnMomoGateway(MtnMomoConfig config) {
        this(builder(config));
    }

    /** A builder for tests and hosts that inject the clock, sleeper or HTTP client. */
    public static Builder builder(MtnMomoConfig config) {
        return new Builder(config);
    }

    public MtnMomoConfig config() {
        return config;
    }

    @Override
    public String name() {
        return name;
    }

    /** The one currency this account collects. */
    @Override
    public Set<String> currencies() {
        return Set.of(config.currency().getCurrencyCode());
    }

    /** The country of the target environment; any for the sandbox. */
    @Override
    public Set<String> countries() {
        return MtnTargetEnvironments.countryOf(config.targetEnvironment()).map(Set::of).orElse(Set.of());
    }

    @Override
    public Set<PaymentMethod> methods() {
        return Set.of(PaymentMethod.MTN_MOBILE_MONEY);
    }

    /**
     * Accepts MTN Mobile Money payments in the configured currency from a payer on MTN's network
     * in the target environment's country (the sandbox: MTN's test numbers or any MTN number).
     * The refusal shows the number masked.
     *
     * @throws PaymentValidationException naming the field that does not fit
     */
    @Override
    public void validate(Payment payment) {
        if (payment.method() != PaymentMethod.MTN_MOBILE_MONEY) {
            throw new PaymentValidationException("method", "MTN MoMo takes only MTN_MOBILE_MONEY");
        }
        if (!payment.money().currency().equals(config.currency())) {
            throw new PaymentValidationException("currency", "MTN MoMo (" + config.targetEnvironment()
                    + ") collects only " + config.currency().getCurrencyCode() + ", not "
                    + payment.money().currency().getCurrencyCode());
        }
        if (!payment.money().isPositive()) {
            throw new PaymentValidationException("amount", "amount must be more than zero");
        }
        if (payment.payer().msisdn() == null) {
            throw new PaymentValidationException("phone", "MTN MoMo needs the payer's phone number");
        }
        validatePayer(payment.payer().msisdn());
    }

    /**
     * MTN charges only its own subscribers in the country of the target environment; asking it
     * for anyone else costs a call and ends in PAYER_NOT_FOUND. The sandbox takes MTN's test
     * numbers and MTN numbers of any country.
     */
    private void validatePayer(Msisdn payer) {
        String env = config.targetEnvironment();
        if (MtnTargetEnvironments.SANDBOX.equals(env) && payer.isMtnSandboxNumber()) {
            return;
        }
        Optional<String> country = MtnTargetEnvironments.countryOf(env);
        if (country.isPresent() && !country.equals(payer.country())) {
            throw new PaymentValidationException("phone", "MTN MoMo (" + env + ") needs a "
                    + country.get() + " number, got " + payer.masked()
                    + payer.country().map(c -> " (" + c + ")").orElse(""));
        }
        if (!payer.mayBeOnNetwork(MobileNetworks.MTN)) {
            throw new PaymentValidationException("phone", "MTN MoMo (" + env + ") charges only MTN"
                    + " numbers; " + payer.masked() + " is "
                    + payer.network().map(n -> "on " + n).orElse("not on MTN's network"));
        }
    }

    /**
     * Sends a request-to-pay under the payment's reference.
     *
     * @throws GatewayRejectedException      MTN refused (400, 403, or a 500 business code)
     * @throws GatewayUnavailableException   no usable answer: the outcome is unknown
     * @throws PaymentConfigurationException MTN refused our credentials (names the variable)
     */
    @Override
    public InitiationResult initiate(InitiationRequest request) {
        Payment payment = request.payment();
        validate(payment);
        String reference = payment.providerReference();
        String payer = payment.payer().msisdn().digits();
        if (config.validateAccountHolder()) {
            requireActiveAccount(payer, reference);
        }
        MtnWire.RequestToPay body = new MtnWire.RequestToPay(wireAmount(payment.money()),
                payment.money().currency().getCurrencyCode(), reference, MtnWire.Party.msisdn(payer),
                MtnText.clean(payment.description(), "Payment to " + request.merchantName()),
                MtnText.clean("Order " + payment.orderReference(), "Payment"));
        ApiResponse r = api.requestToPay(reference, request.callbackUrl(), body);
        if (r.isSuccess()) {
            return InitiationResult.accepted(r.redactedBody());
        }
        if (r.status() == 409) {
            // the only documented 409 is "reference already exists": our earlier attempt got there
            LOG.info("payment {}: MTN already has this reference (409); counted as accepted", reference);
            return InitiationResult.accepted(r.redactedBody());
        }
        throw MtnErrors.toException(r, reference, MtnMomoConfig.SUBSCRIPTION_KEY);
    }

    /**
     * Asks MTN where the request-to-pay stands.
     *
     * @throws GatewayUnavailableException   MTN could not be asked (timeouts, 5xx after retries)
     * @throws PaymentConfigurationException MTN refused our credentials (names the variable)
     */
    @Override
    public StatusReport checkStatus(Payment payment) {
        String reference = payment.providerReference();
        ApiResponse r = api.requestToPayStatus(reference);
        String raw = r.redactedBody();
        if (r.status() == 404) {
            return StatusReport.of("RESOURCE_NOT_FOUND".equals(MtnErrors.code(r))
                    ? ProviderStatus.NOT_FOUND : ProviderStatus.UNKNOWN, raw);
        }
        if (!r.isSuccess()) {
            throw MtnErrors.toException(r, reference, MtnMomoConfig.SUBSCRIPTION_KEY);
        }
        return r.json().filter(JsonNode::isObject)
                .map(MtnStatusMapper::read)
                .map(reading -> report(reading, raw))
                .orElseGet(() -> StatusReport.of(ProviderStatus.UNKNOWN, raw));
    }

    private static StatusReport report(MtnStatusMapper.Reading reading, String raw) {
        if (reading.status() == ProviderStatus.SUCCEEDED && reading.amount() == null) {
            // success without a readable amount cannot be checked against what is due
            return StatusReport.of(ProviderStatus.UNKNOWN, raw);
        }
        return new StatusReport(reading.status(), reading.externalId(),
                reading.status() == ProviderStatus.SUCCEEDED ? reading.amount() : null,
                reading.financialTransactionId(), reading.reason(), raw);
    }

    /**
     * Reads an MTN callback addressed to {@code <paymentId>/<token>}.
     *
     * @throws WebhookRejectedException MALFORMED for an odd path, method or body; AUTHENTICATION
     *                                  when the path carries no plausible token
     */
    @Override
    public WebhookNotification parseWebhook(InboundRequest request) {
        return callbacks.parse(request);
    }

    @Override
    public boolean supportsRefunds() {
        return api.hasDisbursement();
    }

    @Override
    public boolean supportsPartialRefunds() {
        return api.hasDisbursement();
    }

    /**
     * Refunds through the Disbursement product with {@link RefundRequest#refundId()} as
     * {@code X-Reference-Id}, then reads where the refund stands. MTN keys refunds by that id: a
     * repeat after a timeout (or the service's resend after a NOT_FOUND) meets 409, which counts
     * as accepted, so one refund id never pays twice.
     *
     * @throws UnsupportedCapabilityException when no disbursement subscription key is configured
     * @throws GatewayRejectedException       MTN refused the refund
     * @throws GatewayUnavailableException    no usable answer: the outcome is unknown
     * @throws PaymentConfigurationException  MTN refused the disbursement credentials
     */
    @Override
    public RefundResult refund(RefundRequest request) {
        requireRefunds();
        Payment payment = request.payment();
        String refundId = request.refundId();
        MtnWire.Refund body = new MtnWire.Refund(wireAmount(request.amount()),
                request.amount().currency().getCurrencyCode(), refundId,
                MtnText.clean(request.reason(), "Refund"),
                MtnText.clean("Refund of order " + payment.orderReference(), "Refund"),
                payment.providerReference());
        ApiResponse r = api.refund(refundId, body);
        if (r.status() == 409) {
            // the only documented 409 is "reference already exists": an earlier attempt got there
            LOG.info("refund {}: MTN already has this refund id (409); counted as accepted", refundId);
        } else if (!r.isSuccess()) {
            throw MtnErrors.toException(r, payment.providerReference(),
                    MtnMomoConfig.DISBURSEMENT_SUBSCRIPTION_KEY);
        }
        RefundResult now;
        try {
            now = refundStatus(refundId, request.amount());
        } catch (GatewayUnavailableException e) {
            return new RefundResult(RefundResult.Status.PENDING, refundId, r.redactedBody());
        }
        // MTN accepted it, so an answer that says less than that is still "accepted, pending"
        return switch (now.status()) {
            case COMPLETED, PENDING, FAILED -> now;
            case NOT_FOUND, UNKNOWN -> new RefundResult(RefundResult.Status.PENDING, refundId,
                    now.rawResponse());
        };
    }

    /**
     * Asks MTN's refund status ({@code GET /disbursement/v1_0/refund/{refund id}}) under our
     * refund id: SUCCESSFUL is COMPLETED, PENDING is PENDING, FAILED (or REJECTED, TIMEOUT) is
     * FAILED, 404 {@code RESOURCE_NOT_FOUND} is NOT_FOUND (MTN never received it), anything else
     * UNKNOWN.
     *
     * @throws UnsupportedCapabilityException when no disbursement subscription key is configured
     * @throws GatewayUnavailableException    timeouts, 5xx: MTN cannot be asked now
     * @throws PaymentConfigurationException  MTN refused the disbursement credentials
     */
    @Override
    public RefundResult checkRefundStatus(Payment payment, Refund refund) {
        requireRefunds();
        return refundStatus(refund.id().toString(), refund.amount());
    }

    private RefundResult refundStatus(String refundId, Money amount) {
        ApiResponse r = api.refundStatus(refundId);
        String raw = r.redactedBody();
        if (r.status() == 404) {
            return new RefundResult("RESOURCE_NOT_FOUND".equals(MtnErrors.code(r))
                    ? RefundResult.Status.NOT_FOUND : RefundResult.Status.UNKNOWN, null, raw);
        }
        boolean unanswered = !r.isSuccess() && ProviderErrors.outcomeUnknown(r.status())
                && !MtnErrors.isBusinessRefusal(r);
        if (r.status() == 401 || r.status() == 403 || unanswered) {
            throw MtnErrors.toException(r, refundId, MtnMomoConfig.DISBURSEMENT_SUBSCRIPTION_KEY);
        }
        if (!r.isSuccess()) {
            return new RefundResult(RefundResult.Status.UNKNOWN, null, raw);
        }
        return r.json().filter(JsonNode::isObject)
                .map(body -> MtnRefundMapper.map(body, refundId, amount, raw))
                .orElseGet(() -> new RefundResult(RefundResult.Status.UNKNOWN, null, raw));
    }

    private void requireRefunds() {
        if (!supportsRefunds()) {
            throw new UnsupportedCapabilityException(name, "refunds (set "
                    + MtnMomoConfig.DISBURSEMENT_SUBSCRIPTION_KEY + ")");
        }
    }

    private void requireActiveAccount(String msisdn, String reference) {
        ApiResponse r;
        try {
            r = api.accountHolderActive(msisdn, reference);
        } catch (GatewayUnavailableException e) {
            LOG.info("payment {}: account-holder check unavailable; sending anyway", reference);
            return;
        }
        boolean inactive = r.status() == 404 || r.isSuccess()
                && "false".equalsIgnoreCase(JsonNodes.text(r.json().orElse(null), "result"));
        if (inactive) {
            throw new GatewayRejectedException("MTN MoMo has no active account for the payer",
                    name, "PAYER_NOT_FOUND", reference, r.status());
        }
        if (!r.isSuccess()) {
            LOG.info("payment {}: account-holder check answered HTTP {}; sending anyway", reference,
                    r.status());
        }
    }

    /** The amount at the currency's scale: {@code 1500} for UGX, {@code 6.00} for EUR. */
    static String wireAmount(Money money) {
        return money.amount().toPlainString();
    }

    /** Builds an {@link MtnMomoGateway} with injected seams. */
    public static final class Builder {
        private final MtnMomoConfig config;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private HttpClient httpClient;
        private Duration tokenRefreshMargin = Duration.ofSeconds(60);
        private PaymentObserver observer = PaymentObserver.NONE;

        private String name = NAME;

        private Builder(MtnMomoConfig config) {
            this.config = Objects.requireNonNull(config, "config must not be null");
        }

        /** Clock for token expiry and retry budgets. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** How retries wait; tests pass one that does not sleep. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper must not be null");
            return this;
        }

        /** An HTTP client to use instead of building one (proxies, shared executors). */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /**
         * Told of each OAuth2 token fetch ({@link PaymentObserver#tokenFetch}), for metrics;
         * usually the observer given to the {@code PaymentService}. None by default.
         */
        public Builder observer(PaymentObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer must not be null");
            return this;
        }

        /** How long before expiry a token is replaced; 60 s by default. */
        public Builder tokenRefreshMargin(Duration margin) {
            this.tokenRefreshMargin = Objects.requireNonNull(margin, "margin must not be null");
            return this;
        }

        /**
         * The gateway's name in routes, storage and metrics ({@value #NAME} by default); give
         * each account its own when a service holds several (its callback route is
         * {@code <route prefix>/webhooks/<name>/}).
         */
        public Builder name(String name) {
            this.name = PaymentGateway.checkName(name);
            return this;
        }

        public MtnMomoGateway build() {
            return new MtnMomoGateway(this);
        }
    }
}
