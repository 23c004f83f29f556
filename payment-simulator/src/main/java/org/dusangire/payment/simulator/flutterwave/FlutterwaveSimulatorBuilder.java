package org.dusangire.payment.simulator.flutterwave;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * Configures a {@link FlutterwaveSimulator}. Defaults: test-mode keys, secret hash
 * {@code sim-secret-hash}, {@code verif-hash} header, v3 envelope, no dashboard webhook URL (no
 * webhooks until one is set), webhook retries off (3 retries 30 minutes apart when on),
 * webhooks for failed attempts on, the merchant bears the 1.4 % fee, unknown transactions answered
 * with 404, refunds {@code completed} at once, system clock, ephemeral port, 64 threads, seed 42.
 */
public final class FlutterwaveSimulatorBuilder {

    /** The secret key accepted when none is configured (test mode). */
    public static final String DEFAULT_SECRET_KEY = "FLWSECK_TEST-FAKE-SIMULATOR-KEY-X";
    /** The public key reported when none is configured. */
    public static final String DEFAULT_PUBLIC_KEY = "FLWPUBK_TEST-FAKE-SIMULATOR-KEY-X";
    /** The dashboard secret hash used when none is configured. */
    public static final String DEFAULT_SECRET_HASH = "sim-secret-hash";

    private String secretKey = DEFAULT_SECRET_KEY;
    private String publicKey = DEFAULT_PUBLIC_KEY;
    private String secretHash = DEFAULT_SECRET_HASH;
    private URI webhookUrl;
    private WebhookScheme scheme = WebhookScheme.VERIF_HASH;
    private WebhookShape shape = WebhookShape.V3_ENVELOPE;
    private boolean webhookRetries;
    private Duration retryInterval = Duration.ofMinutes(30);
    private boolean failedWebhooks = true;
    private boolean customerPaysFees;
    private int notFoundStatus = 404;
    private String refundStatus = "completed";
    private int refundPageSize = 20;
    private boolean autoPay;
    private Clock clock = Clock.systemUTC();
    private int port;
    private InetAddress bindAddress;
    private int checkoutPort;
    private int threads = 64;
    private long faultSeed = 42L;

    FlutterwaveSimulatorBuilder() {
    }

    /**
     * The secret key the API accepts as {@code Authorization: Bearer}. A key with {@code _TEST}
     * ({@code FLWSECK_TEST-...}) selects test mode ({@code FLW-MOCK-} references); {@code FLWSECK-...}
     * live mode.
     */
    public FlutterwaveSimulatorBuilder secretKey(String value) {
        if (value == null || !value.startsWith("FLWSECK")) {
            throw new IllegalArgumentException("secretKey must look like FLWSECK_TEST-... or FLWSECK-...");
        }
        secretKey = value;
        return this;
    }

    /** The public key (reported only; Standard does not use it server-side). */
    public FlutterwaveSimulatorBuilder publicKey(String value) {
        publicKey = required(value, "publicKey");
        return this;
    }

    /** The dashboard webhook URL; {@code null} sends no webhooks. */
    public FlutterwaveSimulatorBuilder webhookUrl(URI value) { webhookUrl = value; return this; }

    /** The dashboard secret hash; {@code null} means none set, so no auth header is sent. */
    public FlutterwaveSimulatorBuilder secretHash(String value) { secretHash = value; return this; }

    /** Which header authenticates webhooks. */
    public FlutterwaveSimulatorBuilder webhookScheme(WebhookScheme value) { scheme = value; return this; }

    /** Which payload shape webhooks use. */
    public FlutterwaveSimulatorBuilder webhookShape(WebhookShape value) { shape = value; return this; }

    /** The dashboard's "webhook retries": 3 retries, 30 minutes (simulated clock) apart. */
    public FlutterwaveSimulatorBuilder webhookRetries(boolean value) { webhookRetries = value; return this; }

    /** Interval between webhook retries on the simulator's clock; 30 minutes by default. */
    public FlutterwaveSimulatorBuilder webhookRetryInterval(Duration value) { retryInterval = value; return this; }

    /** The dashboard's "webhooks for failed transactions"; on by default. */
    public FlutterwaveSimulatorBuilder failedWebhooks(boolean value) { failedWebhooks = value; return this; }

    /** When true the fee is added to what the customer pays, so charged_amount exceeds amount. */
    public FlutterwaveSimulatorBuilder customerPaysFees(boolean value) { customerPaysFees = value; return this; }

    /** HTTP status of "No transaction was found" answers: 404 (default), 400 or 200. */
    public FlutterwaveSimulatorBuilder notFoundStatus(int value) {
        if (value != 200 && value != 400 && value != 404) {
            throw new IllegalArgumentException("notFoundStatus must be 200, 400 or 404");
        }
        notFoundStatus = value;
        return this;
    }

    /** Status of new refunds: {@code completed} (default), {@code processing} or {@code pending-momo}. */
    public FlutterwaveSimulatorBuilder refundStatus(String value) { refundStatus = required(value, "refundStatus"); return this; }

    /** Refunds per page of {@code GET /v3/refunds}; 20 by default. */
    public FlutterwaveSimulatorBuilder refundPageSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("refundPageSize must be positive");
        }
        refundPageSize = value;
        return this;
    }

    /** Pay every new payment link by card at once, for load runs. */
    public FlutterwaveSimulatorBuilder autoPay(boolean value) { autoPay = value; return this; }

    /** The clock for created_at values and webhook retry schedules. */
    public FlutterwaveSimulatorBuilder clock(Clock value) { clock = value; return this; }

    /** Port on the bind address; 0 (default) picks a free one. */
    public FlutterwaveSimulatorBuilder port(int value) { port = value; return this; }

    /**
     * Address the API and the checkout host listen on; {@code null} (default) is 127.0.0.1.
     * Anything else, such as {@code 0.0.0.0}, lets other machines in: the simulators check no
     * real credentials.
     */
    public FlutterwaveSimulatorBuilder bindAddress(InetAddress value) { bindAddress = value; return this; }

    /** Port of the hosted checkout host on the bind address; 0 (default) picks a free one. */
    public FlutterwaveSimulatorBuilder checkoutPort(int value) { checkoutPort = value; return this; }

    /** Request threads. */
    public FlutterwaveSimulatorBuilder threads(int value) { threads = value; return this; }

    /** Seed for probabilistic fault rules. */
    public FlutterwaveSimulatorBuilder faultSeed(long value) { faultSeed = value; return this; }

    /** Builds a simulator; call {@link FlutterwaveSimulator#start()} to listen. */
    public FlutterwaveSimulator build() {
        var settings = new FlwSettings(secretKey, publicKey, secretHash, scheme, shape,
                webhookRetries, 3, retryInterval, failedWebhooks, customerPaysFees,
                new BigDecimal("0.014"), notFoundStatus, refundStatus, refundPageSize, clock);
        return new FlutterwaveSimulator(settings, webhookUrl, autoPay, bindAddress, port, threads,
                faultSeed, checkoutPort);
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
