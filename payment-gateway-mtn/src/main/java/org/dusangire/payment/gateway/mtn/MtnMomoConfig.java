package org.dusangire.payment.gateway.mtn;

import java.net.URI;
import java.time.Duration;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dusangire.payment.core.config.ConfigProblems;
import org.dusangire.payment.core.config.EnvironmentReader;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.PaymentConfigurationException;

/**
 * Settings of the MTN MoMo gateway. Immutable; build it in code with {@link #builder()} or from
 * environment variables with {@link #fromEnvironment(Map, PaymentEnvironment)}. Every check
 * names the variable to fix, whichever way the config was built.
 *
 * <p>Naming follows the hospital system this library replaces: {@code MTN_MOMO_API_KEY} holds
 * MTN's "API user" (a UUID) and {@code MTN_MOMO_API_SECRET} MTN's "API key".
 */
public final class MtnMomoConfig {
    public static final String API_KEY = "MTN_MOMO_API_KEY";
    public static final String API_SECRET = "MTN_MOMO_API_SECRET";
    public static final String SUBSCRIPTION_KEY = "MTN_MOMO_SUBSCRIPTION_KEY";
    public static final String DISBURSEMENT_SUBSCRIPTION_KEY = "MTN_MOMO_DISBURSEMENT_SUBSCRIPTION_KEY";
    public static final String TARGET_ENVIRONMENT = "MTN_MOMO_TARGET_ENVIRONMENT";
    public static final String BASE_URL = "MTN_MOMO_BASE_URL";
    public static final String CURRENCY = "MTN_MOMO_CURRENCY";
    public static final String CONNECT_TIMEOUT = "MTN_MOMO_CONNECT_TIMEOUT";
    public static final String REQUEST_TIMEOUT = "MTN_MOMO_REQUEST_TIMEOUT";
    public static final String MAX_ATTEMPTS = "MTN_MOMO_MAX_ATTEMPTS";
    public static final String VALIDATE_ACCOUNT_HOLDER = "MTN_MOMO_VALIDATE_ACCOUNT_HOLDER";

    private static final Pattern UUID_FORM = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final PaymentEnvironment environment;
    private final Secret apiUser;
    private final Secret apiKey;
    private final Secret subscriptionKey;
    private final Secret disbursementSubscriptionKey;
    private final String targetEnvironment;
    private final URI baseUrl;
    private final Currency currency;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final boolean validateAccountHolder;

    private MtnMomoConfig(Builder b) {
        this.environment = Objects.requireNonNull(b.environment, "environment must not be null");
        ConfigProblems p = new ConfigProblems();
        this.apiUser = p.check(() -> apiUser(required(b.apiUser, API_KEY)));
        this.apiKey = p.check(() -> required(b.apiKey, API_SECRET));
        this.subscriptionKey = p.check(() -> required(b.subscriptionKey, SUBSCRIPTION_KEY));
        this.disbursementSubscriptionKey = b.disbursementSubscriptionKey;
        this.targetEnvironment = p.check(() -> targetEnvironment(b.targetEnvironment, environment));
        this.baseUrl = p.check(() -> {
            URI url = b.baseUrl != null ? EnvironmentReader.parseUri(BASE_URL, b.baseUrl.toString())
                    : targetEnvironment == null ? null : MtnTargetEnvironments.defaultBaseUrl(targetEnvironment);
            if (url == null) {
                return null; // the target environment is at fault and reported
            }
            EnvironmentReader.requireHttpsIn(environment, BASE_URL, url);
            if (environment.isProduction() && MtnTargetEnvironments.isSandboxHost(url)) {
                throw new PaymentConfigurationException(BASE_URL,
                        "points at MTN's sandbox (" + url.getHost() + ") in production");
            }
            return url;
        });
        this.currency = b.currency != null || targetEnvironment == null ? b.currency
                : p.check(() -> MtnTargetEnvironments.currencyOf(targetEnvironment).map(Currency::getInstance)
                        .orElseThrow(() -> new PaymentConfigurationException(CURRENCY,
                                "is required for target environment '" + targetEnvironment
                                        + "' (no known default currency)")));
        this.connectTimeout = p.check(() -> positive(b.connectTimeout, CONNECT_TIMEOUT));
        this.requestTimeout = p.check(() -> positive(b.requestTimeout, REQUEST_TIMEOUT));
        if (b.maxAttempts < 1 || b.maxAttempts > 10) {
            p.add(new PaymentConfigurationException(MAX_ATTEMPTS, "must be between 1 and 10"));
        }
        this.maxAttempts = b.maxAttempts;
        this.validateAccountHolder = b.validateAccountHolder;
        p.throwIfAny();
    }

