package org.dusangire.payment.simulator.mpesa;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Configures an {@link MpesaSimulator}. Defaults: short code 174379 receiving as a pay bill,
 * fixed dummy consumer key, secret and passkey, one-hour tokens with {@code expires_in} as a
 * string, query {@code ResultCode} as a string and callback {@code ResultCode} and
 * {@code Amount} as numbers (as Daraja's samples show them), a subscriber with an unanswered
 * push is locked, no auto approval, callbacks sent once at once, ephemeral port, 64 threads,
 * fault seed 42.
 */
public final class MpesaSimulatorBuilder {

    private String consumerKey = "sim-mpesa-consumer-key";
    private String consumerSecret = "sim-mpesa-consumer-secret";
    private String shortcode = "174379";
    private String passkey = "FAKE-SIMULATOR-PASSKEY-NOT-A-REAL-ONE";
    private String partyB;
    private Duration tokenLifetime = Duration.ofHours(1);
    private Clock clock = Clock.systemUTC();
    private ValueFormat expiresIn = ValueFormat.STRING;
    private ValueFormat queryResultCode = ValueFormat.STRING;
    private ValueFormat callbackResultCode = ValueFormat.NUMBER;
    private ValueFormat callbackAmount = ValueFormat.NUMBER;
    private boolean lockSubscriber = true;
    private boolean autoApprove;
    private final Map<String, MpesaSettings.Script> scripts = new HashMap<>();
    private Duration callbackDelay = Duration.ZERO;
    private boolean duplicateCallbacks;
    private int port;
    private InetAddress bindAddress;
    private int threads = 64;
    private long faultSeed = 42L;

    MpesaSimulatorBuilder() {
    }

    /** Consumer key for Basic auth on the token endpoint. */
    public MpesaSimulatorBuilder consumerKey(String value) {
        consumerKey = required(value, "consumerKey");
        return this;
    }

    /** Consumer secret for Basic auth on the token endpoint. */
    public MpesaSimulatorBuilder consumerSecret(String value) {
        consumerSecret = required(value, "consumerSecret");
        return this;
    }

    /** The business short code every push and query must name. */
    public MpesaSimulatorBuilder shortcode(String value) {
        shortcode = required(value, "shortcode");
        return this;
    }

    /** The Lipa Na M-Pesa Online passkey the password is built from. */
    public MpesaSimulatorBuilder passkey(String value) {
        passkey = required(value, "passkey");
        return this;
    }

    /** Receive on a till ({@code CustomerBuyGoodsOnline}): {@code PartyB} must be this number. */
    public MpesaSimulatorBuilder tillNumber(String value) {
        partyB = required(value, "tillNumber");
        return this;
    }

    /** Lifetime of issued tokens; {@code expires_in} says one second less, as Daraja does. */
    public MpesaSimulatorBuilder tokenLifetime(Duration value) {
        tokenLifetime = value;
        return this;
    }

    /** The clock for token expiry, scripted delays and callback dates. */
    public MpesaSimulatorBuilder clock(Clock value) {
        clock = value;
        return this;
    }

    /** Wire type of the token's {@code expires_in}: Daraja sends a string. */
    public MpesaSimulatorBuilder expiresIn(ValueFormat value) {
        expiresIn = value;
        return this;
    }

    /** Wire type of the query's {@code ResultCode}: a string in Daraja's samples. */
    public MpesaSimulatorBuilder queryResultCode(ValueFormat value) {
        queryResultCode = value;
        return this;
    }

    /** Wire type of the callback's {@code ResultCode}: a number in Daraja's samples. */
    public MpesaSimulatorBuilder callbackResultCode(ValueFormat value) {
        callbackResultCode = value;
        return this;
    }

    /** Wire type of the callback's {@code Amount} item: a number in Daraja's samples. */
    public MpesaSimulatorBuilder callbackAmount(ValueFormat value) {
        callbackAmount = value;
        return this;
    }

    /**
     * Refuse a push to a number whose earlier push is unanswered, as Daraja does
     * ("Unable to lock subscriber"); on by default.
     */
    public MpesaSimulatorBuilder lockSubscriber(boolean value) {
        lockSubscriber = value;
        return this;
    }

    /** Approve every unscripted push at once (load runs). */
    public MpesaSimulatorBuilder autoApprove(boolean value) {
        autoApprove = value;
        return this;
    }

    /** Every push to this number is answered with the outcome, {@code after} the push. */
    public MpesaSimulatorBuilder script(String msisdn, MpesaOutcome outcome, Duration after) {
        scripts.put(required(msisdn, "msisdn"), new MpesaSettings.Script(outcome, after));
        return this;
    }

    /** Send each result callback this long after the result: a late callback. */
    public MpesaSimulatorBuilder callbackDelay(Duration value) {
        callbackDelay = value;
        return this;
    }

    /** Send each result callback twice: a duplicate delivery. */
    public MpesaSimulatorBuilder duplicateCallbacks(boolean value) {
        duplicateCallbacks = value;
        return this;
    }

    /** Port on the bind address; 0 (default) picks a free one. */
    public MpesaSimulatorBuilder port(int value) {
        port = value;
        return this;
    }

    /**
     * Address to listen on; {@code null} (default) is 127.0.0.1. Anything else lets other
     * machines in: the simulators check no real credentials.
     */
    public MpesaSimulatorBuilder bindAddress(InetAddress value) {
        bindAddress = value;
        return this;
    }

    /** Request threads. */
    public MpesaSimulatorBuilder threads(int value) {
        threads = value;
        return this;
    }

    /** Seed for probabilistic fault rules. */
    public MpesaSimulatorBuilder faultSeed(long value) {
        faultSeed = value;
        return this;
    }

    /** Builds a simulator; call {@link MpesaSimulator#start()} to listen. */
    public MpesaSimulator build() {
        if (tokenLifetime == null || tokenLifetime.toSeconds() < 2) {
            throw new IllegalArgumentException("tokenLifetime must be at least two seconds");
        }
        if (callbackDelay == null || callbackDelay.isNegative()) {
            throw new IllegalArgumentException("callbackDelay must not be negative");
        }
        var settings = new MpesaSettings(consumerKey, consumerSecret, shortcode, passkey,
                partyB == null ? shortcode : partyB, tokenLifetime, clock, expiresIn,
                queryResultCode, callbackResultCode, callbackAmount, lockSubscriber, autoApprove,
                Map.copyOf(scripts), callbackDelay, duplicateCallbacks);
        return new MpesaSimulator(settings, bindAddress, port, threads, faultSeed);
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
