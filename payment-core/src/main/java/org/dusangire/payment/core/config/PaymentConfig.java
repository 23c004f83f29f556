package org.dusangire.payment.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.model.PaymentMethod;

/**
 * Settings shared by every gateway: environment, the public site URL that providers call back,
 * defaults for currency and country, the merchant's display name, how long each kind of payment
 * may stay pending, and how reconciliation paces itself. Immutable; build it in code with
 * {@link #builder()} or from environment variables with {@link #fromEnvironment(Map)}.
 */
public final class PaymentConfig {
    public static final String PAYMENT_ENVIRONMENT = "PAYMENT_ENVIRONMENT";
    public static final String SITE_URL = "SITE_URL";
    public static final String PAYMENT_ROUTE_PREFIX = "PAYMENT_ROUTE_PREFIX";
    public static final String PAYMENT_CURRENCY = "PAYMENT_CURRENCY";
    public static final String PAYMENT_COUNTRY = "PAYMENT_COUNTRY";
    public static final String PAYMENT_MERCHANT_NAME = "PAYMENT_MERCHANT_NAME";
    /** Older name of {@link #PAYMENT_MERCHANT_NAME}, kept from the hospital system. */
    public static final String HOSPITAL_NAME = "HOSPITAL_NAME";
    public static final String PAYMENT_TTL_PREFIX = "PAYMENT_TTL_";
    public static final String PAYMENT_RECONCILE_AFTER = "PAYMENT_RECONCILE_AFTER";
    public static final String PAYMENT_RECONCILE_LEASE = "PAYMENT_RECONCILE_LEASE";
    public static final String PAYMENT_RECONCILE_BATCH = "PAYMENT_RECONCILE_BATCH";
    public static final String PAYMENT_RECONCILE_PARALLELISM = "PAYMENT_RECONCILE_PARALLELISM";
    public static final String PAYMENT_INBOX_RETENTION = "PAYMENT_INBOX_RETENTION";
    public static final String PAYMENT_EVENT_MAX_ATTEMPTS = "PAYMENT_EVENT_MAX_ATTEMPTS";
    public static final String PAYMENT_EVENT_RETRY_DELAY = "PAYMENT_EVENT_RETRY_DELAY";
    public static final String PAYMENT_EVENT_RETENTION = "PAYMENT_EVENT_RETENTION";
    public static final String PAYMENT_EVENT_LEASE = "PAYMENT_EVENT_LEASE";

    /** Upper bound of {@link #reconcileParallelism()}. */
    public static final int MAX_RECONCILE_PARALLELISM = 64;

    private final PaymentEnvironment environment;
    private final URI siteUrl;
    private final String routePrefix;
    private final Currency defaultCurrency;
    private final String defaultCountry;
    private final String merchantName;
    private final Map<PaymentMethod, Duration> timeToLive;
    private final Duration reconcileAfter;
    private final Duration reconcileLease;
    private final int reconcileBatchSize;
    private final int reconcileParallelism;
    private final Duration inboxRetention;
    private final int eventMaxAttempts;
    private final Duration eventRetryDelay;
    private final Duration eventRetention;
    private final Duration eventLease;

