package org.dusangire.payment.gateway.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.junit.jupiter.api.Test;

class FlutterwaveConfigTest {

    static final String TEST_SECRET = "FLWSECK_TEST-FAKE-SIMULATOR-KEY-X";
    static final String LIVE_SECRET = "FLWSECK-FAKE-LIVE-LOOKING-KEY-X";
    static final String TEST_PUBLIC = "FLWPUBK_TEST-FAKE-SIMULATOR-KEY-X";
    static final String LIVE_PUBLIC = "FLWPUBK-FAKE-LIVE-LOOKING-KEY-X";

    private static Map<String, String> env(String secret, String publicKey, String hash) {
        Map<String, String> env = new HashMap<>();
        env.put("FLUTTERWAVE_SECRET_KEY", secret);
        if (publicKey != null) {
            env.put("FLUTTERWAVE_PUBLIC_KEY", publicKey);
        }
        if (hash != null) {
            env.put("FLUTTERWAVE_SECRET_HASH", hash);
        }
        return env;
    }

    private static void assertRefused(Map<String, String> env, PaymentEnvironment environment,
            String variable, String text) {
        assertThatThrownBy(() -> FlutterwaveConfig.fromEnvironment(env, environment))
                .isInstanceOfSatisfying(PaymentConfigurationException.class,
                        e -> assertThat(e.variable()).isEqualTo(variable))
                .hasMessageStartingWith(variable).hasMessageContaining(text);
    }

    @Test
    void sandboxReadsEveryVariableWithDefaults() {
        var config = FlutterwaveConfig.fromEnvironment(env(TEST_SECRET, TEST_PUBLIC, "h"),
                PaymentEnvironment.SANDBOX);

        assertThat(config.baseUrl()).hasToString("https://api.flutterwave.com/v3");
        assertThat(config.checkoutSessionWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.testMode()).isTrue();
        assertThat(config.secretHash().matches("h")).isTrue();
        assertThat(config.toString()).doesNotContain(TEST_SECRET).doesNotContain("=h");
    }

    @Test
    void testKeyInProductionIsRefusedNamingTheVariable() {
        assertRefused(env(TEST_SECRET, null, "h"), PaymentEnvironment.PRODUCTION,
                "FLUTTERWAVE_SECRET_KEY", "test-mode key");
        assertRefused(env(LIVE_SECRET, TEST_PUBLIC, "h"), PaymentEnvironment.PRODUCTION,
                "FLUTTERWAVE_PUBLIC_KEY", "test-mode key");
    }

    @Test
    void liveKeyInSandboxIsRefusedNamingTheVariable() {
        assertRefused(env(LIVE_SECRET, null, null), PaymentEnvironment.SANDBOX,
                "FLUTTERWAVE_SECRET_KEY", "live key");
        assertRefused(env(TEST_SECRET, LIVE_PUBLIC, null), PaymentEnvironment.SANDBOX,
                "FLUTTERWAVE_PUBLIC_KEY", "live key");
    }

    @Test
    void productionNeedsAHashHttpsAndAllowsNoUnsignedWebhooks() {
        assertRefused(env(LIVE_SECRET, LIVE_PUBLIC, null), PaymentEnvironment.PRODUCTION,
                "FLUTTERWAVE_SECRET_HASH", "required in production");
        var plain = env(LIVE_SECRET, null, "h");
        plain.put("FLUTTERWAVE_BASE_URL", "http://api.flutterwave.com/v3");
        assertRefused(plain, PaymentEnvironment.PRODUCTION, "FLUTTERWAVE_BASE_URL", "https");
        var unsigned = env(LIVE_SECRET, null, "h");
        unsigned.put("FLUTTERWAVE_ALLOW_UNSIGNED_WEBHOOKS", "true");
        assertRefused(unsigned, PaymentEnvironment.PRODUCTION, "FLUTTERWAVE_ALLOW_UNSIGNED_WEBHOOKS", "never");
        assertThat(FlutterwaveConfig.fromEnvironment(env(LIVE_SECRET, LIVE_PUBLIC, "h"),
                PaymentEnvironment.PRODUCTION).testMode()).isFalse();
    }

    @Test
    void missingOrMalformedValuesNameTheirVariable() {
        assertRefused(Map.of(), PaymentEnvironment.SANDBOX, "FLUTTERWAVE_SECRET_KEY", "required");
        assertRefused(env("sk_test_stripe", null, null), PaymentEnvironment.SANDBOX,
                "FLUTTERWAVE_SECRET_KEY", "does not look like");
        var window = env(TEST_SECRET, null, null);
        window.put("FLUTTERWAVE_CHECKOUT_WINDOW", "soon");
        assertRefused(window, PaymentEnvironment.SANDBOX, "FLUTTERWAVE_CHECKOUT_WINDOW", "duration");
        var url = env(TEST_SECRET, null, null);
        url.put("FLUTTERWAVE_BASE_URL", "ftp://x");
        assertRefused(url, PaymentEnvironment.SANDBOX, "FLUTTERWAVE_BASE_URL", "http");
        var flag = env(TEST_SECRET, null, null);
        flag.put("FLUTTERWAVE_ALLOW_UNSIGNED_WEBHOOKS", "yes");
        assertRefused(flag, PaymentEnvironment.SANDBOX, "FLUTTERWAVE_ALLOW_UNSIGNED_WEBHOOKS", "true or false");
    }

    @Test
    void windowAndTimeoutCanBeSetAsSecondsOrIso() {
        var e = env(TEST_SECRET, null, null);
        e.put("FLUTTERWAVE_CHECKOUT_WINDOW", "PT45M");
        e.put("FLUTTERWAVE_TIMEOUT", "50");

        var config = FlutterwaveConfig.fromEnvironment(e, PaymentEnvironment.SANDBOX);

        assertThat(config.checkoutSessionWindow()).isEqualTo(Duration.ofMinutes(45));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(50));
    }
}
