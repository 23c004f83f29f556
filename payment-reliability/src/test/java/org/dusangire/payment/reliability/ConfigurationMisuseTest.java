package org.dusangire.payment.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dusangire.payment.core.config.StartupCheck;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.gateway.airtel.AirtelMoneyConfig;
import org.dusangire.payment.gateway.airtel.AirtelMoneyGateway;
import org.dusangire.payment.gateway.flutterwave.FlutterwaveConfig;
import org.dusangire.payment.gateway.flutterwave.FlutterwaveGateway;
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
    private static final String LIVE_FLW_KEY = "FLWSECK-" + SECRET + "-X";

    /** A production configuration that starts. */
    static Map<String, String> production() {
        Map<String, String> env = new HashMap<>();
        env.put("PAYMENT_ENVIRONMENT", "production");
        env.put("SITE_URL", "https://pay.hospital.example");
        env.put("MTN_MOMO_API_KEY", "00000000-1111-4222-8333-444444444444");
        env.put("MTN_MOMO_API_SECRET", SECRET);
        env.put("MTN_MOMO_SUBSCRIPTION_KEY", "sub-key-0123456789");
        env.put("MTN_MOMO_TARGET_ENVIRONMENT", "mtnuganda");
        env.put("AIRTEL_MONEY_CLIENT_ID", "7c1e5a90-airtel-client");
        env.put("AIRTEL_MONEY_CLIENT_SECRET", SECRET);
        env.put("AIRTEL_MONEY_CALLBACK_PRIVATE_KEY", "airtel-callback-key-0042");
        env.put("FLUTTERWAVE_PUBLIC_KEY", "FLWPUBK-FAKE-PUBLIC-KEY-FOR-TESTS-X");
        env.put("FLUTTERWAVE_SECRET_KEY", LIVE_FLW_KEY);
        env.put("FLUTTERWAVE_SECRET_HASH", "flw-dashboard-hash-0042");
        return env;
    }

    /** What a host runs at start-up. */
    static PaymentService start(Map<String, String> env) {
        // every config is checked in one pass before the repository exists
        StartupCheck.Result checked = check(env);
        return PaymentService.builder().config(checked.payment())
                .repository(new InMemoryPaymentRepository())
                .gateway(new MtnMomoGateway(checked.gateway(MtnMomoConfig.class)))
                .gateway(new AirtelMoneyGateway(checked.gateway(AirtelMoneyConfig.class)))
                .gateway(new FlutterwaveGateway(checked.gateway(FlutterwaveConfig.class)))
                .build();
    }

    static StartupCheck.Result check(Map<String, String> env) {
        return StartupCheck.of(env)
                .gateway(MtnMomoConfig.class, MtnMomoConfig::fromEnvironment)
                .gateway(AirtelMoneyConfig.class, AirtelMoneyConfig::fromEnvironment)
                .gateway(FlutterwaveConfig.class, FlutterwaveConfig::fromEnvironment)
                .check();
    }

    /** {@code variable} set to {@code value} (removed when null), after the changes in {@code also}. */
    record Case(String what, String variable, String value, Map<String, String> also) {
        Case(String what, String variable, String value) {
            this(what, variable, value, Map.of());
        }

        Map<String, String> env() {
            Map<String, String> env = production();
            env.putAll(also);
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
                "MTN_MOMO_SUBSCRIPTION_KEY", "MTN_MOMO_TARGET_ENVIRONMENT", "AIRTEL_MONEY_CLIENT_ID",
                "AIRTEL_MONEY_CLIENT_SECRET", "AIRTEL_MONEY_CALLBACK_PRIVATE_KEY", "FLUTTERWAVE_SECRET_KEY",
                "FLUTTERWAVE_SECRET_HASH")) {
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
        c.add(new Case("malformed", "PAYMENT_EVENT_LEASE", "PT0S"));
        c.add(new Case("malformed", "PAYMENT_RECONCILE_BATCH", "0"));
        c.add(new Case("malformed", "PAYMENT_RECONCILE_BATCH", "many"));
        c.add(new Case("malformed", "MTN_MOMO_API_KEY", "user:password"));
        c.add(new Case("not a UUID", "MTN_MOMO_API_KEY", "my-mtn-api-user"));
        c.add(new Case("unknown name", "PAYMENT_TTL_MTN_MOBILE_MONY", "PT5M"));
        c.add(new Case("unknown name", "PAYMENT_TTL_MOBILE_MONEY", "PT5M"));
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
        // Airtel Money
        c.add(new Case("malformed", "AIRTEL_MONEY_BASE_URL", "::not-a-url"));
        c.add(new Case("malformed", "AIRTEL_MONEY_BASE_URL", "openapi.airtel.africa"));
        c.add(new Case("malformed", "AIRTEL_MONEY_COUNTRY", "Uganda"));
        c.add(new Case("malformed", "AIRTEL_MONEY_CURRENCY", "UGXX"));
        c.add(new Case("malformed", "AIRTEL_MONEY_MESSAGE_SIGNING", "maybe"));
        c.add(new Case("malformed", "AIRTEL_MONEY_RSA_PUBLIC_KEY", "not-a-key"));
        c.add(new Case("malformed", "AIRTEL_MONEY_REQUEST_TIMEOUT", "soon"));
        c.add(new Case("malformed", "AIRTEL_MONEY_MAX_ATTEMPTS", "0"));
        c.add(new Case("test key in production", "AIRTEL_MONEY_BASE_URL",
                "https://openapiuat.airtel.africa"));
        c.add(new Case("plain HTTP in production", "AIRTEL_MONEY_BASE_URL",
                "http://openapi.airtel.africa"));
        // Flutterwave
        c.add(new Case("malformed", "FLUTTERWAVE_BASE_URL", "::not-a-url"));
        c.add(new Case("malformed", "FLUTTERWAVE_BASE_URL", "api.flutterwave.com/v3"));
        c.add(new Case("malformed", "FLUTTERWAVE_SECRET_KEY", "sk_live_" + SECRET));
        c.add(new Case("malformed", "FLUTTERWAVE_PUBLIC_KEY", "pk_live_0123456789"));
        c.add(new Case("malformed", "FLUTTERWAVE_CHECKOUT_WINDOW", "half an hour"));
        c.add(new Case("malformed", "FLUTTERWAVE_TIMEOUT", "PT0S"));
        c.add(new Case("malformed", "FLUTTERWAVE_ALLOW_UNSIGNED_WEBHOOKS", "yes"));
        c.add(new Case("test key in production", "FLUTTERWAVE_SECRET_KEY",
                "FLWSECK_TEST-" + SECRET + "-X"));
        c.add(new Case("test key in production", "FLUTTERWAVE_PUBLIC_KEY",
                "FLWPUBK_TEST-FAKE-PUBLIC-KEY-FOR-TESTS-X"));
        c.add(new Case("unsigned webhooks in production", "FLUTTERWAVE_ALLOW_UNSIGNED_WEBHOOKS", "true"));
        c.add(new Case("live key in sandbox", "FLUTTERWAVE_SECRET_KEY", LIVE_FLW_KEY,
                Map.of("PAYMENT_ENVIRONMENT", "sandbox", "MTN_MOMO_TARGET_ENVIRONMENT", "sandbox",
                        "FLUTTERWAVE_PUBLIC_KEY", "FLWPUBK_TEST-FAKE-PUBLIC-KEY-FOR-TESTS-X")));
        c.add(new Case("plain HTTP in production", "FLUTTERWAVE_BASE_URL",
                "http://api.flutterwave.com/v3"));
        return c;
    }

    @Test
    void productionConfigurationStarts() {
        assertThat(start(production()).config().environment().isProduction()).isTrue();
    }

    @Test
    void everyMisuseFailsAtStartUpNamingTheVariable() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        int refusedNamingVariable = 0;
        for (Case c : cases()) {
            checked++;
            try {
                start(c.env());
                wrong.add(c.what() + " " + c.variable() + "=" + c.value() + ": started");
            } catch (PaymentConfigurationException e) {
                if (!e.getMessage().contains(c.variable())) {
                    wrong.add(c.what() + " " + c.variable() + "=" + c.value()
                            + ": message does not name it: " + e.getMessage());
                } else if (e.getMessage().contains(SECRET)) {
                    wrong.add(c.what() + " " + c.variable() + ": message shows the secret");
                } else {
                    refusedNamingVariable++;
                }
            } catch (RuntimeException e) {
                wrong.add(c.what() + " " + c.variable() + "=" + c.value() + ": "
                        + e.getClass().getSimpleName() + " instead of a configuration error: "
                        + e.getMessage());
            }
        }
        String line = Figures.of("config").put("cases", checked)
                .put("refusedNamingVariable", refusedNamingVariable).put("wrong", wrong.size())
                .print();
        assertThat(wrong).as(line).isEmpty();
        assertThat(refusedNamingVariable).as(line).isEqualTo(checked).isEqualTo(cases().size());
    }

    /** Several mistakes at once: one refusal lists every one, so one restart fixes them all. */
    @Test
    void severalMistakesAreAllListedInOneRefusal() {
        Map<String, String> env = production();
        env.put("SITE_URL", "http://pay.hospital.example");
        env.put("PAYMENT_TTL_MTN_MOBILE_MONY", "PT5M");
        env.put("MTN_MOMO_API_KEY", "my-mtn-api-user");
        env.remove("AIRTEL_MONEY_CALLBACK_PRIVATE_KEY");
        env.put("FLUTTERWAVE_SECRET_KEY", "FLWSECK_TEST-" + SECRET + "-X");
        env.put("FLUTTERWAVE_TIMEOUT", "PT0S");
        List<String> expected = List.of("SITE_URL", "PAYMENT_TTL_MTN_MOBILE_MONY", "MTN_MOMO_API_KEY",
                "AIRTEL_MONEY_CALLBACK_PRIVATE_KEY", "FLUTTERWAVE_SECRET_KEY", "FLUTTERWAVE_TIMEOUT");

        PaymentConfigurationException refused = null;
        try {
            check(env);
        } catch (PaymentConfigurationException e) {
            refused = e;
        }

        assertThat(refused).as("refused").isNotNull();
        List<String> named = refused.problems().stream().map(PaymentConfigurationException.Problem::variable)
                .toList();
        assertThat(named).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(refused.getMessage()).doesNotContain(SECRET).doesNotContain("my-mtn-api-user");
    }
}
