package org.dusangire.payment.gateway.airtel;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.error.UnsupportedCapabilityException;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.model.MobileNetworks;
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
 * Airtel Money collections through the Airtel Open API: a USSD push with our payment id as
 * {@code transaction.id} (unsigned v1, or message-signed v2 where the country demands it), the
 * transaction enquiry as the only source of truth, callbacks as hints (authenticated by their
 * HMAC {@code hash} when the application has callback authentication on), and full refunds.
 *
 * <p>A push that times out or meets a 5xx is retried under the same id; Airtel refuses a known id
 * with {@code ESB000041}, which counts as accepted. Ambiguous answers leave the outcome unknown
 * for the enquiry to settle. Thread-safe; build one per Airtel application and keep it, as it
 * holds the connection pool and the token cache (Airtel tokens live three minutes).
 */
public final class AirtelMoneyGateway implements PaymentGateway {
    /** The gateway's name in routes and storage. */
    public static final String NAME = "airtel-money";

    private static final Logger LOG = LoggerFactory.getLogger(AirtelMoneyGateway.class);

    private final AirtelMoneyConfig config;
    private final AirtelApi api;
    private final AirtelCallbackParser callbacks;

    private final String name;

    private AirtelMoneyGateway(Builder b) {
        this.name = b.name;
        this.config = b.config;
        this.api = new AirtelApi(b.config, b.clock, b.sleeper, b.httpClient, b.tokenRefreshMargin,
                (ok, took) -> b.observer.tokenFetch(b.name, ok, took));
        this.callbacks = new AirtelCallbackParser(api.http().codec(),
                b.config.callbackPrivateKey().orElse(null));
        if (b.config.callbackPrivateKey().isEmpty()) {
            LOG.warn("{} is not set: Airtel callbacks are accepted without authentication (sandbox "
                    + "only; production refuses to start without it); the enquiry still decides "
                    + "every payment", AirtelMoneyConfig.CALLBACK_PRIVATE_KEY);
        }
    }

    /** A gateway with the system clock and its own HTTP client. */
    public AirtelMoneyGateway(AirtelMoneyConfig config) {
        this(builder(config));
    }

    /** A builder for tests and hosts that inject the clock, sleeper or HTTP client. */
    public static Builder builder(AirtelMoneyConfig config) {
        return new Builder(config);
    }

