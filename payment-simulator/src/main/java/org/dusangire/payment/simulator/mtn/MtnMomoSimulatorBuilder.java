package org.dusangire.payment.simulator.mtn;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Configures an {@link MtnMomoSimulator}. Defaults: sandbox environment with EUR, callback host
 * {@code localhost}, one-hour tokens, string reasons, PUT callbacks, sandbox test numbers on,
 * no auto approval, refunds paid out at once, ephemeral port, 64 threads, fault seed 42, and
 * fixed dummy credentials.
 */
public final class MtnMomoSimulatorBuilder {

    /** The API user accepted when none is configured. */
    public static final String DEFAULT_API_USER = "00000000-1111-4222-8333-444444444444";

    private static final Map<String, String> CURRENCIES = Map.ofEntries(
            Map.entry("sandbox", "EUR"), Map.entry("mtnuganda", "UGX"),
            Map.entry("mtnrwanda", "RWF"), Map.entry("mtnghana", "GHS"),
            Map.entry("mtnivorycoast", "XOF"), Map.entry("mtnzambia", "ZMW"),
            Map.entry("mtncameroon", "XAF"), Map.entry("mtnbenin", "XOF"),
            Map.entry("mtncongo", "XAF"), Map.entry("mtnswaziland", "SZL"),
            Map.entry("mtnguineaconakry", "GNF"), Map.entry("mtnsouthafrica", "ZAR"),
            Map.entry("mtnliberia", "LRD"));

    private String apiUser = DEFAULT_API_USER;
    private String apiKey = "sim-api-key-0123456789abcdef";
    private String collectionKey = "sim-collection-subscription-key";
    private String disbursementKey = "sim-disbursement-subscription-key";
    private String targetEnvironment = "sandbox";
    private String currency;
    private String callbackHost = "localhost";
    private Duration tokenLifetime = Duration.ofSeconds(3600);
    private Clock clock = Clock.systemUTC();
    private ReasonFormat reasonFormat = ReasonFormat.STRING;
    private String callbackMethod = "PUT";
    private Boolean sandboxNumbers;
    private int autoApproveAfterPolls = MtnSettings.NO_AUTO_APPROVE;
    private String insufficientFundsReason = "NOT_ENOUGH_FUNDS";
    private Set<String> unknownAccountHolders = Set.of();
    private Duration ongoingDelay = Duration.ofSeconds(30);
    private boolean holdRefunds;
    private int port;
    private InetAddress bindAddress;
    private int threads = 64;
    private long faultSeed = 42L;

    MtnMomoSimulatorBuilder() {
    }

    /** API user (a UUID string) for Basic auth on the token endpoints. */
    public MtnMomoSimulatorBuilder apiUser(String value) { apiUser = required(value, "apiUser"); return this; }

    /** API key for Basic auth on the token endpoints. */
    public MtnMomoSimulatorBuilder apiKey(String value) { apiKey = required(value, "apiKey"); return this; }

    /** Collection product subscription key. */
    public MtnMomoSimulatorBuilder collectionSubscriptionKey(String value) {
        collectionKey = required(value, "collectionSubscriptionKey");
        return this;
    }

    /** Disbursement product subscription key (refunds). */
    public MtnMomoSimulatorBuilder disbursementSubscriptionKey(String value) {
        disbursementKey = required(value, "disbursementSubscriptionKey");
        return this;
    }

    /** X-Target-Environment accepted, e.g. {@code sandbox}, {@code mtnuganda}. */
    public MtnMomoSimulatorBuilder targetEnvironment(String value) {
        targetEnvironment = required(value, "targetEnvironment");
        return this;
    }

    /** The only currency accepted; by default derived from the target environment. */
    public MtnMomoSimulatorBuilder currency(String value) { currency = required(value, "currency"); return this; }

    /** Host every X-Callback-Url must have (the API user's providerCallbackHost). */
    public MtnMomoSimulatorBuilder providerCallbackHost(String value) {
        callbackHost = required(value, "providerCallbackHost");
        return this;
    }

