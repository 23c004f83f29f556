package org.dusangire.payment.gateway.mpesa;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.model.MobileNetworks;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.InitiationResult;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.core.port.WebhookNotification;
import org.dusangire.payment.core.service.PaymentObserver;
import org.dusangire.payment.gateway.http.ApiResponse;
import org.dusangire.payment.gateway.http.JsonNodes;
import org.dusangire.payment.gateway.http.ProviderErrors;
import org.dusangire.payment.gateway.http.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Safaricom M-Pesa Express (Daraja's STK push): the customer approves a prompt on their phone.
 * Daraja assigns the reference, the {@code CheckoutRequestID}, and de-duplicates nothing, so the
 * push is sent once and never repeated ({@link ReferenceRule#PROVIDER_ASSIGNED}): a push whose
 * answer is lost leaves the outcome unknown, and the service never resends it. The STK query
 * (under that reference) settles every outcome; the unsigned result callback, authenticated by
 * the per-payment token in its path, only hints at it. Kenyan shillings only, in whole shillings,
 * from Safaricom numbers.
 *
 * <p>Thread-safe; build one per Daraja app and short code and keep it, as it holds the connection
 * pool and the token cache. A host with two short codes builds two, with distinct
 * {@link Builder#name names}.
 */
public final class MpesaGateway implements PaymentGateway {
    /** The gateway's name in routes and storage unless the builder sets another. */
    public static final String DEFAULT_NAME = "mpesa";
    private static final Currency KES = Currency.getInstance("KES");
    /**
     * Safaricom's M-Pesa numbers in international form: 254 then a national number starting
     * 7 (07xx) or 1 (01xx), nine digits in all (Kenya's numbering plan; Airtel and Telkom Kenya
     * share the 07 range, which Daraja refuses at the push).
     */

    private static final Logger LOG = LoggerFactory.getLogger(MpesaGateway.class);

    private final String name;
    private final MpesaConfig config;
    private final MpesaApi api;
    private final MpesaCallbackParser callbacks;

    private MpesaGateway(Builder b) {
        this.name = b.name;
        this.config = b.config;
        this.api = new MpesaApi(name, b.config, b.clock, b.sleeper, b.httpClient,
                b.tokenRefreshMargin, (ok, took) -> b.observer.tokenFetch(name, ok, took));
        this.callbacks = new MpesaCallbackParser(name, api.http().codec());
    }

    /** A gateway named {@value #DEFAULT_NAME} with the system clock and its own HTTP client. */
    public MpesaGateway(MpesaConfig config) {
        this(builder(config));
    }

    /** A builder for hosts that name the gateway or inject the clock, sleeper or HTTP client. */
    public static Builder builder(MpesaConfig config) {
        return new Builder(config);
    }

    public MpesaConfig config() {
        return config;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<PaymentMethod> methods() {
        return Set.of(PaymentMethod.MPESA);
    }

    /** Daraja assigns the {@code CheckoutRequestID} at the push. */
    @Override
    public ReferenceRule referenceRule() {
        return ReferenceRule.PROVIDER_ASSIGNED;
    }

    @Override
    public Set<String> currencies() {
        return Set.of(KES.getCurrencyCode());
    }

    @Override
    public Set<String> countries() {
        return Set.of("KE");
    }

    /**
     * Accepts M-Pesa payments of whole Kenyan shillings from a Kenyan Safaricom number.
     *
     * @throws PaymentValidationException naming the field that does not fit
     */
    @Override
    public void validate(Payment payment) {
        if (!PaymentMethod.MPESA.equals(payment.method())) {
            throw new PaymentValidationException("method", "M-Pesa takes only MPESA");
        }
        if (!payment.money().currency().equals(KES)) {
            throw new PaymentValidationException("currency", "M-Pesa collects only KES, not "
                    + payment.money().currency().getCurrencyCode());
        }
        if (!payment.money().isPositive()) {
            throw new PaymentValidationException("amount", "amount must be more than zero");
        }
        if (payment.money().amount().stripTrailingZeros().scale() > 0) {
            throw new PaymentValidationException("amount", "M-Pesa takes whole shillings only, not "
                    + payment.money().amount().toPlainString());
        }
        Msisdn phone = payment.payer().msisdn();
        if (phone == null) {
            throw new PaymentValidationException("phone", "M-Pesa needs the payer's phone number");
        }
        if (!phone.country().equals(java.util.Optional.of("KE"))) {
            throw new PaymentValidationException("phone", "M-Pesa needs a Kenyan number, got "
                    + phone.masked() + phone.country().map(c -> " (" + c + ")").orElse(""));
        }
        // Kenya has number portability: a prefix names the first network, so a number that may
        // have moved to Safaricom is let through and Daraja itself refuses one that has not
        if (!phone.mayBeOnNetwork(MobileNetworks.SAFARICOM)) {
            throw new PaymentValidationException("phone", "M-Pesa charges only Safaricom numbers; "
                    + phone.masked() + " is not a Kenyan mobile number");
        }
    }

    /**
     * Sends the STK push, once, and returns Daraja's {@code CheckoutRequestID} as the provider
     * reference.
     *
     * @throws GatewayRejectedException      Daraja refused the push (nothing was charged)
     * @throws GatewayUnavailableException   no usable answer: a prompt may be on the phone, and
     *                                       only the customer and the STK query can say
     * @throws PaymentConfigurationException Daraja refused our credentials (names the variable)
     */
    @Override
    public InitiationResult initiate(InitiationRequest request) {
        Payment payment = request.payment();
        validate(payment);
        String paymentId = payment.id().toString();
        BigDecimal shillings = payment.money().amount().setScale(0);
        String reference = MpesaWire.clean(payment.orderReference(), MpesaWire.MAX_ACCOUNT_REFERENCE,
                paymentId.substring(0, MpesaWire.MAX_ACCOUNT_REFERENCE));
        String description = MpesaWire.clean(request.merchantName(), MpesaWire.MAX_TRANSACTION_DESC,
                "Payment");
        ApiResponse r = api.stkPush(paymentId, MpesaWire.stkPush(config, api.stamp(), shillings,
                payment.payer().msisdn().digits(), request.callbackUrl(), reference, description));
        if (!r.isSuccess()) {
            throw api.errors().toException(r, paymentId);
        }
        JsonNode body = r.json().filter(JsonNode::isObject)
                .orElseThrow(() -> ProviderErrors.unreadable(name, r, paymentId));
        String responseCode = JsonNodes.text(body, "ResponseCode");
        String checkout = JsonNodes.text(body, "CheckoutRequestID");
        if (responseCode != null && !"0".equals(MpesaResultCodes.normalise(responseCode))) {
            throw new GatewayRejectedException(name + " did not accept the push: ResponseCode "
                    + responseCode, name, responseCode, paymentId, r.status());
        }
        if (checkout == null) {
            // accepted without the one identifier the STK query needs: the outcome is unknown
            throw ProviderErrors.unreadable(name, r, paymentId);
        }
        LOG.info("payment {}: STK push accepted as {}", paymentId, checkout);
        return InitiationResult.assigned(checkout, r.redactedBody());
    }

    /**
     * Asks Daraja's STK query under the payment's {@code CheckoutRequestID}: "being processed" is
     * PENDING, a {@code ResultCode} is mapped ({@code 0} SUCCEEDED, {@code 1032} CANCELLED,
     * {@code 1037} and {@code 1019} EXPIRED, {@code 1}, {@code 2001} and others FAILED with the
     * code as the reason), an unlisted code UNKNOWN, an id Daraja does not know NOT_FOUND.
     *
     * @throws GatewayUnavailableException   Daraja could not be asked (timeouts, 5xx after retries)
     * @throws PaymentConfigurationException Daraja refused our credentials (names the variable)
     */
    @Override
    public StatusReport checkStatus(Payment payment) {
        String checkout = payment.providerReference();
        if (checkout == null) {
            // nothing to ask under: the push's answer never told us Daraja's reference
            return StatusReport.of(ProviderStatus.UNKNOWN, null);
        }
        ApiResponse r = api.stkQuery(checkout, MpesaWire.stkQuery(config, api.stamp(), checkout));
        String raw = r.redactedBody();
        if (MpesaErrors.isBeingProcessed(r)) {
            return new StatusReport(ProviderStatus.PENDING, checkout, null, null, null, raw);
        }
        if (r.status() == 400 && mentionsCheckoutId(r)) {
            return StatusReport.of(ProviderStatus.NOT_FOUND, raw);
        }
        if (!r.isSuccess()) {
            throw api.errors().toException(r, payment.id().toString());
        }
        return r.json().filter(JsonNode::isObject)
                .map(MpesaStatusMapper::query)
                .map(reading -> new StatusReport(reading.status(), reading.checkoutRequestId(), null,
                        null, reading.reason(), raw))
                .orElseGet(() -> StatusReport.of(ProviderStatus.UNKNOWN, raw));
    }

    private static boolean mentionsCheckoutId(ApiResponse r) {
        String message = MpesaErrors.message(r);
        return message != null && message.toLowerCase(Locale.ROOT).contains("checkoutrequestid");
    }

    /**
     * Reads a Daraja result callback addressed to {@code <paymentId>/<token>}.
     *
     * @throws WebhookRejectedException MALFORMED for an odd path, method or body; AUTHENTICATION
     *                                  when the path carries no plausible token
     */
    @Override
    public WebhookNotification parseWebhook(InboundRequest request) {
        return callbacks.parse(request);
    }

    /** Builds an {@link MpesaGateway} with a name and injected seams. */
    public static final class Builder {
        private final MpesaConfig config;
        private String name = DEFAULT_NAME;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private HttpClient httpClient;
        private Duration tokenRefreshMargin = Duration.ofSeconds(60);
        private PaymentObserver observer = PaymentObserver.NONE;

        private Builder(MpesaConfig config) {
            this.config = Objects.requireNonNull(config, "config must not be null");
        }

        /**
         * The gateway's name in routes and storage ({@value MpesaGateway#DEFAULT_NAME} by default), so one host
         * can hold two Daraja accounts: lower-case letters, digits and dashes.
         */
        public Builder name(String name) {
            this.name = PaymentGateway.checkName(name);
            return this;
        }

        /** Clock for the STK timestamp, token expiry and retry budgets. */
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

        /** Told of each OAuth token fetch ({@link PaymentObserver#tokenFetch}), for metrics. */
        public Builder observer(PaymentObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer must not be null");
            return this;
        }

        /** How long before expiry a token is replaced; 60 s by default. */
        public Builder tokenRefreshMargin(Duration margin) {
            this.tokenRefreshMargin = Objects.requireNonNull(margin, "margin must not be null");
            return this;
        }

        public MpesaGateway build() {
            return new MpesaGateway(this);
        }
    }
}
