package org.dusangire.payment.gateway.mpesa;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.dusangire.payment.core.config.ConfigProblems;
import org.dusangire.payment.core.config.EnvironmentReader;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.PaymentConfigurationException;

/**
 * Settings of the M-Pesa Express gateway. Immutable; build it in code with {@link #builder()}
 * or from environment variables with {@link #fromEnvironment(Map, PaymentEnvironment)}. Every
 * problem names the variable to fix, and all of them are reported at once.
 */
public final class MpesaConfig {
    public static final String CONSUMER_KEY = "MPESA_CONSUMER_KEY";
    public static final String CONSUMER_SECRET = "MPESA_CONSUMER_SECRET";
    public static final String SHORTCODE = "MPESA_SHORTCODE";
    public static final String PASSKEY = "MPESA_PASSKEY";
    public static final String TRANSACTION_TYPE = "MPESA_TRANSACTION_TYPE";
    public static final String PARTY_B = "MPESA_PARTY_B";
    public static final String BASE_URL = "MPESA_BASE_URL";
    public static final String CONNECT_TIMEOUT = "MPESA_CONNECT_TIMEOUT";
    public static final String REQUEST_TIMEOUT = "MPESA_REQUEST_TIMEOUT";
    public static final String MAX_ATTEMPTS = "MPESA_MAX_ATTEMPTS";

    /** Daraja's sandbox. */
    public static final URI SANDBOX_BASE_URL = URI.create("https://sandbox.safaricom.co.ke");
    /** Daraja's production host. */
    public static final URI PRODUCTION_BASE_URL = URI.create("https://api.safaricom.co.ke");
    /** The short code every Daraja sandbox account shares; never a live pay bill. */
    static final String SANDBOX_SHORTCODE = "174379";

    private static final Pattern BUSINESS_NUMBER = Pattern.compile("[0-9]{5,8}");

    /** What the customer pays into: a pay bill (short code) or a till (buy goods). */
    public enum TransactionType {
        /** {@code CustomerPayBillOnline}: PartyB is the pay bill's short code. */
        PAY_BILL("CustomerPayBillOnline"),
        /** {@code CustomerBuyGoodsOnline}: PartyB is the till number. */
        BUY_GOODS("CustomerBuyGoodsOnline");

        private final String wire;

        TransactionType(String wire) {
            this.wire = wire;
        }

        /** Daraja's name, sent as {@code TransactionType}. */
        public String wire() {
            return wire;
        }

        /** Daraja's name or the constant's name, in any case. */
        public static TransactionType parse(String value) {
            String v = value.trim();
            for (TransactionType type : values()) {
                if (type.wire.equalsIgnoreCase(v) || type.name().equalsIgnoreCase(v)) {
                    return type;
                }
            }
            throw new PaymentConfigurationException(TRANSACTION_TYPE, "'" + value
                    + "' is not CustomerPayBillOnline or CustomerBuyGoodsOnline");
        }
    }

    private final PaymentEnvironment environment;
    private final Secret consumerKey;
    private final Secret consumerSecret;
    private final String shortcode;
    private final Secret passkey;
    private final TransactionType transactionType;
    private final String partyB;
    private final URI baseUrl;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxAttempts;

