package org.dusangire.payment.gateway.airtel;

import java.net.URI;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dusangire.payment.core.config.ConfigProblems;
import org.dusangire.payment.core.config.EnvironmentReader;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.PaymentConfigurationException;

/**
 * Settings of the Airtel Money gateway. Immutable; build it in code with {@link #builder()} or
 * from environment variables with {@link #fromEnvironment(Map, PaymentEnvironment)}. Every check
 * names the variable to fix, whichever way the config was built. Secrets are held as
 * {@link Secret} and never printed.
 */
public final class AirtelMoneyConfig {
    public static final String CLIENT_ID = "AIRTEL_MONEY_CLIENT_ID";
    public static final String CLIENT_SECRET = "AIRTEL_MONEY_CLIENT_SECRET";
    public static final String COUNTRY = "AIRTEL_MONEY_COUNTRY";
    public static final String CURRENCY = "AIRTEL_MONEY_CURRENCY";
    public static final String BASE_URL = "AIRTEL_MONEY_BASE_URL";
    public static final String CALLBACK_PRIVATE_KEY = "AIRTEL_MONEY_CALLBACK_PRIVATE_KEY";
    public static final String MESSAGE_SIGNING = "AIRTEL_MONEY_MESSAGE_SIGNING";
    public static final String RSA_PUBLIC_KEY = "AIRTEL_MONEY_RSA_PUBLIC_KEY";
    public static final String RSA_PADDING = "AIRTEL_MONEY_RSA_PADDING";
    public static final String CONNECT_TIMEOUT = "AIRTEL_MONEY_CONNECT_TIMEOUT";
    public static final String REQUEST_TIMEOUT = "AIRTEL_MONEY_REQUEST_TIMEOUT";
    public static final String MAX_ATTEMPTS = "AIRTEL_MONEY_MAX_ATTEMPTS";

    /** Usual currency of each Airtel market (provider reference §B.8). */
    private static final Map<String, String> CURRENCIES = Map.ofEntries(
            Map.entry("UG", "UGX"), Map.entry("KE", "KES"), Map.entry("TZ", "TZS"),
            Map.entry("RW", "RWF"), Map.entry("ZM", "ZMW"), Map.entry("MW", "MWK"),
            Map.entry("NG", "NGN"), Map.entry("CD", "CDF"), Map.entry("CG", "XAF"),
            Map.entry("GA", "XAF"), Map.entry("TD", "XAF"), Map.entry("NE", "XOF"),
            Map.entry("MG", "MGA"), Map.entry("SC", "SCR"));

    private final PaymentEnvironment environment;
    private final String clientId;
    private final Secret clientSecret;
    private final String country;
    private final Currency currency;
    private final URI baseUrl;
    private final Secret callbackPrivateKey;
    private final boolean messageSigning;
    private final PublicKey rsaPublicKey;
    private final RsaPadding rsaPadding;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxAttempts;

