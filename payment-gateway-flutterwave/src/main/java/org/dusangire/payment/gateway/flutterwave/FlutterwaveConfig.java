package org.dusangire.payment.gateway.flutterwave;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.dusangire.payment.core.config.ConfigProblems;
import org.dusangire.payment.core.config.EnvironmentReader;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.PaymentConfigurationException;

/**
 * Settings of the Flutterwave v3 gateway. Immutable; build it in code with {@link #builder()} or
 * from environment variables with {@link #fromEnvironment(Map, PaymentEnvironment)}.
 *
 * <p>Flutterwave v3 has one host for test and live mode; the key decides. So the keys are checked
 * against the environment at start-up: a test key ({@code FLWSECK_TEST-...}) in production, or a
 * live key in sandbox, is refused with a message naming the variable. Production also needs https
 * and a webhook secret hash. Secrets are held as {@link Secret} and never appear in
 * {@link #toString()}.
 */
public final class FlutterwaveConfig {
    public static final String PUBLIC_KEY = "FLUTTERWAVE_PUBLIC_KEY";
    public static final String SECRET_KEY = "FLUTTERWAVE_SECRET_KEY";
    public static final String SECRET_HASH = "FLUTTERWAVE_SECRET_HASH";
    public static final String BASE_URL = "FLUTTERWAVE_BASE_URL";
    public static final String CHECKOUT_WINDOW = "FLUTTERWAVE_CHECKOUT_WINDOW";
    public static final String TIMEOUT = "FLUTTERWAVE_TIMEOUT";
    public static final String ALLOW_UNSIGNED_WEBHOOKS = "FLUTTERWAVE_ALLOW_UNSIGNED_WEBHOOKS";
    /** The v3 API of every Flutterwave account, test or live. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.flutterwave.com/v3");

    private final PaymentEnvironment environment;
    private final Secret secretKey;
    private final String publicKey;
    private final Secret secretHash;
    private final URI baseUrl;
    private final Duration checkoutSessionWindow;
    private final Duration requestTimeout;
    private final boolean allowUnsignedWebhooks;

    private FlutterwaveConfig(Builder b) {
        this.environment = Objects.requireNonNull(b.environment, "environment must not be null");
        ConfigProblems p = new ConfigProblems();
        this.secretKey = p.check(() -> {
            if (b.secretKey == null) {
                throw new PaymentConfigurationException(SECRET_KEY, "is required but not set");
            }
            checkKey(SECRET_KEY, b.secretKey.reveal(), "FLWSECK", environment);
            return b.secretKey;
        });
        this.publicKey = b.publicKey;
        if (publicKey != null) {
            p.run(() -> checkKey(PUBLIC_KEY, publicKey, "FLWPUBK", environment));
        }
        this.secretHash = b.secretHash;
        this.allowUnsignedWebhooks = b.allowUnsignedWebhooks;
        if (environment.isProduction() && secretHash == null) {
            p.add(new PaymentConfigurationException(SECRET_HASH, "is required in production: set the "
                    + "secret hash in the Flutterwave dashboard (Settings, Webhooks) and here, or "
                    + "webhooks cannot be authenticated"));
        }
        if (environment.isProduction() && allowUnsignedWebhooks) {
            p.add(new PaymentConfigurationException(ALLOW_UNSIGNED_WEBHOOKS,
                    "unsigned webhooks are never accepted in production"));
        }
        this.baseUrl = p.check(() -> {
            if (b.baseUrl == null) {
                throw new PaymentConfigurationException(BASE_URL, "must not be empty");
            }
            URI url = EnvironmentReader.parseUri(BASE_URL, b.baseUrl.toString());
            EnvironmentReader.requireHttpsIn(environment, BASE_URL, url);
            return url;
        });
        this.checkoutSessionWindow = p.check(() -> positive(CHECKOUT_WINDOW, b.checkoutSessionWindow));
        this.requestTimeout = p.check(() -> positive(TIMEOUT, b.requestTimeout));
        p.throwIfAny();
    }

    /** A builder with sandbox defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code FLUTTERWAVE_SECRET_KEY} (required), {@code FLUTTERWAVE_PUBLIC_KEY},
     * {@code FLUTTERWAVE_SECRET_HASH} (required in production), {@code FLUTTERWAVE_BASE_URL}
     * (default {@code https://api.flutterwave.com/v3}), {@code FLUTTERWAVE_CHECKOUT_WINDOW}
     * (ISO-8601 or seconds, default 30 minutes), {@code FLUTTERWAVE_TIMEOUT} (default 40 s) and
     * {@code FLUTTERWAVE_ALLOW_UNSIGNED_WEBHOOKS} (sandbox only, default false).
     *
     * @throws PaymentConfigurationException listing every variable that is missing, malformed,
     *                                       or a key of the wrong mode for the environment
     */
    public static FlutterwaveConfig fromEnvironment(Map<String, String> env, PaymentEnvironment environment) {
        EnvironmentReader r = new EnvironmentReader(env);
        ConfigProblems p = new ConfigProblems();
        Builder b = builder().environment(environment);
        p.run(() -> b.secretKey(r.requiredSecret(SECRET_KEY)));
        r.optional(PUBLIC_KEY).ifPresent(b::publicKey);
        r.optionalSecret(SECRET_HASH).ifPresent(b::secretHash);
        p.run(() -> r.optionalUri(BASE_URL).ifPresent(b::baseUrl));
        p.run(() -> r.optionalDuration(CHECKOUT_WINDOW).ifPresent(b::checkoutSessionWindow));
        p.run(() -> r.optionalDuration(TIMEOUT).ifPresent(b::requestTimeout));
        p.run(() -> r.optional(ALLOW_UNSIGNED_WEBHOOKS).ifPresent(v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new PaymentConfigurationException(ALLOW_UNSIGNED_WEBHOOKS, "must be true or false");
            }
            b.allowUnsignedWebhooks(Boolean.parseBoolean(v));
        }));
        FlutterwaveConfig config = p.check(b::build);
        p.throwIfAny();
        return config;
    }

    /** Sandbox or production; decides which key mode is accepted. */
    public PaymentEnvironment environment() {
        return environment;
    }

    /** The secret key sent as {@code Authorization: Bearer}. */
    public Secret secretKey() {
        return secretKey;
    }

    /** The public key, or {@code null}; Standard links do not need it server-side. */
    public String publicKey() {
        return publicKey;
    }

    /** The dashboard webhook secret hash, or {@code null} when none is configured. */
    public Secret secretHash() {
        return secretHash;
    }

    /** The v3 API base, e.g. {@code https://api.flutterwave.com/v3}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * How long after a payment was created a failed attempt may still be followed by another:
     * within it a failed attempt reads as PENDING, after it as FAILED.
     */
    public Duration checkoutSessionWindow() {
        return checkoutSessionWindow;
    }

    /**
     * How long one call may take. Above Flutterwave's own 28 s gateway timeout, so its 503 arrives
     * rather than our timeout.
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Whether webhooks are accepted without a secret hash configured (sandbox only). */
    public boolean allowUnsignedWebhooks() {
        return allowUnsignedWebhooks;
    }

    /** True when the secret key is a test-mode key. */
    public boolean testMode() {
        return isTestKey(secretKey.reveal());
    }

    @Override
    public String toString() {
        return "FlutterwaveConfig[" + environment + ", " + baseUrl + (testMode() ? ", test keys" : ", live keys")
                + ", secretHash " + (secretHash == null ? "not set" : "set") + ", checkout window "
                + checkoutSessionWindow + "]";
    }

    private static boolean isTestKey(String key) {
        return key.contains("_TEST");
    }

    private static void checkKey(String variable, String key, String prefix, PaymentEnvironment env) {
        if (!key.startsWith(prefix)) {
            throw new PaymentConfigurationException(variable, "does not look like a Flutterwave v3 key ("
                    + prefix + "-... or " + prefix + "_TEST-...)");
        }
        if (env.isProduction() && isTestKey(key)) {
            throw new PaymentConfigurationException(variable, "is a test-mode key (" + prefix
                    + "_TEST-...) but PAYMENT_ENVIRONMENT is production; use the live key");
        }
        if (!env.isProduction() && !isTestKey(key)) {
            throw new PaymentConfigurationException(variable, "is a live key but PAYMENT_ENVIRONMENT is "
                    + "sandbox; use the " + prefix + "_TEST-... key from the dashboard's test mode");
        }
    }

    private static Duration positive(String variable, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new PaymentConfigurationException(variable, "must be a positive duration");
        }
        return d;
    }

    /** Builds a {@link FlutterwaveConfig}; defaults: sandbox, the v3 host, 30 min window, 40 s. */
    public static final class Builder {
        private PaymentEnvironment environment = PaymentEnvironment.SANDBOX;
        private Secret secretKey;
        private String publicKey;
        private Secret secretHash;
        private URI baseUrl = DEFAULT_BASE_URL;
        private Duration checkoutSessionWindow = Duration.ofMinutes(30);
        private Duration requestTimeout = Duration.ofSeconds(40);
        private boolean allowUnsignedWebhooks;

        private Builder() {
        }

        /** Sandbox (default) or production. */
        public Builder environment(PaymentEnvironment environment) {
            this.environment = environment;
            return this;
        }

        /** The secret key ({@code FLWSECK_TEST-...} or {@code FLWSECK-...}); required. */
        public Builder secretKey(Secret secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        /** The secret key as text. */
        public Builder secretKey(String secretKey) {
            return secretKey(secretKey == null ? null : Secret.of(secretKey));
        }

        /** The public key, optional; blank means none. */
        public Builder publicKey(String publicKey) {
            this.publicKey = publicKey == null || publicKey.isBlank() ? null : publicKey.trim();
            return this;
        }

        /** The dashboard webhook secret hash; {@code null} for none. */
        public Builder secretHash(Secret secretHash) {
            this.secretHash = secretHash;
            return this;
        }

        /** The dashboard secret hash as text; {@code null} for none. */
        public Builder secretHash(String secretHash) {
            return secretHash(secretHash == null ? null : Secret.of(secretHash));
        }

        /** The v3 API base; a simulator's {@code apiBaseUri()} in tests. */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** The v3 API base as text. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = EnvironmentReader.parseUri(BASE_URL, baseUrl);
            return this;
        }

        /** See {@link FlutterwaveConfig#checkoutSessionWindow()}; 30 minutes by default. */
        public Builder checkoutSessionWindow(Duration window) {
            this.checkoutSessionWindow = window;
            return this;
        }

        /** See {@link FlutterwaveConfig#requestTimeout()}; 40 seconds by default. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * Accept webhooks although no secret hash is configured. Sandbox only, for a first local
         * try-out; the status API still decides every payment.
         */
        public Builder allowUnsignedWebhooks(boolean allow) {
            this.allowUnsignedWebhooks = allow;
            return this;
        }

        /**
         * @throws PaymentConfigurationException naming the variable of the first bad value
         */
        public FlutterwaveConfig build() {
            return new FlutterwaveConfig(this);
        }
    }
}