    private MpesaConfig(Builder b) {
        this.environment = Objects.requireNonNull(b.environment, "environment must not be null");
        ConfigProblems p = new ConfigProblems();
        this.consumerKey = p.check(() -> required(b.consumerKey, CONSUMER_KEY));
        this.consumerSecret = p.check(() -> required(b.consumerSecret, CONSUMER_SECRET));
        this.shortcode = p.check(() -> shortcode(b.shortcode, environment));
        this.passkey = p.check(() -> required(b.passkey, PASSKEY));
        this.transactionType = b.transactionType == null ? TransactionType.PAY_BILL : b.transactionType;
        this.partyB = b.partyB == null ? shortcode : p.check(() -> businessNumber(b.partyB, PARTY_B));
        this.baseUrl = p.check(() -> baseUrl(b.baseUrl, environment));
        this.connectTimeout = p.check(() -> positive(b.connectTimeout, CONNECT_TIMEOUT));
        this.requestTimeout = p.check(() -> positive(b.requestTimeout, REQUEST_TIMEOUT));
        if (b.maxAttempts < 1 || b.maxAttempts > 10) {
            p.add(new PaymentConfigurationException(MAX_ATTEMPTS, "must be between 1 and 10"));
        }
        this.maxAttempts = b.maxAttempts;
        p.throwIfAny();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the {@code MPESA_*} variables. Required: {@value #CONSUMER_KEY},
     * {@value #CONSUMER_SECRET}, {@value #SHORTCODE}, {@value #PASSKEY}.
     *
     * @throws PaymentConfigurationException listing every variable missing, malformed or unsafe
     */
    public static MpesaConfig fromEnvironment(Map<String, String> env, PaymentEnvironment environment) {
        EnvironmentReader r = new EnvironmentReader(env);
        ConfigProblems p = new ConfigProblems();
        Builder b = builder().environment(environment);
        p.run(() -> b.consumerKey(r.requiredSecret(CONSUMER_KEY)));
        p.run(() -> b.consumerSecret(r.requiredSecret(CONSUMER_SECRET)));
        p.run(() -> b.shortcode(r.required(SHORTCODE)));
        p.run(() -> b.passkey(r.requiredSecret(PASSKEY)));
        p.run(() -> r.optional(TRANSACTION_TYPE).map(TransactionType::parse).ifPresent(b::transactionType));
        r.optional(PARTY_B).ifPresent(b::partyB);
        p.run(() -> r.optionalUri(BASE_URL).ifPresent(b::baseUrl));
        p.run(() -> r.optionalDuration(CONNECT_TIMEOUT).ifPresent(b::connectTimeout));
        p.run(() -> r.optionalDuration(REQUEST_TIMEOUT).ifPresent(b::requestTimeout));
        p.run(() -> r.optionalPositiveInt(MAX_ATTEMPTS).ifPresent(b::maxAttempts));
        MpesaConfig config = p.check(b::build);
        p.throwIfAny();
        return config;
    }

    public PaymentEnvironment environment() {
        return environment;
    }

    /** Daraja app's consumer key ({@value #CONSUMER_KEY}). */
    public Secret consumerKey() {
        return consumerKey;
    }

    /** Daraja app's consumer secret ({@value #CONSUMER_SECRET}). */
    public Secret consumerSecret() {
        return consumerSecret;
    }

    /** The business short code ({@code BusinessShortCode}); the password is built with it. */
    public String shortcode() {
        return shortcode;
    }

    /** The Lipa Na M-Pesa Online passkey ({@value #PASSKEY}). */
    public Secret passkey() {
        return passkey;
    }

    public TransactionType transactionType() {
        return transactionType;
    }

    /** Who receives ({@code PartyB}): the short code, or the till number for buy goods. */
    public String partyB() {
        return partyB;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long one HTTP attempt may take. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Attempts for calls that are safe to repeat (the token and the STK query, never the push). */
    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public String toString() {
        return "MpesaConfig[" + environment + ", " + baseUrl + ", shortcode " + shortcode + ", "
                + transactionType.wire() + " to " + partyB + "]";
    }

    private static String shortcode(String value, PaymentEnvironment environment) {
        String code = businessNumber(value, SHORTCODE);
        if (environment.isProduction() && SANDBOX_SHORTCODE.equals(code)) {
            throw new PaymentConfigurationException(SHORTCODE,
                    "is Daraja's shared sandbox short code, which takes no money, in production");
        }
        return code;
    }

    private static String businessNumber(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new PaymentConfigurationException(name, "is required but not set");
        }
        String v = value.trim();
        if (!BUSINESS_NUMBER.matcher(v).matches()) {
            throw new PaymentConfigurationException(name,
                    "must be a pay bill or till number of 5 to 8 digits, not '" + v + "'");
        }
        return v;
    }

    private static URI baseUrl(URI configured, PaymentEnvironment environment) {
        URI url = configured != null ? EnvironmentReader.parseUri(BASE_URL, configured.toString())
                : environment.isProduction() ? PRODUCTION_BASE_URL : SANDBOX_BASE_URL;
        EnvironmentReader.requireHttpsIn(environment, BASE_URL, url);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (environment.isProduction() && host.startsWith("sandbox.")) {
            throw new PaymentConfigurationException(BASE_URL,
                    "points at Daraja's sandbox (" + host + ") in production");
        }
        return url;
    }

    private static Secret required(Secret secret, String name) {
        if (secret == null) {
            throw new PaymentConfigurationException(name, "is required but not set");
        }
        return secret;
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new PaymentConfigurationException(name, "must be a positive duration");
        }
        return d;
    }

    /** Builds an {@link MpesaConfig}; defaults: sandbox, pay bill, 5 s connect, 30 s request, 3 attempts. */
    public static final class Builder {
        private PaymentEnvironment environment = PaymentEnvironment.SANDBOX;
        private Secret consumerKey;
        private Secret consumerSecret;
        private String shortcode;
        private Secret passkey;
        private TransactionType transactionType;
        private String partyB;
        private URI baseUrl;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxAttempts = 3;

        private Builder() {
        }

        public Builder environment(PaymentEnvironment environment) {
            this.environment = environment;
            return this;
        }

        public Builder consumerKey(Secret consumerKey) {
            this.consumerKey = consumerKey;
            return this;
        }

        public Builder consumerSecret(Secret consumerSecret) {
            this.consumerSecret = consumerSecret;
            return this;
        }

        public Builder shortcode(String shortcode) {
            this.shortcode = shortcode;
            return this;
        }

        public Builder passkey(Secret passkey) {
            this.passkey = passkey;
            return this;
        }

        public Builder transactionType(TransactionType transactionType) {
            this.transactionType = transactionType;
            return this;
        }

        /** The receiving party; defaults to the short code. A till number for buy goods. */
        public Builder partyB(String partyB) {
            this.partyB = partyB;
            return this;
        }

        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** @throws PaymentConfigurationException listing every problem */
        public MpesaConfig build() {
            return new MpesaConfig(this);
        }
    }
}