    private AirtelMoneyConfig(Builder b) {
        this.environment = Objects.requireNonNull(b.environment, "environment must not be null");
        ConfigProblems p = new ConfigProblems();
        this.clientId = p.check(() -> {
            if (b.clientId == null || b.clientId.isBlank()) {
                throw new PaymentConfigurationException(CLIENT_ID, "is required but not set");
            }
            return b.clientId.trim();
        });
        this.clientSecret = p.check(() -> {
            if (b.clientSecret == null) {
                throw new PaymentConfigurationException(CLIENT_SECRET, "is required but not set");
            }
            return b.clientSecret;
        });
        this.country = p.check(() -> country(b.country));
        this.currency = b.currency != null || country == null ? b.currency : p.check(() ->
                Currency.getInstance(Optional.ofNullable(CURRENCIES.get(country)).orElseThrow(() ->
                        new PaymentConfigurationException(CURRENCY, "is required for country "
                                + country + " (no known default currency)"))));
        this.baseUrl = p.check(() -> {
            URI url = b.baseUrl != null ? EnvironmentReader.parseUri(BASE_URL, b.baseUrl.toString())
                    : country == null ? null : AirtelHosts.defaultBaseUrl(country, environment);
            if (url == null) {
                return null; // the country is at fault and reported
            }
            EnvironmentReader.requireHttpsIn(environment, BASE_URL, url);
            if (environment.isProduction() && AirtelHosts.isUatHost(url)) {
                throw new PaymentConfigurationException(BASE_URL, "points at Airtel's staging host ("
                        + url.getHost() + ") in production");
            }
            return url;
        });
        if (environment.isProduction() && b.callbackPrivateKey == null) {
            // without it anyone who finds the callback URL can post "payments" into the inbox
            p.add(new PaymentConfigurationException(CALLBACK_PRIVATE_KEY, "is required in "
                    + "production: switch callback authentication on in the Airtel application "
                    + "settings and set the private key it shows here, or forged callbacks cannot "
                    + "be told from Airtel's"));
        }
        this.callbackPrivateKey = b.callbackPrivateKey;
        this.messageSigning = b.messageSigning;
        this.rsaPublicKey = b.rsaPublicKey;
        this.rsaPadding = Objects.requireNonNull(b.rsaPadding, "rsaPadding must not be null");
        this.connectTimeout = p.check(() -> positive(b.connectTimeout, CONNECT_TIMEOUT));
        this.requestTimeout = p.check(() -> positive(b.requestTimeout, REQUEST_TIMEOUT));
        if (b.maxAttempts < 1 || b.maxAttempts > 10) {
            p.add(new PaymentConfigurationException(MAX_ATTEMPTS, "must be between 1 and 10"));
        }
        this.maxAttempts = b.maxAttempts;
        p.throwIfAny();
    }

