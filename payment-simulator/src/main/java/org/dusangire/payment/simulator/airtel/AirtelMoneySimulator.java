package org.dusangire.payment.simulator.airtel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.security.PublicKey;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.Json;
import org.dusangire.payment.simulator.SimRequest;
import org.dusangire.payment.simulator.SimResponse;
import org.dusangire.payment.simulator.SimulatorServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful loopback simulator of the Airtel Money Open API collection product: JSON
 * client-credentials tokens that live minutes, USSD push ({@code /merchant/v1/payments/} and the
 * message-signed {@code /merchant/v2/payments/}), transaction enquiry, full refunds, the
 * application's callback (with an HMAC {@code hash} when callback authentication is on) and the
 * RSA public key for signing. The payer is played by the control API: {@link #approve},
 * {@link #decline}, {@link #wrongPin}, {@link #insufficientFunds}, {@link #timeOut},
 * {@link #expire}, {@link #ambiguous}, or the {@code /_sim/payments/...} routes. A refund reverses
 * the whole payment (TS becomes TR); what refunds paid back is kept per payment
 * ({@link #refund}, {@link #refundedTotal}, {@link #refundsPaidOut}), so a test can compare it
 * with what its store believes.
 *
 * <pre>{@code
 * try (var airtel = AirtelMoneySimulator.builder().country("UG").clock(clock)
 *         .callbackUrl("http://localhost:8080/payments/webhooks/airtel-money/")
 *         .callbackAuthentication("app-private-key").build().start()) {
 *     URI base = airtel.baseUri();
 *     ...
 * }
 * }</pre>
 */
public final class AirtelMoneySimulator extends SimulatorServer {

    private static final Logger LOG = LoggerFactory.getLogger(AirtelMoneySimulator.class);

    private final AirtelSettings settings;
    private final AirtelBodies bodies;
    private final AirtelTokens tokens;
    private final AirtelChecks checks;
    private final AirtelLedger ledger;
    private final CallbackBodies callbackBodies;
    private final PaymentHandler payments;
    private final RefundHandler refunds;
    private final AirtelControlRoutes control;
    private final AtomicReference<String> callbackUrl;
    private volatile boolean autoApprove;

    AirtelMoneySimulator(AirtelSettings settings, String callbackUrl, boolean autoApprove,
                         InetAddress bindAddress, int port, int threads, long faultSeed) {
        super("airtel", bindAddress, port, threads, settings.clock(), faultSeed);
        this.settings = settings;
        this.callbackUrl = new AtomicReference<>(callbackUrl);
        this.autoApprove = autoApprove;
        this.bodies = new AirtelBodies(json());
        this.tokens = new AirtelTokens(settings);
        this.checks = new AirtelChecks(settings, bodies, tokens);
        this.ledger = new AirtelLedger(settings.clock(), this::onFinal);
        this.callbackBodies = new CallbackBodies(json(), settings.callbackPrivateKey());
        this.payments = new PaymentHandler(settings, json(), bodies, checks, ledger,
                () -> this.autoApprove);
        this.refunds = new RefundHandler(settings, json(), bodies, checks, ledger);
        this.control = new AirtelControlRoutes(this, json(), bodies);
    }

    /** A builder with Uganda defaults (see {@link AirtelMoneySimulatorBuilder}). */
    public static AirtelMoneySimulatorBuilder builder() {
        return new AirtelMoneySimulatorBuilder();
    }

    @Override
    public AirtelMoneySimulator start() {
        super.start();
        return this;
    }

    /** The client id the token endpoint accepts. */
    public String clientId() {
        return settings.clientId();
    }

    /** The client secret the token endpoint accepts. */
    public String clientSecret() {
        return settings.clientSecret();
    }

    /** The X-Country accepted, e.g. {@code UG}. */
    public String country() {
        return settings.country();
    }

    /** The X-Currency accepted, e.g. {@code UGX}. */
    public String currency() {
        return settings.currency();
    }

    /** Whether v2 message signing is enforced. */
    public boolean messageSigning() {
        return settings.messageSigning();
    }

    /** The RSA public key served at {@code /v1/rsa/encryption-keys}. */
    public PublicKey publicKey() {
        return checks.keyPair().getPublic();
    }

    /** The callback URL configured for the application, or {@code null}. */
    public String callbackUrl() {
        return callbackUrl.get();
    }

    /** Changes the application's callback URL; {@code null} stops callbacks. */
    public void callbackUrl(String url) {
        callbackUrl.set(url);
    }

    /** Approve every new payment at once (load runs) or leave it to the control API. */
    public void autoApprove(boolean enabled) {
        autoApprove = enabled;
    }

    /**
     * The payer enters the PIN: TS with a new {@code airtel_money_id}.
     *
     * @return false when the payment was already final (it does not change)
     * @throws NoSuchElementException for an unknown transaction id
     */
    public boolean approve(String id) {
        return ledger.succeed(find(id));
    }

    /** The payer refuses: TF {@code DP00800001008}; false when already final. */
    public boolean decline(String id) {
        return fail(id, AirtelCodes.REFUSED);
    }

    /** The payer types a wrong PIN: TF {@code DP00800001002}; false when already final. */
    public boolean wrongPin(String id) {
        return fail(id, AirtelCodes.INCORRECT_PIN);
    }

    /** The payer lacks funds: TF {@code DP00800001007}; false when already final. */
    public boolean insufficientFunds(String id) {
        return fail(id, AirtelCodes.NOT_ENOUGH_BALANCE);
    }

    /** The payer never answers the prompt: TF {@code DP00800001024}; false when already final. */
    public boolean timeOut(String id) {
        return fail(id, AirtelCodes.TIMED_OUT);
    }

    /** The transaction expires: TE {@code DP00800001029}; false when already final. */
    public boolean expire(String id) {
        return ledger.fail(find(id), AirtelStatus.TE, AirtelCodes.EXPIRED);
    }

    /** Airtel loses track for a while: TA (not final); false when already final. */
    public boolean ambiguous(String id) {
        return ledger.ambiguous(find(id));
    }

    /** TF with any response code, kept verbatim; false when already final. */
    public boolean fail(String id, String responseCode) {
        return ledger.fail(find(id), AirtelStatus.TF, responseCode);
    }

    /** The simulator's view of a payment, if it exists. */
    public Optional<AirtelPaymentState> state(String id) {
        return ledger.payment(id).map(AirtelPayment::snapshot);
    }

    /** Every payment the simulator holds. */
    public List<AirtelPaymentState> payments() {
        return ledger.all().stream().map(AirtelPayment::snapshot).toList();
    }

    /**
     * The callback body the simulator sends (or would send) for a final payment, byte for byte,
     * including the {@code hash} when callback authentication is on; empty while not final.
     */
    public Optional<byte[]> callbackBody(String id) {
        return state(id).filter(s -> s.status().isFinal()).map(callbackBodies::body);
    }

    /** The refund that reversed a payment, if any. */
    public Optional<AirtelRefundState> refund(String id) {
        return ledger.payment(id).flatMap(AirtelPayment::refund);
    }

    /** What refunds gave back on a payment: its whole amount once reversed, else zero. */
    public BigDecimal refundedTotal(String id) {
        return refund(id).map(AirtelRefundState::amount).orElse(BigDecimal.ZERO);
    }

    /** How many refunds of a payment were paid out: 1 once reversed, else 0. */
    public int refundsPaidOut(String id) {
        return refund(id).isPresent() ? 1 : 0;
    }

    /** Refund POSTs received (v1 and v2), accepted or not. */
    public int refundRequests() {
        return journal().count(AirtelEndpoint.REFUND) + journal().count(AirtelEndpoint.REFUND_V2);
    }

    /** Token requests received, accepted or not. */
    public int tokenRequests() {
        return journal().count(AirtelEndpoint.TOKEN);
    }

    /** Payment initiations received (v1 and v2), accepted or not. */
    public int paymentRequests() {
        return journal().count(AirtelEndpoint.PAYMENT) + journal().count(AirtelEndpoint.PAYMENT_V2);
    }

    @Override
    protected Optional<String> endpointOf(SimRequest request) {
        return AirtelRoutes.endpointOf(request).map(Enum::name);
    }

    @Override
    protected Set<String> journaledHeaders() {
        return Set.of("content-type", "authorization", "x-country", "x-currency", "x-signature",
                "x-key");
    }

    @Override
    protected SimResponse handle(String endpoint, SimRequest request) {
        List<String> parts = request.segments();
        return switch (AirtelEndpoint.valueOf(endpoint)) {
            case TOKEN -> token(request);
            case PAYMENT -> payments.create(request, false);
            case PAYMENT_V2 -> payments.create(request, true);
            case ENQUIRY -> payments.enquiry(request, AirtelRoutes.decode(parts.get(3)));
            case REFUND -> refunds.refund(request, false);
            case REFUND_V2 -> refunds.refund(request, true);
            case ENCRYPTION_KEYS -> encryptionKeys(request);
            case CALLBACK -> json().error(404, "RESOURCE_NOT_FOUND", "Not an inbound route.");
        };
    }

    @Override
    protected Optional<SimResponse> handleControl(SimRequest request) {
        return control.handle(request);
    }

    private SimResponse token(SimRequest request) {
        JsonNode body = json().parseOrNull(request.body());
        if (body == null || !body.isObject()) {
            return bodies.oauthError(400, "invalid_request", "The request body must be JSON");
        }
        if (!"client_credentials".equals(Json.text(body, "grant_type"))) {
            return bodies.oauthError(400, "unsupported_grant_type",
                    "grant_type must be client_credentials");
        }
        if (!settings.clientId().equals(Json.text(body, "client_id"))
                || !settings.clientSecret().equals(Json.text(body, "client_secret"))) {
            return bodies.oauthError(401, "invalid_client", "Client authentication failed");
        }
        ObjectNode node = json().object().put("access_token", tokens.issue());
        long seconds = settings.tokenLifetime().toSeconds();
        if (settings.expiresInAsString()) {
            node.put("expires_in", Long.toString(seconds));
        } else {
            node.put("expires_in", seconds);
        }
        node.put("token_type", "bearer");
        return json().response(200, node);
    }

    private SimResponse encryptionKeys(SimRequest request) {
        Optional<SimResponse> rejected = checks.access(request);
        if (rejected.isPresent()) {
            return rejected.get();
        }
        ObjectNode answer = bodies.envelope(200, "SUCCESS", AirtelCodes.ESB_SUCCESS,
                "DP02010001001", true);
        ((ObjectNode) answer.get("data")).put("key_id", 1)
                .put("key", Base64.getEncoder().encodeToString(publicKey().getEncoded()))
                .put("valid_upto", settings.clock().instant().plus(365, ChronoUnit.DAYS)
                        .truncatedTo(ChronoUnit.SECONDS).toString());
        return bodies.ok(answer);
    }

    private AirtelPayment find(String id) {
        return ledger.payment(id).orElseThrow(
                () -> new NoSuchElementException("unknown transaction id " + id));
    }

    private void onFinal(AirtelPayment payment) {
        AirtelPaymentState state = payment.snapshot();
        LOG.info("airtel payment {} is now {} ({})", state.id(), state.status(),
                state.responseCode());
        String url = callbackUrl.get();
        if (url == null) {
            return;
        }
        byte[] body = callbackBodies.body(state);
        boolean lost = faults().nextOutbound(AirtelEndpoint.CALLBACK.name())
                .filter(f -> f.kind() == FaultKind.CALLBACK_NEVER_SENT).isPresent();
        if (lost) {
            callbacks().suppressed("POST", url, state.id(), body);
        } else {
            callbacks().send("POST", url, state.id(), body);
        }
    }
}
