package org.dusangire.payment.simulator.mtn;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.SimRequest;
import org.dusangire.payment.simulator.SimResponse;
import org.dusangire.payment.simulator.SimulatorServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful loopback simulator of the MTN MoMo Open API: collection and disbursement tokens,
 * request-to-pay and its status, account-holder check, disbursement refunds and callbacks. The
 * "customer's phone" is the control API: {@link #approve}, {@link #decline}, {@link #expire},
 * {@link #insufficientFunds}, or the {@code /_sim/payments/...} routes. What refunds paid back
 * is kept per payment ({@link #refunds}, {@link #refundedTotal}, {@link #refundsPaidOut}), so a
 * test can compare it with what its store believes.
 *
 * <pre>{@code
 * try (var mtn = MtnMomoSimulator.builder().targetEnvironment("mtnuganda").build().start()) {
 *     URI base = mtn.baseUri();
 *     ...
 * }
 * }</pre>
 */
public final class MtnMomoSimulator extends SimulatorServer {

    private static final Logger LOG = LoggerFactory.getLogger(MtnMomoSimulator.class);

    private final MtnSettings settings;
    private final MtnLedger ledger;
    private final MtnBodies bodies;
    private final TokenIssuer tokens;
    private final MtnChecks checks;
    private final RequestToPayHandler requestToPay;
    private final RefundHandler refunds;
    private final MtnControlRoutes control;

    MtnMomoSimulator(MtnSettings settings, InetAddress bindAddress, int port, int threads,
            long faultSeed) {
        super("mtn", bindAddress, port, threads, settings.clock(), faultSeed);
        this.settings = settings;
        this.bodies = new MtnBodies(json(), settings.reasonFormat());
        this.ledger = new MtnLedger(this::onFinal);
        this.tokens = new TokenIssuer(settings);
        this.checks = new MtnChecks(settings, json(), tokens);
        this.requestToPay = new RequestToPayHandler(settings, json(), checks, ledger, bodies);
        this.refunds = new RefundHandler(settings.holdRefunds(), json(), checks, ledger, bodies);
        this.control = new MtnControlRoutes(this, json(), bodies);
    }

    /** A builder with sandbox defaults (see {@link MtnMomoSimulatorBuilder}). */
    public static MtnMomoSimulatorBuilder builder() {
        return new MtnMomoSimulatorBuilder();
    }

    @Override
    public MtnMomoSimulator start() {
        super.start();
        return this;
    }

    /** The API user (a UUID) the token endpoints accept. */
    public String apiUser() {
        return settings.apiUser();
    }

    /** The API key the token endpoints accept. */
    public String apiKey() {
        return settings.apiKey();
    }

    /** The Collection subscription key. */
    public String collectionSubscriptionKey() {
        return settings.collectionKey();
    }

    /** The Disbursement subscription key. */
    public String disbursementSubscriptionKey() {
        return settings.disbursementKey();
    }

    /** The X-Target-Environment value accepted. */
    public String targetEnvironment() {
        return settings.targetEnvironment();
    }

    /** The only currency accepted. */
    public String currency() {
        return settings.currency();
    }

    /** The host every X-Callback-Url must use. */
    public String providerCallbackHost() {
        return settings.callbackHost();
    }

    /**
     * The payer approves: PENDING becomes SUCCESSFUL.
     *
     * @return false when the payment was already final (it does not change)
     * @throws NoSuchElementException for an unknown reference
     */
    public boolean approve(String reference) {
        return ledger.succeed(find(reference));
    }

    /** The payer declines: FAILED with {@code APPROVAL_REJECTED}; false when already final. */
    public boolean decline(String reference) {
        return fail(reference, "APPROVAL_REJECTED");
    }

    /** The payer never answers: FAILED with {@code EXPIRED}; false when already final. */
    public boolean expire(String reference) {
        return fail(reference, "EXPIRED");
    }

    /** The payer lacks funds: FAILED with the configured reason; false when already final. */
    public boolean insufficientFunds(String reference) {
        return fail(reference, settings.insufficientFundsReason());
    }

    /** FAILED with any reason code; false when already final. */
    public boolean fail(String reference, String reason) {
        return ledger.fail(find(reference), reason);
    }

    /** The simulator's view of a payment, if it exists. */
    public Optional<MtnPaymentState> state(String reference) {
        return ledger.payment(reference).map(MtnPayment::snapshot);
    }

    /** Every payment the simulator holds. */
    public List<MtnPaymentState> payments() {
        return ledger.all().stream().map(MtnPayment::snapshot).toList();
    }

    /**
     * A held refund is paid out: PENDING becomes SUCCESSFUL.
     *
     * @return false when the refund was already final (it does not change)
     * @throws NoSuchElementException for an unknown refund reference
     */
    public boolean completeRefund(String refundReference) {
        return ledger.completeRefund(findRefund(refundReference));
    }

    /**
     * A held refund is given up: FAILED with the reason, and its amount may be refunded again.
     *
     * @return false when the refund was already final (it does not change)
     * @throws NoSuchElementException for an unknown refund reference
     */
    public boolean failRefund(String refundReference, String reason) {
        return ledger.failRefund(findRefund(refundReference), reason);
    }

    /** The simulator's view of a refund, if it exists. */
    public Optional<MtnRefundState> refund(String refundReference) {
        return ledger.refund(refundReference).map(MtnRefund::snapshot);
    }

    /** Every refund of a request-to-pay, whatever its status, in no particular order. */
    public List<MtnRefundState> refunds(String reference) {
        return ledger.refundsOf(reference).stream().map(MtnRefund::snapshot).toList();
    }

    /** What refunds paid out (SUCCESSFUL) gave back on a request-to-pay; zero when none. */
    public BigDecimal refundedTotal(String reference) {
        return ledger.paidOut(reference);
    }

    /** How many refunds of a request-to-pay were paid out (SUCCESSFUL). */
    public int refundsPaidOut(String reference) {
        return (int) refunds(reference).stream().filter(MtnRefundState::paidOut).count();
    }

    /** Refund POSTs received (v1 and v2), accepted or not. */
    public int refundRequests() {
        return journal().count(MtnEndpoint.REFUND);
    }

    /** Token requests received, both products, accepted or not. */
    public int tokenRequests() {
        return journal().count(MtnEndpoint.COLLECTION_TOKEN)
                + journal().count(MtnEndpoint.DISBURSEMENT_TOKEN);
    }

    /** Request-to-pay POSTs received, accepted or not. */
    public int requestToPayCount() {
        return journal().count(MtnEndpoint.REQUEST_TO_PAY);
    }

    /** X-Reference-Id values sent to request-to-pay, in arrival order. */
    public List<String> referenceIdsSent() {
        return journal().headerValues(MtnEndpoint.REQUEST_TO_PAY.name(), "x-reference-id");
    }

    @Override
    protected Optional<String> endpointOf(SimRequest request) {
        return MtnRoutes.endpointOf(request).map(Enum::name);
    }

    @Override
    protected SimResponse handle(String endpoint, SimRequest request) {
        List<String> parts = request.segments();
        return switch (MtnEndpoint.valueOf(endpoint)) {
            case COLLECTION_TOKEN -> token(request, TokenIssuer.Product.COLLECTION);
            case DISBURSEMENT_TOKEN -> token(request, TokenIssuer.Product.DISBURSEMENT);
            case REQUEST_TO_PAY -> requestToPay.create(request);
            case REQUEST_TO_PAY_STATUS -> requestToPay.status(request, parts.get(3));
            case REFUND -> refunds.create(request);
            case REFUND_STATUS -> refunds.status(request, parts.get(3));
            case ACCOUNT_HOLDER_ACTIVE -> accountHolder(request, parts.get(4));
            case CALLBACK -> json().error(404, "RESOURCE_NOT_FOUND", "Not an inbound route.");
        };
    }

    @Override
    protected Optional<SimResponse> handleControl(SimRequest request) {
        return control.handle(request);
    }

    private SimResponse token(SimRequest request, TokenIssuer.Product product) {
        String key = product == TokenIssuer.Product.COLLECTION
                ? settings.collectionKey() : settings.disbursementKey();
        if (!key.equals(request.header(MtnChecks.SUBSCRIPTION_KEY))) {
            return checks.invalidSubscriptionKey();
        }
        if (!tokens.validBasic(request.header("Authorization"))) {
            return SimResponse.json(500, "{\"error\":\"login_failed\"}");
        }
        var node = json().object().put("access_token", tokens.issue(product))
                .put("token_type", "access_token")
                .put("expires_in", settings.tokenLifetime().toSeconds());
        return json().response(200, node);
    }

    private SimResponse accountHolder(SimRequest request, String id) {
        return checks.access(request, TokenIssuer.Product.COLLECTION).orElseGet(() ->
                settings.unknownAccountHolders().contains(id)
                        ? json().error(404, "RESOURCE_NOT_FOUND", "Account holder not found.")
                        : json().response(200, json().object().put("result", true)));
    }

    private MtnPayment find(String reference) {
        return ledger.payment(reference).orElseThrow(
                () -> new NoSuchElementException("unknown reference " + reference));
    }

    private MtnRefund findRefund(String refundReference) {
        return ledger.refund(refundReference).orElseThrow(
                () -> new NoSuchElementException("unknown refund reference " + refundReference));
    }

    private void onFinal(MtnPayment payment) {
        MtnPaymentState state = payment.snapshot();
        LOG.info("request-to-pay {} is now {}{}", state.reference(), state.status(),
                state.reason() == null ? "" : " (" + state.reason() + ")");
        String url = state.callbackUrl();
        if (url == null) {
            return;
        }
        byte[] body = bodies.status(state);
        String method = settings.callbackMethod();
        boolean lost = faults().nextOutbound(MtnEndpoint.CALLBACK.name())
                .filter(f -> f.kind() == FaultKind.CALLBACK_NEVER_SENT).isPresent();
        if (lost) {
            callbacks().suppressed(method, url, state.reference(), body);
        } else {
            callbacks().send(method, url, state.reference(), body);
        }
    }
}