    /** The Airtel markets whose currency this config knows (provider reference §B.8). */
    static Set<String> knownCountries() {
        return CURRENCIES.keySet();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the {@code AIRTEL_MONEY_*} variables. Required: {@value #CLIENT_ID} and
     * {@value #CLIENT_SECRET}, and in production {@value #CALLBACK_PRIVATE_KEY}; the rest have
     * defaults (see the module README).
     *
     * @throws PaymentConfigurationException listing every variable missing, malformed or unsafe
     */
    public static AirtelMoneyConfig fromEnvironment(Map<String, String> env,
            PaymentEnvironment environment) {
        EnvironmentReader r = new EnvironmentReader(env);
        ConfigProblems p = new ConfigProblems();
        Builder b = builder().environment(environment);
        p.run(() -> b.clientId(r.required(CLIENT_ID)));
        p.run(() -> b.clientSecret(r.requiredSecret(CLIENT_SECRET)));
        r.optional(COUNTRY).ifPresent(b::country);
        p.run(() -> r.optionalCurrency(CURRENCY).ifPresent(b::currency));
        p.run(() -> r.optionalUri(BASE_URL).ifPresent(b::baseUrl));
        r.optionalSecret(CALLBACK_PRIVATE_KEY).ifPresent(b::callbackPrivateKey);
        p.run(() -> r.optional(MESSAGE_SIGNING).map(v -> bool(MESSAGE_SIGNING, v)).ifPresent(b::messageSigning));
        p.run(() -> r.optional(RSA_PUBLIC_KEY).map(AirtelMoneyConfig::publicKey).ifPresent(b::rsaPublicKey));
        p.run(() -> r.optionalEnum(RSA_PADDING, RsaPadding.class).ifPresent(b::rsaPadding));
        p.run(() -> r.optionalDuration(CONNECT_TIMEOUT).ifPresent(b::connectTimeout));
        p.run(() -> r.optionalDuration(REQUEST_TIMEOUT).ifPresent(b::requestTimeout));
        p.run(() -> r.optionalPositiveInt(MAX_ATTEMPTS).ifPresent(b::maxAttempts));
        AirtelMoneyConfig config = p.check(b::build);
        p.throwIfAny();
        return config;
    }

    /**
     * Parses Airtel's RSA public key: Base64 of the DER SubjectPublicKeyInfo, with or without PEM
     * armour, as {@code /v1/rsa/encryption-keys} serves it.
     *
     * @throws PaymentConfigurationException naming {@value #RSA_PUBLIC_KEY} when it is not one
     */
    public static PublicKey publicKey(String base64OrPem) {
        String b64 = base64OrPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
        } catch (IllegalArgumentException | InvalidKeySpecException e) {
            throw new PaymentConfigurationException(RSA_PUBLIC_KEY,
                    "is not a Base64 RSA public key (X.509 SubjectPublicKeyInfo)");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    public PaymentEnvironment environment() {
        return environment;
    }

    /** The application's client id ({@value #CLIENT_ID}). */
    public String clientId() {
        return clientId;
    }

    /** The application's client secret ({@value #CLIENT_SECRET}). */
    public Secret clientSecret() {
        return clientSecret;
    }

    /** {@code X-Country}: the ISO country of the application, e.g. {@code UG}. */
    public String country() {
        return country;
    }

    /** {@code X-Currency}: the one currency this application collects in. */
    public Currency currency() {
        return currency;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * The callback "private key"; when present, callbacks must carry a valid {@code hash}.
     * Always present in production (the config refuses to build without it).
     */
    public Optional<Secret> callbackPrivateKey() {
        return Optional.ofNullable(callbackPrivateKey);
    }

    /** Whether payments and refunds use the message-signed v2 endpoints. */
    public boolean messageSigning() {
        return messageSigning;
    }

    /** Airtel's RSA public key for {@code x-key}; when absent it is fetched from Airtel. */
    public Optional<PublicKey> rsaPublicKey() {
        return Optional.ofNullable(rsaPublicKey);
    }

    public RsaPadding rsaPadding() {
        return rsaPadding;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long one HTTP attempt may take. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Attempts for calls that are safe to repeat (enquiries, payments under our id). */
    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public String toString() {
        return "AirtelMoneyConfig[" + environment + ", " + country + ", " + currency + ", "
                + baseUrl + ", callback hash " + (callbackPrivateKey != null) + ", signing "
                + messageSigning + "]";
    }

    private static String country(String value) {
        String c = value == null ? "UG" : value.trim().toUpperCase(Locale.ROOT);
        if (!c.matches("[A-Z]{2}")) {
            throw new PaymentConfigurationException(COUNTRY, "'" + value
                    + "' is not a two-letter ISO country code such as UG");
        }
        return c;
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new PaymentConfigurationException(name, "must be a positive duration");
        }
        return d;
    }

    private static boolean bool(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new PaymentConfigurationException(name, "'" + value
                    + "' is not true or false");
        };
    }

    /**
     * Builds an {@link AirtelMoneyConfig}; defaults: sandbox, Uganda and its currency, the
     * country's default host, no callback hash, no signing, PKCS#1, 5 s connect, 15 s request,
     * 3 attempts.
     */
    public static final class Builder {
        private PaymentEnvironment environment = PaymentEnvironment.SANDBOX;
        private String clientId;
        private Secret clientSecret;
        private String country;
        private Currency currency;
        private URI baseUrl;
        private Secret callbackPrivateKey;
        private boolean messageSigning;
        private PublicKey rsaPublicKey;
        private RsaPadding rsaPadding = RsaPadding.PKCS1;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(15);
        private int maxAttempts = 3;

        private Builder() {
        }

        public Builder environment(PaymentEnvironment environment) {
            this.environment = environment;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder clientSecret(Secret clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        public Builder country(String country) {
            this.country = country;
            return this;
        }

        public Builder currency(Currency currency) {
            this.currency = currency;
            return this;
        }

        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Switches callback {@code hash} checking on. */
        public Builder callbackPrivateKey(Secret callbackPrivateKey) {
            this.callbackPrivateKey = callbackPrivateKey;
            return this;
        }

        public Builder messageSigning(boolean messageSigning) {
            this.messageSigning = messageSigning;
            return this;
        }

        public Builder rsaPublicKey(PublicKey rsaPublicKey) {
            this.rsaPublicKey = rsaPublicKey;
            return this;
        }

        public Builder rsaPadding(RsaPadding rsaPadding) {
            this.rsaPadding = rsaPadding;
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

        /** @throws PaymentConfigurationException naming the variable at fault */
        public AirtelMoneyConfig build() {
            return new AirtelMoneyConfig(this);
        }
    }
}
