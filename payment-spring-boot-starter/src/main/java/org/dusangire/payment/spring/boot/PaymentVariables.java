package org.dusangire.payment.spring.boot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dusangire.payment.core.config.PaymentConfig;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * The library's configuration variables, read from Spring's {@link Environment} into the map
 * that the library's own {@code fromEnvironment} readers take, so one set of rules checks them
 * whichever way they were set. A property counts as a variable when its name, upper-cased with
 * {@code .}, {@code -} and camel-case humps turned into {@code _}, is one of the library's names:
 * {@code mtn-momo.api-key}, {@code mtnMomo.apiKey} and {@code MTN_MOMO_API_KEY} are all
 * {@code MTN_MOMO_API_KEY}. The variables without {@code PAYMENT_} in their name may also be
 * written under {@code payment.}, beside the starter's own settings: {@code payment.site-url} is
 * {@code SITE_URL}, {@code payment.mtn-momo.api-key} is {@code MTN_MOMO_API_KEY}, {@code payment.mpesa.consumer-key} is
 * {@code MPESA_CONSUMER_KEY}. Sources are read in Spring's order, so the first (an environment
 * variable before {@code application.yml}) wins, as it would for any Spring property.
 */
final class PaymentVariables {
    /** Families of the library's variables: the core's and each gateway module's. */
    private static final List<String> PREFIXES =
            List.of("PAYMENT_", "MTN_MOMO_", "AIRTEL_MONEY_", "FLUTTERWAVE_", "MPESA_");
    /** The core's variables that carry no family prefix. */
    private static final Set<String> NAMES = Set.of(PaymentConfig.SITE_URL, PaymentConfig.HOSPITAL_NAME);

    private PaymentVariables() {
    }

    /** The library's variables present in {@code environment}, by their variable names. */
    static Map<String, String> read(Environment environment) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return variables;
        }
        for (PropertySource<?> source : configurable.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            for (String name : enumerable.getPropertyNames()) {
                String variable = unprefixed(variableName(name));
                if (!isLibraryVariable(variable) || variables.containsKey(variable)) {
                    continue;
                }
                Object value = enumerable.getProperty(name);
                if (value != null) {
                    variables.put(variable, configurable.resolvePlaceholders(String.valueOf(value)));
                }
            }
        }
        return variables;
    }

    /** {@code payment.route-prefix}, {@code paymentRoutePrefix}: {@code PAYMENT_ROUTE_PREFIX}. */
    static String variableName(String propertyName) {
        StringBuilder out = new StringBuilder(propertyName.length() + 8);
        char previous = 0;
        for (int i = 0; i < propertyName.length(); i++) {
            char c = propertyName.charAt(i);
            if (c == '.' || c == '-') {
                out.append('_');
            } else if (Character.isUpperCase(c) && Character.isLowerCase(previous)) {
                out.append('_').append(c);
            } else {
                out.append(Character.toUpperCase(c));
            }
            previous = c;
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * {@code PAYMENT_SITE_URL} (from {@code payment.site-url}): {@code SITE_URL}, and so for every
     * variable of the library that has no {@code PAYMENT_} of its own; other names unchanged.
     */
    static String unprefixed(String variable) {
        if (variable.startsWith(PREFIXES.get(0))) {
            String rest = variable.substring(PREFIXES.get(0).length());
            if (!rest.startsWith(PREFIXES.get(0)) && isLibraryVariable(rest)) {
                return rest;
            }
        }
        return variable;
    }

    private static boolean isLibraryVariable(String variable) {
        if (NAMES.contains(variable)) {
            return true;
        }
        for (String prefix : PREFIXES) {
            if (variable.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
