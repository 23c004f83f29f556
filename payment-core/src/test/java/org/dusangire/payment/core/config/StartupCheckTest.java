package org.dusangire.payment.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentConfigurationException.Problem;
import org.junit.jupiter.api.Test;

/** Every configuration checked in one pass, every problem reported in one exception. */
class StartupCheckTest {

    /** A stand-in for a gateway config: needs GW_KEY, refuses GW_MODE=bad in production. */
    record GatewayConfig(String key) {
        static GatewayConfig fromEnvironment(Map<String, String> env, PaymentEnvironment environment) {
            ConfigProblems p = new ConfigProblems();
            EnvironmentReader r = new EnvironmentReader(env);
            String key = p.check(() -> r.required("GW_KEY"));
            if (environment.isProduction() && "bad".equals(env.get("GW_MODE"))) {
                p.add(new PaymentConfigurationException("GW_MODE", "bad in production"));
            }
            p.throwIfAny();
            return new GatewayConfig(key);
        }
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void aGoodConfigurationGivesEveryConfig() {
        StartupCheck.Result r = StartupCheck.of(env("SITE_URL", "https://h.example", "GW_KEY", "k"))
                .gateway(GatewayConfig.class, GatewayConfig::fromEnvironment).check();

        assertThat(r.payment().siteUrl()).hasToString("https://h.example");
        assertThat(r.gateway(GatewayConfig.class).key()).isEqualTo("k");
    }

    @Test
    void everyProblemOfEveryConfigIsListedInOneException() {
        Map<String, String> env = env("PAYMENT_ENVIRONMENT", "production",
                "SITE_URL", "http://h.example", "PAYMENT_RECONCILE_BATCH", "many",
                "PAYMENT_TTL_MTN_MOBILE_MONY", "PT5M", "GW_MODE", "bad");

        assertThatThrownBy(() -> StartupCheck.of(env)
                .gateway(GatewayConfig.class, GatewayConfig::fromEnvironment).check())
                .isInstanceOfSatisfying(PaymentConfigurationException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::variable).containsExactlyInAnyOrder(
                            "SITE_URL", "PAYMENT_TTL_MTN_MOBILE_MONY", "PAYMENT_RECONCILE_BATCH",
                            "GW_KEY", "GW_MODE");
                    assertThat(e.getMessage()).contains("5 problems").contains("SITE_URL: must use https")
                            .contains("GW_KEY: is required");
                });
    }

    @Test
    void anOptionalGatewayIsCheckedOnlyWhenItsVariableIsSet() {
        StartupCheck check = StartupCheck.of(env("SITE_URL", "https://h.example"))
                .gatewayIfSet("GW_KEY", GatewayConfig.class, GatewayConfig::fromEnvironment);

        assertThat(check.check().find(GatewayConfig.class)).isEmpty();
        assertThatThrownBy(() -> StartupCheck.of(env("SITE_URL", "https://h.example", "GW_KEY", "k",
                "PAYMENT_ENVIRONMENT", "production", "GW_MODE", "bad"))
                .gatewayIfSet("GW_KEY", GatewayConfig.class, GatewayConfig::fromEnvironment).check())
                .hasMessageContaining("GW_MODE");
    }

    @Test
    void anUnreadableEnvironmentSaysTheGatewaysWaitForIt() {
        assertThatThrownBy(() -> StartupCheck.of(env("PAYMENT_ENVIRONMENT", "staging"))
                .gateway(GatewayConfig.class, GatewayConfig::fromEnvironment).check())
                .isInstanceOfSatisfying(PaymentConfigurationException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::variable)
                            .containsExactly("PAYMENT_ENVIRONMENT", "SITE_URL", null);
                    assertThat(e.getMessage()).contains("checked once PAYMENT_ENVIRONMENT is valid");
                });
    }
}
