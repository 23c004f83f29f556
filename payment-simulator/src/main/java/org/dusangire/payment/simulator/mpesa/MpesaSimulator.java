package org.dusangire.payment.simulator.mpesa;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.SimRequest;
import org.dusangire.payment.simulator.SimResponse;
import org.dusangire.payment.simulator.SimulatorServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful loopback simulator of Safaricom's Daraja API for M-Pesa Express: the OAuth token
 * ({@code GET /oauth/v1/generate}), the STK push and its query, and the result callback to the
 * push's {@code CallBackURL}. Daraja assigns the {@code CheckoutRequestID}; the push is not
 * idempotent. The customer's phone is the control API ({@link #approve}, {@link #decline},
 * {@link #wrongPin}, {@link #timeout}, {@link #insufficientFunds}, {@link #fail}, or the
 * {@code /_sim/stk/...} routes), or a script per number ({@link #script}) that answers by itself,
 * at once or after a delay.
 *
 * <pre>{@code
 * try (var mpesa = MpesaSimulator.builder().build().start()) {
 *     Map<String, String> env = mpesa.environment();   // MPESA_BASE_URL, MPESA_CONSUMER_KEY, ...
 *     ...
 *     mpesa.approve(checkoutRequestId);
 * }
 * }</pre>
 */
public final class MpesaSimulator extends SimulatorServer {

    private static final Logger LOG = LoggerFactory.getLogger(MpesaSimulator.class);

    private final MpesaSettings settings;
    private final MpesaLedger ledger;
    private final MpesaBodies bodies;
    private final MpesaTokens tokens;
    private final StkHandler stk;
    private final MpesaControlRoutes control;
    private final Map<String, MpesaSettings.Script> scripts;
    private final ScheduledExecutorService timer;
    private volatile boolean autoApprove;

    MpesaSimulator(MpesaSettings settings, InetAddress bindAddress, int port, int threads,
                   long faultSeed) {
        super("mpesa", bindAddress, port, threads, settings.clock(), faultSeed);
        this.settings = settings;
        this.bodies = new MpesaBodies(json(), settings);
        this.ledger = new MpesaLedger(this::onFinal);
        this.tokens = new MpesaTokens(settings);
        MpesaChecks checks = new MpesaChecks(settings, tokens, bodies);
        this.stk = new StkHandler(this, settings, json(), checks, ledger, bodies);
        this.control = new MpesaControlRoutes(this, json(), bodies);
        this.scripts = new ConcurrentHashMap<>(settings.scripts());
        this.autoApprove = settings.autoApprove();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mpesa-sim-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A builder with sandbox-like defaults (see {@link MpesaSimulatorBuilder}). */
    public static MpesaSimulatorBuilder builder() {
        return new MpesaSimulatorBuilder();
    }

    @Override
    public MpesaSimulator start() {
        super.start();
        return this;
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        super.close();
    }

    /**
     * {@code MPESA_*}: base URL, consumer key and secret, short code, passkey, transaction type
     * and the receiving party, named as the M-Pesa gateway's {@code fromEnvironment} reads them.
     */
    @Override
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MPESA_BASE_URL", baseUri().toString());
        env.put("MPESA_CONSUMER_KEY", consumerKey());
        env.put("MPESA_CONSUMER_SECRET", consumerSecret());
        env.put("MPESA_SHORTCODE", shortcode());
        env.put("MPESA_PASSKEY", passkey());
        env.put("MPESA_TRANSACTION_TYPE", transactionType());
        env.put("MPESA_PARTY_B", partyB());
        return Collections.unmodifiableMap(env);
    }

    /** The consumer key the token endpoint accepts. */
    public String consumerKey() {
        return settings.consumerKey();
    }

    /** The consumer secret the token endpoint accepts. */
    public String consumerSecret() {
        return settings.consumerSecret();
    }

    /** The business short code ({@code BusinessShortCode}) the pushes must name. */
    public String shortcode() {
        return settings.shortcode();
    }

    /** The Lipa Na M-Pesa Online passkey the password is built from. */
    public String passkey() {
        return settings.passkey();
    }

    /** The {@code PartyB} pushes must name: the short code, or a till number for buy goods. */
    public String partyB() {
        return settings.partyB();
    }

    /** {@code CustomerBuyGoodsOnline} when a till receives, else {@code CustomerPayBillOnline}. */
    public String transactionType() {
        return settings.partyB().equals(settings.shortcode())
                ? "CustomerPayBillOnline" : "CustomerBuyGoodsOnline";
    }

    /** The customer pays: ResultCode 0 with a receipt; false when the push was already final. */
    public boolean approve(String checkoutRequestId) {
        return answer(checkoutRequestId, MpesaOutcome.APPROVE);
    }

    /** The customer dismisses the prompt: ResultCode 1032; false when already final. */
    public boolean decline(String checkoutRequestId) {
        return answer(checkoutRequestId, MpesaOutcome.CANCEL);
    }

    /** The customer enters a wrong PIN: ResultCode 2001; false when already final. */
    public boolean wrongPin(String checkoutRequestId) {
        return answer(checkoutRequestId, MpesaOutcome.WRONG_PIN);
    }

    /** The phone cannot be reached in time: ResultCode 1037; false when already final. */
    public boolean timeout(String checkoutRequestId) {
        return answer(checkoutRequestId, MpesaOutcome.TIMEOUT);
    }

    /** The balance does not cover it: ResultCode 1; false when already final. */
    public boolean insufficientFunds(String checkoutRequestId) {
        return answer(checkoutRequestId, MpesaOutcome.INSUFFICIENT_FUNDS);
    }

    /**
     * Ends the push with an outcome.
     *
     * @return false when the push was already final (it does not change)
     * @throws NoSuchElementException for an unknown {@code CheckoutRequestID}
     */
    public boolean answer(String checkoutRequestId, MpesaOutcome outcome) {
        return fail(checkoutRequestId, outcome.resultCode(), outcome.resultDesc());
    }

    /** Ends the push with any ResultCode and ResultDesc (0 pays); false when already final. */
    public boolean fail(String checkoutRequestId, int resultCode, String resultDesc) {
        return ledger.finish(find(checkoutRequestId), resultCode, resultDesc, clock().instant());
    }

    /**
     * Scripts a customer: every later push to {@code msisdn} (international digits, {@code 2547...})
     * is answered with {@code outcome}, {@code after} the push (zero: at once). Replaces an
     * earlier script of the number.
     */
    public void script(String msisdn, MpesaOutcome outcome, Duration after) {
        if (after == null || after.isNegative()) {
            throw new IllegalArgumentException("after must not be negative");
        }
        scripts.put(msisdn, new MpesaSettings.Script(outcome, after));
    }

    /** Forgets a number's script: its pushes wait for the control API again. */
    public void clearScript(String msisdn) {
        scripts.remove(msisdn);
    }

    /** Approve every unscripted push at once (true) or leave it to the control API (false). */
    public void autoApprove(boolean enabled) {
        autoApprove = enabled;
    }

    /** The simulator's view of a push, if it exists. */
    public Optional<StkPushState> state(String checkoutRequestId) {
        return ledger.push(checkoutRequestId).map(StkPush::snapshot);
    }

    /** Every push the simulator accepted, in no particular order. */
    public List<StkPushState> pushes() {
        return ledger.all().stream().map(StkPush::snapshot).toList();
    }

    /** The pushes to one number, oldest first. */
    public List<StkPushState> pushesTo(String msisdn) {
        return pushes().stream().filter(p -> p.phoneNumber().equals(msisdn))
                .sorted(java.util.Comparator.comparing(StkPushState::createdAt)
                        .thenComparing(StkPushState::checkoutRequestId)).toList();
    }

    /** Sends a final push's callback again: a duplicate delivery. */
    public void resendCallback(String checkoutRequestId) {
        StkPush push = find(checkoutRequestId);
        if (push.result() == null) {
            throw new IllegalStateException(checkoutRequestId + " has no result to call back");
        }
        deliver(push);
    }

    /** Settles every scripted push whose delay has passed by the simulator's clock. */
    public int settleDue() {
        Instant now = clock().instant();
        int settled = 0;
        for (StkPush push : ledger.all()) {
            if (settleIfDue(push, now)) {
                settled++;
            }
        }
        return settled;
    }

    /** Forgets every issued token, as if all had expired. */
    public void expireTokens() {
        tokens.expireAll();
    }

    /** Token requests received, accepted or not. */
    public int tokenRequests() {
        return journal().count(MpesaEndpoint.OAUTH);
    }

    /** STK push POSTs received, accepted or not. */
    public int stkPushRequests() {
        return journal().count(MpesaEndpoint.STK_PUSH);
    }

    /** STK query POSTs received, answered or not. */
    public int stkQueryRequests() {
        return journal().count(MpesaEndpoint.STK_QUERY);
    }

    /** The script for a number, or {@code null}. */
    MpesaSettings.Script scriptFor(String msisdn) {
        return scripts.get(msisdn);
    }

    /** A push was accepted: script or auto-approval may answer it now or later. */
    void started(StkPush push) {
        MpesaSettings.Script script = push.script();
        if (script == null) {
            if (autoApprove) {
                ledger.finish(push, 0, MpesaOutcome.APPROVE.resultDesc(), clock().instant());
            }
            return;
        }
        if (script.after().isZero()) {
            settleIfDue(push, push.createdAt());
        } else {
            timer.schedule(() -> settleIfDue(push, push.createdAt().plus(script.after())),
                    script.after().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Applies a push's script when its time has come; true when this call settled it. */
    boolean settleIfDue(StkPush push, Instant now) {
        MpesaSettings.Script script = push.script();
        if (script == null || push.result() != null
                || now.isBefore(push.createdAt().plus(script.after()))) {
            return false;
        }
        return ledger.finish(push, script.outcome().resultCode(), script.outcome().resultDesc(),
                now);
    }

    @Override
    protected Optional<String> endpointOf(SimRequest request) {
        return MpesaRoutes.endpointOf(request).map(Enum::name);
    }

    @Override
    protected SimResponse handle(String endpoint, SimRequest request) {
        return switch (MpesaEndpoint.valueOf(endpoint)) {
            case OAUTH -> token(request);
            case STK_PUSH -> stk.push(request);
            case STK_QUERY -> stk.query(request);
            case CALLBACK -> bodies.error(404, "404.001.01", "Resource not found");
        };
    }

    @Override
    protected Optional<SimResponse> handleControl(SimRequest request) {
        return control.handle(request);
    }

    private SimResponse token(SimRequest request) {
        if (!"client_credentials".equals(request.queryParam("grant_type"))) {
            return bodies.error(400, "400.008.02", "Invalid grant type passed");
        }
        if (!tokens.validBasic(request.header("Authorization"))) {
            return bodies.error(400, "400.008.01", "Invalid Authentication passed");
        }
        return bodies.token(tokens.issue());
    }

    private StkPush find(String checkoutRequestId) {
        return ledger.push(checkoutRequestId).orElseThrow(
                () -> new NoSuchElementException("unknown CheckoutRequestID " + checkoutRequestId));
    }

    private void onFinal(StkPush push) {
        StkPush.Result result = push.result();
        LOG.info("STK push {} answered: ResultCode {}", push.request().checkoutRequestId(),
                result.code());
        Duration delay = settings.callbackDelay();
        if (delay.isZero()) {
            deliver(push);
        } else {
            timer.schedule(() -> deliver(push), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (settings.duplicateCallbacks()) {
            timer.schedule(() -> deliver(push), delay.toMillis() + 50, TimeUnit.MILLISECONDS);
        }
    }

    private void deliver(StkPush push) {
        String url = push.request().callbackUrl();
        String reference = push.request().checkoutRequestId();
        byte[] body = bodies.callback(push);
        boolean lost = faults().nextOutbound(MpesaEndpoint.CALLBACK.name())
                .filter(f -> f.kind() == FaultKind.CALLBACK_NEVER_SENT).isPresent();
        if (lost) {
            callbacks().suppressed("POST", url, reference, body);
        } else {
            callbacks().send("POST", url, reference, body);
        }
    }
}