    /**
     * MTN's API user is a UUID (the {@code X-Reference-Id} it was created under); anything else
     * would only fail later, at the first token request, with a 401 that names nothing.
     */
    private static Secret apiUser(Secret user) {
        String value = user.reveal();
        if (value.contains(":") || value.chars().anyMatch(Character::isWhitespace)) {
            throw new PaymentConfigurationException(API_KEY,
                    "must be the MTN API user (a UUID), without spaces or ':'");
        }
        if (!UUID_FORM.matcher(value).matches()) {
            throw new PaymentConfigurationException(API_KEY, "must be the MTN API user, a UUID such "
                    + "as 00000000-1111-4222-8333-444444444444 (the X-Reference-Id it was created "
                    + "under); the value set is not one (it is not shown, as it may be a secret)");
        }
        return user;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the {@code MTN_MOMO_*} variables. Required: {@value #API_KEY}, {@value #API_SECRET},
     * {@value #SUBSCRIPTION_KEY}, and in production {@value #TARGET_ENVIRONMENT}.
     * {@value #API_KEY} must be a UUID (MTN's API user).
     *
     * @throws PaymentConfigurationException listing every variable missing, malformed or unsafe
     */
    public static MtnMomoConfig fromEnvironment(Map<String, String> env, PaymentEnvironment environment) {
        EnvironmentReader r = new EnvironmentReader(env);
        ConfigProblems p = new ConfigProblems();
        Builder b = builder().environment(environment);
        p.run(() -> b.apiUser(r.requiredSecret(API_KEY)));
        p.run(() -> b.apiKey(r.requiredSecret(API_SECRET)));
        p.run(() -> b.subscriptionKey(r.requiredSecret(SUBSCRIPTION_KEY)));
        r.optionalSecret(DISBURSEMENT_SUBSCRIPTION_KEY).ifPresent(b::disbursementSubscriptionKey);
        r.optional(TARGET_ENVIRONMENT).ifPresent(b::targetEnvironment);
        p.run(() -> r.optionalUri(BASE_URL).ifPresent(b::baseUrl));
        p.run(() -> r.optionalCurrency(CURRENCY).ifPresent(b::currency));
        p.run(() -> r.optionalDuration(CONNECT_TIMEOUT).ifPresent(b::connectTimeout));
        p.run(() -> r.optionalDuration(REQUEST_TIMEOUT).ifPresent(b::requestTimeout));
        p.run(() -> r.optionalPositiveInt(MAX_ATTEMPTS).ifPresent(b::maxAttempts));
        p.run(() -> r.optional(VALIDATE_ACCOUNT_HOLDER).map(v -> bool(VALIDATE_ACCOUNT_HOLDER, v))
                .ifPresent(b::validateAccountHolder));
        MtnMomoConfig config = p.check(b::build);
        p.throwIfAny();
        return config;
    }

    public PaymentEnvironment environment() {
        return environment;
    }

    /** MTN's API user ({@value #API_KEY}). */
    public Secret apiUser() {
        return apiUser;
    }

    /** MTN's API key ({@value #API_SECRET}). */
    public Secret apiKey() {
        return apiKey;
    }

    /** Collection product subscription key. */
    public Secret subscriptionKey() {
        return subscriptionKey;
    }

    /** Disbursement product subscription key; refunds are offered only when it is set. */
    public Optional<Secret> disbursementSubscriptionKey() {
        return Optional.ofNullable(disbursementSubscriptionKey);
    }

    /** {@code X-Target-Environment}, e.g. {@code sandbox} or {@code mtnuganda}. */
    public String targetEnvironment() {
        return targetEnvironment;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** The one currency this MTN account collects in. */
    public Currency currency() {
        return currency;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long one HTTP attempt may take. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Attempts for calls that are safe to repeat (status checks, POSTs under our reference). */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Whether to ask MTN if the payer's account is active before a request-to-pay. */
    public boolean validateAccountHolder() {
        return validateAccountHolder;
    }

    @Override
    public String toString() {
        return "MtnMomoConfig[" + environment + ", " + targetEnvironment + ", " + baseUrl + ", "
                + currency + ", refunds " + (disbursementSubscriptionKey != null) + "]";
    }

    private static String targetEnvironment(String value, PaymentEnvironment environment) {
        if (value == null || value.isBlank()) {
            if (environment.isProduction()) {
                throw new PaymentConfigurationException(TARGET_ENVIRONMENT,
                        "is required in production (e.g. mtnuganda)");
            }
            return MtnTargetEnvironments.SANDBOX;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!v.matches("[a-z0-9_-]{2,64}")) {
            throw new PaymentConfigurationException(TARGET_ENVIRONMENT,
                    "'" + value + "' is not a target environment such as sandbox or mtnuganda");
        }
        if (environment.isProduction() && v.equals(MtnTargetEnvironments.SANDBOX)) {
            throw new PaymentConfigurationException(TARGET_ENVIRONMENT,
                    "must not be 'sandbox' in production");
        }
        return v;
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

    private static boolean bool(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new PaymentConfigurationException(name, "'" + value + "' is not true or false");
        };
    }

    /** Builds an {@link MtnMomoConfig}; defaults to sandbox, 5 s connect, 30 s request, 3 attempts. */
    public static final class Builder {
        private PaymentEnvironment environment = PaymentEnvironment.SANDBOX;
        private Secret apiUser;
        private Secret apiKey;
        private Secret subscriptionKey;
        private Secret disbursementSubscriptionKey;
        private String targetEnvironment;
        private URI baseUrl;
        private Currency currency;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxAttempts = 3;
        private boolean validateAccountHolder;

        private Builder() {
        }

        public Builder environment(PaymentEnvironment environment) {
            this.environment = environment;
            return this;
        }

        public Builder apiUser(Secret apiUser) {
            this.apiUser = apiUser;
            return this;
        }

        public Builder apiKey(Secret apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder subscriptionKey(Secret subscriptionKey) {
            this.subscriptionKey = subscriptionKey;
            return this;
        }

        public Builder disbursementSubscriptionKey(Secret disbursementSubscriptionKey) {
            this.disbursementSubscriptionKey = disbursementSubscriptionKey;
            return this;
        }

        public Builder targetEnvironment(String targetEnvironment) {
            this.targetEnvironment = targetEnvironment;
            return this;
        }

        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder currency(Currency currency) {
            this.currency = currency;
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

        public Builder validateAccountHolder(boolean validateAccountHolder) {
            this.validateAccountHolder = validateAccountHolder;
            return this;
        }

        /** @throws PaymentConfigurationException naming the variable at fault */
        public MtnMomoConfig build() {
            return new MtnMomoConfig(this);
        }
    }
}