    public AirtelMoneyConfig config() {
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

    /** The one country this account serves (Airtel's {@code X-Country}). */
    @Override
    public Set<String> countries() {
        return Set.of(config.country());
    }

    @Override
    public Set<PaymentMethod> methods() {
        return Set.of(PaymentMethod.AIRTEL_MONEY);
    }

    /**
     * Accepts Airtel Money payments in the configured currency, of a whole amount (Airtel takes no
     * fractions), from a payer on Airtel's network in the configured country. The refusal shows
     * the number masked.
     *
     * @throws PaymentValidationException naming the field that does not fit
     */
    @Override
    public void validate(Payment payment) {
        if (payment.method() != PaymentMethod.AIRTEL_MONEY) {
            throw new PaymentValidationException("method", "Airtel Money takes only AIRTEL_MONEY");
        }
        if (!payment.money().currency().equals(config.currency())) {
            throw new PaymentValidationException("currency", "Airtel Money (" + config.country()
                    + ") collects only " + config.currency().getCurrencyCode() + ", not "
                    + payment.money().currency().getCurrencyCode());
        }
        BigDecimal amount = payment.money().amount();
        if (amount.signum() <= 0) {
            throw new PaymentValidationException("amount", "amount must be more than zero");
        }
        if (amount.stripTrailingZeros().scale() > 0) {
            throw new PaymentValidationException("amount", "Airtel Money takes whole amounts only");
        }
        if (payment.payer() == null || payment.payer().msisdn() == null) {
            throw new PaymentValidationException("phone", "Airtel Money needs the payer's phone number");
        }
        Msisdn payer = payment.payer().msisdn();
        String country = payer.country().orElse(null);
        if (!config.country().equals(country)) {
            throw new PaymentValidationException("phone", "Airtel Money (" + config.country()
                    + ") needs a " + config.country() + " number, got " + payer.masked());
        }
        if (!payer.mayBeOnNetwork(MobileNetworks.AIRTEL)) {
            // Airtel would answer "Msisdn Not Found" after a USSD push that cannot arrive
            throw new PaymentValidationException("phone", "Airtel Money (" + config.country()
                    + ") charges only Airtel numbers; " + payer.masked() + " is "
                    + payer.network().map(n -> "on " + n).orElse("not on Airtel's network"));
        }
    }

    /**
     * Sends the USSD push under the payment's id.
     *
     * @throws GatewayRejectedException      Airtel refused (bad number, amount, country...)
     * @throws GatewayUnavailableException   no usable or an ambiguous answer: outcome unknown
     * @throws PaymentConfigurationException Airtel refused our credentials (names the variable)
     */
    @Override
    public InitiationResult initiate(InitiationRequest request) {
        Payment payment = request.payment();
        validate(payment);
        String id = payment.providerReference();
        ApiResponse r = api.pay(id, AirtelWire.payment(api.http().codec(), payment,
                config.country(), request.merchantName()));
        if (AirtelErrors.mentions(r, AirtelCodes.ESB_DUPLICATE)) {
            // our earlier attempt under this id got there: Airtel has the payment
            LOG.info("payment {}: Airtel already has this transaction id (ESB000041); counted as accepted", id);
            return InitiationResult.accepted(r.redactedBody());
        }
        if (r.isSuccess()) {
            return accepted(r, id);
        }
        throw AirtelErrors.toException(r, id);
    }

    /**
     * A 2xx answer is judged by its whole envelope ({@link AirtelPushAnswer}): accepted only when
     * nothing in it says otherwise, refused only when it says so unanimously, and otherwise the
     * outcome is unknown and the enquiry settles it (the payment stays pending).
     */
    private InitiationResult accepted(ApiResponse r, String id) {
        if (r.json().isEmpty()) {
            throw ProviderErrors.unreadable(name, r, id);
        }
        AirtelPushAnswer answer = AirtelPushAnswer.judge(r);
        if (!answer.unrecognised().isEmpty()) {
            LOG.warn("payment {}: Airtel answered the push with what this gateway does not know ({});"
                    + " {}", id, String.join(", ", answer.unrecognised()),
                    answer.verdict() == AirtelPushAnswer.Verdict.REFUSED
                            ? "the rest of the answer refuses it, so the code is kept as the reason"
                            : "the outcome is left unknown for the enquiry to settle");
        }
        return switch (answer.verdict()) {
            case ACCEPTED -> InitiationResult.accepted(r.redactedBody());
            // e.g. a 200 carrying DP00800001005 "Msisdn Not Found" with success false
            case REFUSED -> throw new GatewayRejectedException("Airtel refused the payment: "
                    + AirtelCodes.describe(answer.code()), name, answer.code(), id, r.status());
            case UNKNOWN -> throw new GatewayUnavailableException("Airtel's answer to the push ("
                    + (answer.code() == null ? "no code" : answer.code())
                    + (answer.ambiguous() ? ", ambiguous" : ", contradictory or unrecognised")
                    + ") does not say whether it was accepted; the outcome is unknown", name,
                    answer.code(), id, r.status(), null);
        };
    }

    /**
     * Asks Airtel where the transaction stands, deciding on {@code data.transaction.status} only.
     *
     * @throws GatewayUnavailableException   Airtel could not be asked (timeouts, 5xx after retries)
     * @throws PaymentConfigurationException Airtel refused our credentials (names the variable)
     */
    @Override
    public StatusReport checkStatus(Payment payment) {
        String id = payment.providerReference();
        ApiResponse r = api.enquiry(id);
        String raw = r.redactedBody();
        if (r.isSuccess()) {
            return AirtelStatusMapper.map(r, raw);
        }
        if (AirtelErrors.notFound(r) || r.status() == 404 && r.json().isEmpty()) {
            return StatusReport.of(AirtelErrors.notFound(r) ? ProviderStatus.NOT_FOUND
                    : ProviderStatus.UNKNOWN, raw);
        }
        throw AirtelErrors.toException(r, id);
    }

    /**
     * Reads Airtel's callback; checks its {@code hash} when callback authentication is configured.
     *
     * @throws WebhookRejectedException MALFORMED for a non-POST or unreadable body; AUTHENTICATION
     *                                  for a missing or wrong hash
     */
    @Override
    public WebhookNotification parseWebhook(InboundRequest request) {
        return callbacks.parse(request);
    }

    @Override
    public boolean supportsRefunds() {
        return true;
    }

    /** Airtel's refund has no amount: it reverses the whole transaction. */
    @Override
    public boolean supportsPartialRefunds() {
        return false;
    }

    /**
     * Reverses the whole transaction named by its {@code airtel_money_id}. The answer is judged
     * as a whole, never by {@code status.success}; a reversal done answers COMPLETED with the
     * refund's own {@code airtel_money_id}. A refusal is checked against the enquiry first: a
     * transaction already reversed (our earlier attempt, whose answer was lost, got there) is
     * COMPLETED, never FAILED. The call is not repeated after a timeout.
     *
     * @throws UnsupportedCapabilityException for a partial refund
     * @throws GatewayRejectedException       Airtel refused, or the payment has no Airtel id
     * @throws GatewayUnavailableException    no usable answer: the outcome is unknown
     * @throws PaymentConfigurationException  Airtel refused our credentials
     */
    @Override
    public RefundResult refund(RefundRequest request) {
        if (!request.isFull()) {
            throw new UnsupportedCapabilityException(name, "partial refunds");
        }
        Payment payment = request.payment();
        String reference = payment.providerReference();
        String airtelId = payment.providerTransactionId();
        if (airtelId == null || airtelId.isBlank()) {
            throw new GatewayRejectedException("the payment has no Airtel money id to reverse",
                    name, null, reference, null);
        }
        ApiResponse r = api.refund(reference, AirtelWire.refund(api.http().codec(), airtelId));
        if (r.status() == 401) {
            throw AirtelErrors.toException(r, reference);
        }
        AirtelRefunds.Answer answer = AirtelRefunds.read(r, airtelId);
        return switch (answer.verdict()) {
            case DONE -> new RefundResult(RefundResult.Status.COMPLETED, answer.refundId(),
                    r.redactedBody());
            case ACCEPTED -> new RefundResult(RefundResult.Status.PENDING, answer.refundId(),
                    r.redactedBody());
            case UNKNOWN -> throw r.isSuccess() && answer.code() == null
                    ? ProviderErrors.unreadable(name, r, reference)
                    : new GatewayUnavailableException("Airtel's answer to the refund ("
                            + (answer.code() == null ? "HTTP " + r.status() : answer.code())
                            + ") does not say whether it was done; the outcome is unknown", name,
                            answer.code(), reference, r.status(), null);
            case REFUSED -> refused(request, r, answer);
        };
    }

    /** A refusal stands only if the enquiry does not show the transaction reversed already. */
    private RefundResult refused(RefundRequest request, ApiResponse r, AirtelRefunds.Answer answer) {
        String reference = request.payment().providerReference();
        ApiResponse enquiry;
        try {
            enquiry = api.enquiry(reference);
        } catch (GatewayUnavailableException e) {
            throw new GatewayUnavailableException("Airtel refused the refund (" + answer.code()
                    + ") and whether an earlier attempt reversed the payment cannot be checked now;"
                    + " the outcome is unknown", name, answer.code(), reference, r.status(), e);
        }
        String status = JsonNodes.text(enquiry.json().orElse(null), "data", "transaction", "status");
        if (enquiry.isSuccess() && AirtelRefunds.reversed(status)) {
            LOG.info("refund {}: Airtel refused it ({}) but payment {} is reversed already; an "
                    + "earlier attempt got there", request.refundId(), answer.code(), reference);
            return new RefundResult(RefundResult.Status.COMPLETED, null, enquiry.redactedBody());
        }
        if (!r.isSuccess()) {
            throw AirtelErrors.toException(r, reference);
        }
        throw new GatewayRejectedException("Airtel refused the refund: " + (answer.code() == null
                ? "no reason given" : AirtelCodes.describe(answer.code())), name, answer.code(),
                reference, r.status());
    }

    /**
     * Airtel has no refund status call, and its refunds are whole reversals keyed by the
     * payment's {@code airtel_money_id}: the payment's enquiry tells. A reversed transaction
     * ({@code TR}) is COMPLETED. One still {@code TS} is not reversed: if the refund's answer was
     * lost, Airtel never applied it, so NOT_FOUND lets the core send it again (a reversal of a
     * transaction not yet reversed cannot pay twice, and Airtel refuses a second reversal); if
     * Airtel had taken it, PENDING. Anything else (the payment unknown, failed, or in an odd
     * state) is UNKNOWN.
     *
     * @throws GatewayUnavailableException   Airtel could not be asked (timeouts, 5xx after retries)
     * @throws PaymentConfigurationException Airtel refused our credentials
     */
    @Override
    public RefundResult checkRefundStatus(Payment payment, Refund refund) {
        String reference = payment.providerReference();
        ApiResponse r = api.enquiry(reference);
        String raw = r.redactedBody();
        if (r.status() == 401 || AirtelErrors.ambiguous(r)
                || !r.isSuccess() && ProviderErrors.outcomeUnknown(r.status())) {
            throw AirtelErrors.toException(r, reference);
        }
        JsonNode tx = JsonNodes.object(JsonNodes.object(r.json().orElse(null), "data"), "transaction");
        String status = r.isSuccess() ? JsonNodes.text(tx, "status") : null;
        String echoed = JsonNodes.text(tx, "airtel_money_id");
        boolean otherTransaction = echoed != null && echoed.indexOf('*') < 0
                && payment.providerTransactionId() != null
                && !echoed.equals(payment.providerTransactionId());
        if (status == null || otherTransaction) {
            return new RefundResult(RefundResult.Status.UNKNOWN, null, raw);
        }
        if (AirtelRefunds.reversed(status)) {
            return new RefundResult(RefundResult.Status.COMPLETED, refund.providerTransactionId(), raw);
        }
        if ("TS".equalsIgnoreCase(status)) {
            return refund.outcomeUnknown()
                    ? new RefundResult(RefundResult.Status.NOT_FOUND, null, raw)
                    : new RefundResult(RefundResult.Status.PENDING, refund.providerTransactionId(), raw);
        }
        return new RefundResult(RefundResult.Status.UNKNOWN, null, raw);
    }

    /** Builds an {@link AirtelMoneyGateway} with injected seams. */
    public static final class Builder {
        private final AirtelMoneyConfig config;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private HttpClient httpClient;
        private Duration tokenRefreshMargin = Duration.ofSeconds(30);
        private PaymentObserver observer = PaymentObserver.NONE;

        private String name = NAME;

        private Builder(AirtelMoneyConfig config) {
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

        /** How long before expiry a token is replaced; 30 s by default (tokens live 180 s). */
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

        public AirtelMoneyGateway build() {
            return new AirtelMoneyGateway(this);
        }
    }
}
