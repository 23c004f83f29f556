package org.dusangire.payment.core.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dusangire.payment.core.error.PaymentConfigurationException;

/**
 * Reads {@link PaymentConfig} and every gateway's config from one variable map and refuses them
 * together, listing every problem of every config in one {@link PaymentConfigurationException}.
 * Run it first at start-up, before creating the repository or migrating the schema, so a wrong
 * deployment changes nothing and the operator sees all that is wrong in one round:
 *
 * <pre>{@code
 * StartupCheck.Result checked = StartupCheck.of(System.getenv())
 *         .gateway(MtnMomoConfig.class, MtnMomoConfig::fromEnvironment)
 *         .gatewayIfSet(AirtelMoneyConfig.CLIENT_ID, AirtelMoneyConfig.class,
 *                 AirtelMoneyConfig::fromEnvironment)
 *         .check();                        // throws, listing every problem
 * PaymentSchema.migrate(dataSource);       // only now touch the database
 * new MtnMomoGateway(checked.gateway(MtnMomoConfig.class));
 * }</pre>
 *
 * <p>The gateway configs are read with the environment {@code PAYMENT_ENVIRONMENT} names; when
 * that variable itself is unreadable they are not read (which checks apply depends on it), and
 * the refusal says so.
 */
public final class StartupCheck {
    /** How a gateway module reads its config: its {@code fromEnvironment(Map, PaymentEnvironment)}. */
    @FunctionalInterface
    public interface GatewayConfigReader<T> {
        T read(Map<String, String> env, PaymentEnvironment environment);
    }

    private record Entry<T>(Class<T> type, String whenSet, GatewayConfigReader<T> reader) {
    }

    private final Map<String, String> env;
    private final Map<Class<?>, Entry<?>> gateways = new LinkedHashMap<>();

    private StartupCheck(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env must not be null"));
    }

    /** A check of {@link PaymentConfig} from {@code env}; add the gateways the host uses. */
    public static StartupCheck of(Map<String, String> env) {
        return new StartupCheck(env);
    }

    /** A gateway whose config is required. */
    public <T> StartupCheck gateway(Class<T> type, GatewayConfigReader<T> reader) {
        gateways.put(Objects.requireNonNull(type, "type must not be null"),
                new Entry<>(type, null, Objects.requireNonNull(reader, "reader must not be null")));
        return this;
    }

    /**
     * A gateway configured only when {@code variable} is present in the map. A present but blank
     * value is checked (and reported as not set) rather than silently leaving the gateway out.
     */
    public <T> StartupCheck gatewayIfSet(String variable, Class<T> type, GatewayConfigReader<T> reader) {
        gateways.put(Objects.requireNonNull(type, "type must not be null"),
                new Entry<>(type, Objects.requireNonNull(variable, "variable must not be null"),
                        Objects.requireNonNull(reader, "reader must not be null")));
        return this;
    }

    /**
     * Reads every config.
     *
     * @throws PaymentConfigurationException listing every problem of every config
     */
    public Result check() {
        ConfigProblems problems = new ConfigProblems();
        PaymentConfig payment = problems.check(() -> PaymentConfig.fromEnvironment(env));
        EnvironmentReader reader = new EnvironmentReader(env);
        PaymentEnvironment environment = payment != null ? payment.environment()
                : problems.check(() -> reader.optionalEnum(PaymentConfig.PAYMENT_ENVIRONMENT,
                        PaymentEnvironment.class).orElse(PaymentEnvironment.SANDBOX));
        Map<Class<?>, Object> read = new LinkedHashMap<>();
        if (environment == null) {
            problems.add(new PaymentConfigurationException.Problem(null, "the gateways' settings "
                    + "are checked once " + PaymentConfig.PAYMENT_ENVIRONMENT + " is valid"));
        } else {
            for (Entry<?> entry : gateways.values()) {
                if (entry.whenSet() != null && !env.containsKey(entry.whenSet())) {
                    continue;
                }
                Object config = problems.check(() -> entry.reader().read(env, environment));
                if (config != null) {
                    read.put(entry.type(), config);
                }
            }
        }
        problems.throwIfAny();
        return new Result(payment, read);
    }

    /** The configs of a successful check. */
    public static final class Result {
        private final PaymentConfig payment;
        private final Map<Class<?>, Object> gateways;

        private Result(PaymentConfig payment, Map<Class<?>, Object> gateways) {
            this.payment = payment;
            this.gateways = Map.copyOf(gateways);
        }

        public PaymentConfig payment() {
            return payment;
        }

        /**
         * A gateway config registered with {@link StartupCheck#gateway}.
         *
         * @throws IllegalStateException when it was not registered, or not set
         */
        public <T> T gateway(Class<T> type) {
            return find(type).orElseThrow(() -> new IllegalStateException(type.getSimpleName()
                    + " was not checked (not registered, or its variable is not set)"));
        }

        /** A gateway config, empty when it was registered with a variable that is absent. */
        public <T> Optional<T> find(Class<T> type) {
            return Optional.ofNullable(gateways.get(type)).map(type::cast);
        }
    }
}