    /** Lifetime of issued tokens, also reported as {@code expires_in}. */
    public MtnMomoSimulatorBuilder tokenLifetime(Duration value) { tokenLifetime = value; return this; }

    /** The clock for token expiry and the sandbox 30-second "ongoing" number. */
    public MtnMomoSimulatorBuilder clock(Clock value) { clock = value; return this; }

    /** Wire shape of {@code reason} on FAILED. */
    public MtnMomoSimulatorBuilder reasonFormat(ReasonFormat value) { reasonFormat = value; return this; }

    /** Send callbacks by POST instead of PUT, as some live integrations observe. */
    public MtnMomoSimulatorBuilder callbackByPost(boolean post) {
        callbackMethod = post ? "POST" : "PUT";
        return this;
    }

    /** Whether sandbox test payers (46733123450...) act; default: only for {@code sandbox}. */
    public MtnMomoSimulatorBuilder sandboxNumbers(boolean value) { sandboxNumbers = value; return this; }

    /** Approve every ordinary payment at once (true) or leave it to the control API (false). */
    public MtnMomoSimulatorBuilder autoApprove(boolean value) {
        autoApproveAfterPolls = value ? 0 : MtnSettings.NO_AUTO_APPROVE;
        return this;
    }

    /** Approve an ordinary payment when its status is asked for the n-th time (n >= 1). */
    public MtnMomoSimulatorBuilder autoApproveAfterPolls(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        autoApproveAfterPolls = n;
        return this;
    }

    /** Reason used by {@code insufficientFunds}: NOT_ENOUGH_FUNDS or INTERNAL_PROCESSING_ERROR. */
    public MtnMomoSimulatorBuilder insufficientFundsReason(String value) {
        insufficientFundsReason = required(value, "insufficientFundsReason");
        return this;
    }

    /** MSISDNs the account-holder check reports as unknown (404). */
    public MtnMomoSimulatorBuilder unknownAccountHolders(Set<String> values) {
        unknownAccountHolders = Set.copyOf(values);
        return this;
    }

    /**
     * Keep new refunds PENDING until {@link MtnMomoSimulator#completeRefund} or
     * {@link MtnMomoSimulator#failRefund} decides (true), or pay them out at once (false, the
     * default).
     */
    public MtnMomoSimulatorBuilder holdRefunds(boolean value) { holdRefunds = value; return this; }

    /** Port on the bind address; 0 (default) picks a free one. */
    public MtnMomoSimulatorBuilder port(int value) { port = value; return this; }

    /**
     * Address to listen on; {@code null} (default) is 127.0.0.1. Anything else, such as
     * {@code 0.0.0.0}, lets other machines in: the simulators check no real credentials.
     */
    public MtnMomoSimulatorBuilder bindAddress(InetAddress value) { bindAddress = value; return this; }

    /** Request threads. */
    public MtnMomoSimulatorBuilder threads(int value) { threads = value; return this; }

    /** Seed for probabilistic fault rules. */
    public MtnMomoSimulatorBuilder faultSeed(long value) { faultSeed = value; return this; }

    /** Builds a simulator; call {@link MtnMomoSimulator#start()} to listen. */
    public MtnMomoSimulator build() {
        String money = currency != null ? currency : CURRENCIES.get(targetEnvironment);
        if (money == null) {
            throw new IllegalStateException("currency must be set for target environment "
                    + targetEnvironment);
        }
        boolean testNumbers = sandboxNumbers != null ? sandboxNumbers : "sandbox".equals(targetEnvironment);
        var settings = new MtnSettings(apiUser, apiKey, collectionKey, disbursementKey,
                targetEnvironment, money, callbackHost, tokenLifetime, clock, reasonFormat,
                callbackMethod, testNumbers, autoApproveAfterPolls, insufficientFundsReason,
                unknownAccountHolders, ongoingDelay, holdRefunds);
        return new MtnMomoSimulator(settings, bindAddress, port, threads, faultSeed);
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
