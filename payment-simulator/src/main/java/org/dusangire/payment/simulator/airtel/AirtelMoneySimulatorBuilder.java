package org.dusangire.payment.simulator.airtel;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Configures an {@link AirtelMoneySimulator}. Defaults: Uganda (UG, UGX, 9-digit national
 * numbers), 180-second tokens with {@code expires_in} as a string (as the docs sample shows), the
 * docs' {@code status.success:false} quirk on successful enquiries, no callback URL, callback
 * authentication and message signing off, 404 for an unknown transaction, ephemeral port,
 * 64 threads, fault seed 42 and fixed dummy credentials.
 */
public final class AirtelMoneySimulatorBuilder {

    private String clientId = "sim-airtel-client-id";
    private String clientSecret = "sim-airtel-client-secret";
    private String country = "UG";
    private String currency;
    private Duration tokenLifetime = Duration.ofSeconds(180);
    private boolean expiresInAsString = true;
    private Clock clock = Clock.systemUTC();
    private boolean docsSuccessQuirk = true;
    private boolean messageSigning;
    private KeyPair keyPair;
    private String callbackPrivateKey;
    private String callbackUrl;
    private boolean autoApprove;
    private Set<String> unknownSubscribers = Set.of();
    private BigDecimal minimumAmount = BigDecimal.ONE;
    private int notFoundHttpStatus = 404;
    private int port;
    private InetAddress bindAddress;
    private int threads = 64;
    private long faultSeed = 42L;

    AirtelMoneySimulatorBuilder() {
    }

    /** The client id the token endpoint accepts. */
    public AirtelMoneySimulatorBuilder clientId(String value) { clientId = required(value, "clientId"); return this; }

    /** The client secret the token endpoint accepts. */
    public AirtelMoneySimulatorBuilder clientSecret(String value) {
        clientSecret = required(value, "clientSecret");
        return this;
    }

    /** The ISO country this application is configured for, e.g. {@code UG}, {@code ZM}. */
    public AirtelMoneySimulatorBuilder country(String value) {
        country = required(value, "country").toUpperCase(Locale.ROOT);
        return this;
    }

    /** The only currency accepted; by default the country's usual one. */
    public AirtelMoneySimulatorBuilder currency(String value) {
        currency = required(value, "currency").toUpperCase(Locale.ROOT);
        return this;
    }

    /** Lifetime of issued tokens, also reported as {@code expires_in}; Airtel's is 180 s. */
    public AirtelMoneySimulatorBuilder tokenLifetime(Duration value) { tokenLifetime = value; return this; }

    /** {@code expires_in} as the docs' string {@code "180"} (true, default) or a JSON number. */
    public AirtelMoneySimulatorBuilder expiresInAsString(boolean value) {
        expiresInAsString = value;
        return this;
    }

    /** The clock for token expiry, timestamps and Airtel money ids. */
    public AirtelMoneySimulatorBuilder clock(Clock value) { clock = value; return this; }

    /**
     * Reproduce the docs' enquiry sample (default): {@code status.success:false} and response code
     * {@code DP00800001006} even for a TS transaction, so a client relying on them is caught.
     */
    public AirtelMoneySimulatorBuilder docsSuccessQuirk(boolean value) { docsSuccessQuirk = value; return this; }

    /**
     * Message signing as some countries enforce it: the v2 endpoints then demand a valid
     * {@code x-signature}/{@code x-key} pair and the v1 payment endpoint is refused.
     */
    public AirtelMoneySimulatorBuilder messageSigning(boolean value) { messageSigning = value; return this; }

    /** The RSA key pair whose public key is served; generated (2048 bits) when not set. */
    public AirtelMoneySimulatorBuilder rsaKeyPair(KeyPair value) { keyPair = value; return this; }

    /** Turns callback authentication on: callbacks carry an HMAC-SHA256 {@code hash} with this key. */
    public AirtelMoneySimulatorBuilder callbackAuthentication(String privateKey) {
        callbackPrivateKey = required(privateKey, "callback private key");
        return this;
    }

    /** The callback URL configured for the application; none by default (no callbacks). */
    public AirtelMoneySimulatorBuilder callbackUrl(String value) { callbackUrl = value; return this; }

    /** Approve every payment as soon as it is initiated, for load runs. */
    public AirtelMoneySimulatorBuilder autoApprove(boolean value) { autoApprove = value; return this; }

    /** National numbers answered with {@code DP00800001005} "Msisdn Not Found". */
    public AirtelMoneySimulatorBuilder unknownSubscribers(Set<String> values) {
        unknownSubscribers = Set.copyOf(values);
        return this;
    }

    /** Smallest amount accepted (default 1); below it {@code DP00800001004}. */
    public AirtelMoneySimulatorBuilder minimumAmount(BigDecimal value) { minimumAmount = value; return this; }

    /** HTTP status of the enquiry for an unknown id (default 404; 200 also seen in the wild). */
    public AirtelMoneySimulatorBuilder notFoundHttpStatus(int value) { notFoundHttpStatus = value; return this; }

    /** Port on the bind address; 0 (default) picks a free one. */
    public AirtelMoneySimulatorBuilder port(int value) { port = value; return this; }

    /**
     * Address to listen on; {@code null} (default) is 127.0.0.1. Anything else, such as
     * {@code 0.0.0.0}, lets other machines in: the simulators check no real credentials.
     */
    public AirtelMoneySimulatorBuilder bindAddress(InetAddress value) { bindAddress = value; return this; }

    /** Request threads. */
    public AirtelMoneySimulatorBuilder threads(int value) { threads = value; return this; }

    /** Seed for probabilistic fault rules. */
    public AirtelMoneySimulatorBuilder faultSeed(long value) { faultSeed = value; return this; }

    /** Builds a simulator; call {@link AirtelMoneySimulator#start()} to listen. */
    public AirtelMoneySimulator build() {
        Countries.Market market = Countries.of(country);
        KeyPair keys = keyPair;
        if (keys == null && messageSigning) {
            keys = generateKeyPair();
        }
        var settings = new AirtelSettings(clientId, clientSecret, country,
                currency != null ? currency : market.currency(), market.callingCode(),
                market.nationalLength(), tokenLifetime, expiresInAsString, clock, docsSuccessQuirk,
                messageSigning, keys, callbackPrivateKey, unknownSubscribers, minimumAmount,
                notFoundHttpStatus);
        return new AirtelMoneySimulator(settings, callbackUrl, autoApprove, bindAddress, port, threads,
                faultSeed);
    }

    static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
