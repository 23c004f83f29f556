package org.dusangire.payment.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dusangire.payment.core.error.PaymentConfigurationException;

/**
 * Reads configuration variables from a map (usually {@code System.getenv()}) and turns every
 * missing or malformed value into a {@link PaymentConfigurationException} that names the
 * variable. Gateway modules use it for their own variables so every config reads alike.
 */
public final class EnvironmentReader {
    private final Map<String, String> variables;

    public EnvironmentReader(Map<String, String> variables) {
        this.variables = Map.copyOf(Objects.requireNonNull(variables, "variables must not be null"));
    }

    /** The trimmed value, or empty when the variable is absent or blank. */
    public Optional<String> optional(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** The trimmed value; fails naming the variable when it is absent or blank. */
    public String required(String name) {
        return optional(name).orElseThrow(() -> new PaymentConfigurationException(name,
                "is required but not set"));
    }

    public Secret requiredSecret(String name) {
        return Secret.of(required(name));
    }

    public Optional<Secret> optionalSecret(String name) {
        return optional(name).map(Secret::of);
    }

    /** An absolute http or https URI. */
    public Optional<URI> optionalUri(String name) {
        return optional(name).map(value -> parseUri(name, value));
    }

    public URI requiredUri(String name) {
        return parseUri(name, required(name));
    }

    /** A duration as ISO-8601 ({@code PT15M}) or a whole number of seconds. */
    public Optional<Duration> optionalDuration(String name) {
        return optional(name).map(value -> {
            try {
                Duration d = value.chars().allMatch(Character::isDigit)
                        ? Duration.ofSeconds(Long.parseLong(value))
                        : Duration.parse(value.toUpperCase(Locale.ROOT));
                if (d.isNegative() || d.isZero()) {
                    throw new PaymentConfigurationException(name, "must be a positive duration");
                }
                return d;
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new PaymentConfigurationException(name,
                        "'" + value + "' is not a duration such as PT15M or 900 (seconds)");
            }
        });
    }

    public Optional<Integer> optionalPositiveInt(String name) {
        return optional(name).map(value -> {
            try {
                int n = Integer.parseInt(value);
                if (n <= 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new PaymentConfigurationException(name, "'" + value
                        + "' is not a positive whole number");
            }
        });
    }

    public Optional<Currency> optionalCurrency(String name) {
        return optional(name).map(value -> {
            try {
                return Currency.getInstance(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new PaymentConfigurationException(name, "'" + value
                        + "' is not an ISO 4217 currency code such as UGX");
            }
        });
    }

    /** A two-letter ISO 3166 country code, upper-cased. */
    public Optional<String> optionalCountry(String name) {
        return optional(name).map(value -> {
            String code = value.toUpperCase(Locale.ROOT);
            if (!Arrays.asList(Locale.getISOCountries()).contains(code)) {
                throw new PaymentConfigurationException(name, "'" + value
                        + "' is not a two-letter ISO country code such as UG");
            }
            return code;
        });
    }

    public <E extends Enum<E>> Optional<E> optionalEnum(String name, Class<E> type) {
        return optional(name).map(value -> {
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                String allowed = Arrays.stream(type.getEnumConstants())
                        .map(c -> c.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "));
                throw new PaymentConfigurationException(name, "'" + value + "' is not one of "
                        + allowed);
            }
        });
    }

    /** Parses an absolute http(s) URI, failing with a message that names the variable. */
    public static URI parseUri(String name, String value) {
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new PaymentConfigurationException(name, "'" + value
                        + "' is not an absolute http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new PaymentConfigurationException(name, "'" + value + "' is not a valid URL");
        }
    }

    /** In production, refuses a plain-HTTP URL: money callbacks must travel over TLS. */
    public static void requireHttpsIn(PaymentEnvironment environment, String name, URI uri) {
        if (environment.isProduction() && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new PaymentConfigurationException(name,
                    "must use https in production, got " + uri.getScheme() + "://" + uri.getHost());
        }
    }
}
