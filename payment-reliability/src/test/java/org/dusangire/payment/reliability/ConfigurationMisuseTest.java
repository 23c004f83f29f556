package org.dusangire.payment.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.gateway.mtn.MtnMomoConfig;
import org.dusangire.payment.gateway.mtn.MtnMomoGateway;
import org.dusangire.payment.testkit.InMemoryPaymentRepository;
import org.junit.jupiter.api.Test;

/**
 * Start-up from environment variables, as a host does it, with each variable missing or
 * malformed, a sandbox (test) credential in production and plain-HTTP URLs in production: every
 * case fails at start-up with a {@link PaymentConfigurationException} whose message names the
 * variable to fix, and never leaks the secret it was given.
 */
class ConfigurationMisuseTest {
    private static final String SECRET = "s3cr3t-api-key-value-0042";

    /** A production configuration that starts. */
    static Map<String, String> production() {
        Map<String, String> env = new HashMap<>();
        env.put("PAYMENT_ENVIRONMENT", "production");
        env.put("SITE_URL", "https://pay.hospital.example");
        env.put("MTN_MOMO_API_KEY", "0f4b4c5e-7a1d-4c39-9d0a-5b8e2f6a3c71");
        env.put("MTN_MOMO_API_SECRET", SECRET);
        env.put("MTN_MOMO_SUBSCRIPTION_KEY", "sub-key-0123456789");
        env.put("MTN_MOMO_TARGET_ENVIRONMENT", "mtnuganda");
        return env;
    }

    /** What a host runs at start-up. */
    static PaymentService start(Map<String, String> env) {
        PaymentConfig config = PaymentConfig.fromEnvironment(env);
        return PaymentService.builder().config(config)
                .repository(new InMemoryPaymentRepository())
                .gateway(new MtnMomoGateway(MtnMomoConfig.fromEnvironment(env, config.environment())))
                .build();
    }

    record Case(String what, String variable, String value) {
        Map<String, String> env() {
            Map<String, String> env = production();
            if (value == null) {
                env.remove(variable);
            } else {
                env.put(variable, value);
            }
            return env;
        }
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        for (String required : List.of("SITE_URL", "MTN_MOMO_API_KEY", "MTN_MOMO_API_SECRET",
                "MTN_MOMO_SUBSCRIPTION_KEY", "MTN_MOMO_TARGET_ENVIRONMENT")) {
            c.add(new Case("missing", required, null));
            c.add(new Case("empty", required, ""));
            c.add(new Case("blank", required, "   "));
        }
        c.add(new Case("malformed", "PAYMENT_ENVIRONMENT", "staging"));
        c.add(new Case("malformed", "SITE_URL", "not a url"));
        c.add(new Case("malformed", "SITE_URL", "pay.hospital.example"));
        c.add(new Case("malformed", "SITE_URL", "ftp://pay.hospital.example"));
        c.add(new Case("malformed", "PAYMENT_CURRENCY", "SHILLINGS"));
        c.add(new Case("malformed", "PAYMENT_COUNTRY", "Uganda"));
        c.add(new Case("malformed", "PAYMENT_TTL_CARD", "2 hours"));
        c.add(new Case("malformed", "PAYMENT_TTL_MTN_MOBILE_MONEY", "-PT5M"));
        c.add(new Case("malformed", "PAYMENT_RECONCILE_AFTER", "PT0S"));
        c.add(new Case("malformed", "PAYMENT_RECONCILE_LEASE", "soon"));
        c.add(new Case("malformed", "PAYMENT_RECONCILE_BATCH", "0"));
        c.add(new Case("malformed", "PAYMENT_RECONCILE_BATCH", "many"));
        c.add(new Case("malformed", "MTN_MOMO_API_KEY", "user:password"));
        c.add(new Case("malformed", "MTN_MOMO_TARGET_ENVIRONMENT", "mtn uganda!"));
        c.add(new Case("malformed", "MTN_MOMO_BASE_URL", "::not-a-url"));
        c.add(new Case("malformed", "MTN_MOMO_CURRENCY", "UGXX"));
        c.add(new Case("malformed", "MTN_MOMO_CONNECT_TIMEOUT", "5 seconds"));
        c.add(new Case("malformed", "MTN_MOMO_REQUEST_TIMEOUT", "PT0S"));
        c.add(new Case("malformed", "MTN_MOMO_MAX_ATTEMPTS", "0"));
        c.add(new Case("malformed", "MTN_MOMO_MAX_ATTEMPTS", "11"));
        c.add(new Case("malformed", "MTN_MOMO_MAX_ATTEMPTS", "three"));
        c.add(new Case("malformed", "MTN_MOMO_VALIDATE_ACCOUNT_HOLDER", "maybe"));
        c.add(new Case("test key in production", "MTN_MOMO_TARGET_ENVIRONMENT", "sandbox"));
        c.add(new Case("test key in production", "MTN_MOMO_BASE_URL",
                "https://sandbox.momodeveloper.mtn.com"));
        c.add(new Case("plain HTTP in production", "SITE_URL", "http://pay.hospital.example"));
        c.add(new Case("plain HTTP in production", "MTN_MOMO_BASE_URL", "http://proxy.mtn.com"));
        return c;
    }

    @Test
    void productionConfigurationStarts() {
        assertThat(start(production()).config().environment().isProduction()).isTrue();
    }

    @Test
    void everyMisuseFailsAtStartUpNamingTheVariable() {
        List<String> wrong = new ArrayList<>();
        List<Case> cases = cases();
        for (Case c : cases) {
            try {
                start(c.env());
                wrong.add(c.what() + " " + c.variable() + "=" + c.value() + ": started");
            } catch (PaymentConfigurationException e) {
                if (!e.getMessage().contains(c.variable())) {
                    wrong.add(c.what() + " " + c.variable() + "=" + c.value()
                            + ": message does not name it: " + e.getMessage());
                } else if (e.getMessage().contains(SECRET)) {
                    wrong.add(c.what() + " " + c.variable() + ": message shows the secret");
                }
            } catch (RuntimeException e) {
                wrong.add(c.what() + " " + c.variable() + "=" + c.value() + ": "
                        + e.getClass().getSimpleName() + " instead of a configuration error: "
                        + e.getMessage());
            }
        }
        String line = Figures.of("config").put("cases", cases.size())
                .put("refusedNamingVariable", cases.size() - wrong.size()).put("wrong", wrong.size())
                .print();
        assertThat(wrong).as(line).isEmpty();
    }
}