    private PaymentConfig(Builder b) {
        this.environment = Objects.requireNonNull(b.environment, "environment must not be null");
        ConfigProblems p = new ConfigProblems();
        this.siteUrl = p.check(() -> {
            if (b.siteUrl == null) {
                throw new PaymentConfigurationException(SITE_URL, "is required but not set");
            }
            URI uri = EnvironmentReader.parseUri(SITE_URL, b.siteUrl.toString());
            EnvironmentReader.requireHttpsIn(environment, SITE_URL, uri);
            return uri;
        });
        this.routePrefix = normalisePrefix(b.routePrefix);
        this.defaultCurrency = Objects.requireNonNull(b.defaultCurrency,
                "defaultCurrency must not be null");
        this.defaultCountry = Objects.requireNonNull(b.defaultCountry,
                "defaultCountry must not be null");
        this.merchantName = p.check(() -> {
            if (b.merchantName == null || b.merchantName.isBlank()) {
                throw new PaymentConfigurationException(PAYMENT_MERCHANT_NAME, "must not be blank");
            }
            return b.merchantName.trim();
        });
        this.timeToLive = Map.copyOf(b.timeToLive);
        this.reconcileAfter = p.check(() -> positive(PAYMENT_RECONCILE_AFTER, b.reconcileAfter));
        this.reconcileLease = p.check(() -> positive(PAYMENT_RECONCILE_LEASE, b.reconcileLease));
        if (b.reconcileBatchSize <= 0) {
            p.add(new PaymentConfigurationException(PAYMENT_RECONCILE_BATCH, "must be positive"));
        }
        this.reconcileBatchSize = b.reconcileBatchSize;
        if (b.reconcileParallelism <= 0 || b.reconcileParallelism > MAX_RECONCILE_PARALLELISM) {
            p.add(new PaymentConfigurationException(PAYMENT_RECONCILE_PARALLELISM,
                    "must be between 1 and " + MAX_RECONCILE_PARALLELISM));
        }
        this.reconcileParallelism = b.reconcileParallelism;
        this.inboxRetention = p.check(() -> positive(PAYMENT_INBOX_RETENTION, b.inboxRetention));
        if (b.eventMaxAttempts <= 0) {
            p.add(new PaymentConfigurationException(PAYMENT_EVENT_MAX_ATTEMPTS, "must be positive"));
        }
        this.eventMaxAttempts = b.eventMaxAttempts;
        this.eventRetryDelay = p.check(() -> positive(PAYMENT_EVENT_RETRY_DELAY, b.eventRetryDelay));
        this.eventRetention = p.check(() -> positive(PAYMENT_EVENT_RETENTION, b.eventRetention));
        this.eventLease = b.eventLease == null ? reconcileLease
                : p.check(() -> positive(PAYMENT_EVENT_LEASE, b.eventLease));
        p.throwIfAny();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code PAYMENT_ENVIRONMENT} (sandbox|production, default sandbox), {@code SITE_URL}
     * (required), {@code PAYMENT_ROUTE_PREFIX}, {@code PAYMENT_CURRENCY}, {@code PAYMENT_COUNTRY},
     * {@code PAYMENT_MERCHANT_NAME} (or {@code HOSPITAL_NAME}), {@code PAYMENT_TTL_<METHOD>} and
     * the {@code PAYMENT_RECONCILE_*} settings, {@code PAYMENT_INBOX_RETENTION} and the
     * {@code PAYMENT_EVENT_*} settings of event delivery. A {@code PAYMENT_TTL_} name that is not
     * a payment method (a typo such as {@code PAYMENT_TTL_MTN_MOBILE_MONY}) is refused rather
     * than silently ignored; a method a host declares itself ({@link PaymentMethod#of}) must be
     * declared before the configuration is read for its {@code PAYMENT_TTL_} name to be known.
     * To check the gateways' settings in the same pass, use
     * {@link StartupCheck}.
     *
     * @throws PaymentConfigurationException listing every variable that is missing, malformed,
     *                                       unknown or unsafe
     */
    public static PaymentConfig fromEnvironment(Map<String, String> env) {
        EnvironmentReader r = new EnvironmentReader(env);
        ConfigProblems p = new ConfigProblems();
        Builder b = builder();
        p.run(() -> r.optionalEnum(PAYMENT_ENVIRONMENT, PaymentEnvironment.class).ifPresent(b::environment));
        p.run(() -> b.siteUrl(r.requiredUri(SITE_URL)));
        r.optional(PAYMENT_ROUTE_PREFIX).ifPresent(b::routePrefix);
        p.run(() -> r.optionalCurrency(PAYMENT_CURRENCY).ifPresent(b::defaultCurrency));
        p.run(() -> r.optionalCountry(PAYMENT_COUNTRY).ifPresent(b::defaultCountry));
        r.optional(PAYMENT_MERCHANT_NAME).or(() -> r.optional(HOSPITAL_NAME))
                .ifPresent(b::merchantName);
        for (PaymentMethod method : PaymentMethod.values()) {
            p.run(() -> r.optionalDuration(PAYMENT_TTL_PREFIX + method.name())
                    .ifPresent(d -> b.timeToLive(method, d)));
        }
        env.keySet().stream().filter(name -> name.startsWith(PAYMENT_TTL_PREFIX))
                .filter(name -> !knownTtlName(name)).sorted()
                .forEach(name -> p.add(new PaymentConfigurationException(name, "is not a payment "
                        + "method's time to live; the known ones are " + knownTtlNames())));
        p.run(() -> r.optionalDuration(PAYMENT_RECONCILE_AFTER).ifPresent(b::reconcileAfter));
        p.run(() -> r.optionalDuration(PAYMENT_RECONCILE_LEASE).ifPresent(b::reconcileLease));
        p.run(() -> r.optionalPositiveInt(PAYMENT_RECONCILE_BATCH).ifPresent(b::reconcileBatchSize));
        p.run(() -> r.optionalPositiveInt(PAYMENT_RECONCILE_PARALLELISM).ifPresent(b::reconcileParallelism));
        p.run(() -> r.optionalDuration(PAYMENT_INBOX_RETENTION).ifPresent(b::inboxRetention));
        p.run(() -> r.optionalPositiveInt(PAYMENT_EVENT_MAX_ATTEMPTS).ifPresent(b::eventMaxAttempts));
        p.run(() -> r.optionalDuration(PAYMENT_EVENT_RETRY_DELAY).ifPresent(b::eventRetryDelay));
        p.run(() -> r.optionalDuration(PAYMENT_EVENT_RETENTION).ifPresent(b::eventRetention));
        p.run(() -> r.optionalDuration(PAYMENT_EVENT_LEASE).ifPresent(b::eventLease));
        PaymentConfig config = p.check(b::build);
        p.throwIfAny();
        return config;
    }

    private static boolean knownTtlName(String name) {
        for (PaymentMethod method : PaymentMethod.values()) {
            if (name.equals(PAYMENT_TTL_PREFIX + method.name())) {
                return true;
            }
        }
        return false;
    }

    private static String knownTtlNames() {
        StringBuilder names = new StringBuilder();
        for (PaymentMethod method : PaymentMethod.values()) {
            names.append(names.length() == 0 ? "" : ", ").append(PAYMENT_TTL_PREFIX).append(method.name());
        }
        return names.toString();
    }

    public PaymentEnvironment environment() {
        return environment;
    }

    public URI siteUrl() {
        return siteUrl;
    }

    /** Path under which the webhook adapter is mounted, {@code /payments} by default. */
    public String routePrefix() {
        return routePrefix;
    }

    public Currency defaultCurrency() {
        return defaultCurrency;
    }

    public String defaultCountry() {
        return defaultCountry;
    }

    public String merchantName() {
        return merchantName;
    }

    /**
     * How long a payment by this method may stay pending before reconciliation expires it: the
     * method's own setting, else its family's default (mobile money 30 minutes, card 2 hours, bank
     * transfer 24 hours, cash 7 days).
     */
    public Duration timeToLive(PaymentMethod method) {
        Duration own = timeToLive.get(method);
        return own != null ? own : familyDefault(method.family());
    }

    private static Duration familyDefault(PaymentMethod.Family family) {
        return switch (family) {
            case MOBILE_MONEY -> Duration.ofMinutes(30);
            case CARD -> Duration.ofHours(2);
            case BANK_TRANSFER -> Duration.ofHours(24);
            case CASH -> Duration.ofDays(7);
        };
    }

    /** How long a pending payment waits before reconciliation asks its provider. */
    public Duration reconcileAfter() {
        return reconcileAfter;
    }

    /** How long one instance holds its claim on a payment it is reconciling. */
    public Duration reconcileLease() {
        return reconcileLease;
    }

    public int reconcileBatchSize() {
        return reconcileBatchSize;
    }

    /**
     * How many payments one reconciliation pass checks with their providers at the same time
     * (default 4). Each answer is still applied through the version-guarded update, so this
     * only overlaps the waiting for status answers; keep it within what the providers' rate
     * limits and the connection pool allow.
     */
    public int reconcileParallelism() {
        return reconcileParallelism;
    }

    /**
     * How long a processed webhook event is remembered for deduplication before reconciliation
     * purges it (default 7 days). Keep it longer than any provider's redelivery window.
     */
    public Duration inboxRetention() {
        return inboxRetention;
    }

    /**
     * How many times a listener may fail one event before the event is parked (counted, kept,
     * and delivered again only when re-driven). Default 10.
     */
    public int eventMaxAttempts() {
        return eventMaxAttempts;
    }

    /**
     * The wait after a listener's first failure; it doubles after each further failure, up to one
     * hour. Default 10 seconds.
     */
    public Duration eventRetryDelay() {
        return eventRetryDelay;
    }

    /** How long delivered events are kept before reconciliation purges them. Default 30 days. */
    public Duration eventRetention() {
        return eventRetention;
    }

    /**
     * How long one instance holds its claim on the events it is delivering; after it, another
     * instance (or a later pass) may deliver them again. Keep it longer than the slowest listener
     * call: delivery is at least once, and a claim that runs out while a listener is still at
     * work is delivered twice, under the same event id. Default: the {@link #reconcileLease()}.
     */
    public Duration eventLease() {
        return eventLease;
    }

    /** Public URL of the webhook route of a gateway, e.g. {@code https://h/payments/webhooks/mtn-momo/}. */
    public URI webhookUrl(String gatewayName) {
        return siteUrl.resolve(join(siteUrl.getRawPath(), routePrefix + "/webhooks/" + gatewayName + "/"));
    }

    /** Public URL the customer's browser returns to after a hosted checkout. */
    public URI redirectUrl() {
        return siteUrl.resolve(join(siteUrl.getRawPath(), routePrefix + "/callback/"));
    }

    private static String join(String base, String path) {
        String b = base == null ? "" : base;
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return b + path;
    }

    private static String normalisePrefix(String prefix) {
        String p = prefix == null ? "" : prefix.trim();
        if (!p.isEmpty() && !p.startsWith("/")) {
            p = "/" + p;
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static Duration positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new PaymentConfigurationException(name, "must be a positive duration");
        }
        return d;
    }

    /** Builder with the defaults of the hospital system (sandbox, UGX, Uganda). */
    public static final class Builder {
        private PaymentEnvironment environment = PaymentEnvironment.SANDBOX;
        private URI siteUrl;
        private String routePrefix = "/payments";
        private Currency defaultCurrency = Currency.getInstance("UGX");
        private String defaultCountry = "UG";
        private String merchantName = "Merchant";
        /** Methods set explicitly; the others take their family's default. */
        private final Map<PaymentMethod, Duration> timeToLive = new HashMap<>();
        private Duration reconcileAfter = Duration.ofMinutes(2);
        private Duration reconcileLease = Duration.ofMinutes(1);
        private int reconcileBatchSize = 100;
        private int reconcileParallelism = 4;
        private Duration inboxRetention = Duration.ofDays(7);
        private int eventMaxAttempts = 10;
        private Duration eventRetryDelay = Duration.ofSeconds(10);
        private Duration eventRetention = Duration.ofDays(30);
        private Duration eventLease;

        private Builder() {
        }

        public Builder environment(PaymentEnvironment environment) {
            this.environment = environment;
            return this;
        }

        public Builder siteUrl(URI siteUrl) {
            this.siteUrl = siteUrl;
            return this;
        }

        public Builder siteUrl(String siteUrl) {
            this.siteUrl = EnvironmentReader.parseUri(SITE_URL, siteUrl);
            return this;
        }

        public Builder routePrefix(String routePrefix) {
            this.routePrefix = routePrefix;
            return this;
        }

        public Builder defaultCurrency(Currency currency) {
            this.defaultCurrency = currency;
            return this;
        }

        public Builder defaultCountry(String isoCountry) {
            this.defaultCountry = isoCountry;
            return this;
        }

        public Builder merchantName(String merchantName) {
            this.merchantName = merchantName;
            return this;
        }

        public Builder timeToLive(PaymentMethod method, Duration ttl) {
            this.timeToLive.put(method, positive(PAYMENT_TTL_PREFIX + method.name(), ttl));
            return this;
        }

        public Builder reconcileAfter(Duration reconcileAfter) {
            this.reconcileAfter = reconcileAfter;
            return this;
        }

        public Builder reconcileLease(Duration reconcileLease) {
            this.reconcileLease = reconcileLease;
            return this;
        }

        public Builder reconcileBatchSize(int reconcileBatchSize) {
            this.reconcileBatchSize = reconcileBatchSize;
            return this;
        }

        /** Status checks one reconciliation pass runs at once; 1 to 64, default 4. */
        public Builder reconcileParallelism(int reconcileParallelism) {
            this.reconcileParallelism = reconcileParallelism;
            return this;
        }

        /** How long processed inbox events are kept; default 7 days. */
        public Builder inboxRetention(Duration inboxRetention) {
            this.inboxRetention = inboxRetention;
            return this;
        }

        public Builder eventMaxAttempts(int eventMaxAttempts) {
            this.eventMaxAttempts = eventMaxAttempts;
            return this;
        }

        public Builder eventRetryDelay(Duration eventRetryDelay) {
            this.eventRetryDelay = eventRetryDelay;
            return this;
        }

        public Builder eventRetention(Duration eventRetention) {
            this.eventRetention = eventRetention;
            return this;
        }

        /** How long a claim on events being delivered lasts; default the reconcile lease. */
        public Builder eventLease(Duration eventLease) {
            this.eventLease = eventLease;
            return this;
        }

        public PaymentConfig build() {
            return new PaymentConfig(this);
        }
    }
}
