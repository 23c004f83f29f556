package org.dusangire.payment.gateway.mtn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MtnMomoConfigTest {
    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of(
                "MTN_MOMO_API_KEY", "00000000-1111-4222-8333-444444444444",
                "MTN_MOMO_API_SECRET", "fake-api-key-0000-for-tests-only",
                "MTN_MOMO_SUBSCRIPTION_KEY", "collection-key"));
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                env.remove(pairs[i]);
            } else {
                env.put(pairs[i], pairs[i + 1]);
            }
        }
        return env;
    }

    private static void assertNames(String variable, Map<String, String> env, PaymentEnvironment environment) {
        assertThatThrownBy(() -> MtnMomoConfig.fromEnvironment(env, environment))
                .isInstanceOfSatisfying(PaymentConfigurationException.class, e -> {
                    assertThat(e.variable()).isEqualTo(variable);
                    assertThat(e.getMessage()).startsWith(variable);
                });
    }

    @Test
    void sandboxNeedsOnlyTheThreeCredentialsAndDefaultsToMtnSandboxInEur() {
        MtnMomoConfig c = MtnMomoConfig.fromEnvironment(env(), PaymentEnvironment.SANDBOX);

        assertThat(c.targetEnvironment()).isEqualTo("sandbox");
        assertThat(c.baseUrl()).isEqualTo(URI.create("https://sandbox.momodeveloper.mtn.com"));
        assertThat(c.currency().getCurrencyCode()).isEqualTo("EUR");
        assertThat(c.disbursementSubscriptionKey()).isEmpty();
        assertThat(c.validateAccountHolder()).isFalse();
        assertThat(c.toString()).doesNotContain("f1db798c").doesNotContain("collection-key");
    }

    @ParameterizedTest
    @CsvSource({"MTN_MOMO_API_KEY", "MTN_MOMO_API_SECRET", "MTN_MOMO_SUBSCRIPTION_KEY"})
    void eachMissingCredentialIsNamed(String variable) {
        assertNames(variable, env(variable, null), PaymentEnvironment.SANDBOX);
        assertNames(variable, env(variable, "  "), PaymentEnvironment.SANDBOX);
    }

    @ParameterizedTest
    @CsvSource({
        "MTN_MOMO_BASE_URL, ftp://x",
        "MTN_MOMO_BASE_URL, not a url",
        "MTN_MOMO_CURRENCY, shillings",
        "MTN_MOMO_REQUEST_TIMEOUT, soon",
        "MTN_MOMO_CONNECT_TIMEOUT, -5",
        "MTN_MOMO_MAX_ATTEMPTS, many",
        "MTN_MOMO_MAX_ATTEMPTS, 50",
        "MTN_MOMO_VALIDATE_ACCOUNT_HOLDER, perhaps",
        "MTN_MOMO_TARGET_ENVIRONMENT, mtn uganda!",
        "MTN_MOMO_API_KEY, user:with-colon",
        "MTN_MOMO_API_KEY, my-api-user",
        "MTN_MOMO_API_KEY, 00000000111142228333444444444444",
        "MTN_MOMO_API_KEY, 00000000-1111-4222-8333-44444444444"})
    void malformedValuesNameTheirVariable(String variable, String value) {
        assertNames(variable, env(variable, value), PaymentEnvironment.SANDBOX);
    }

    @Test
    void productionRequiresATargetEnvironmentAndDerivesCurrencyAndHost() {
        assertNames("MTN_MOMO_TARGET_ENVIRONMENT", env(), PaymentEnvironment.PRODUCTION);

        MtnMomoConfig uganda = MtnMomoConfig.fromEnvironment(env("MTN_MOMO_TARGET_ENVIRONMENT", "MTNUganda"),
                PaymentEnvironment.PRODUCTION);
        MtnMomoConfig rwanda = MtnMomoConfig.fromEnvironment(env("MTN_MOMO_TARGET_ENVIRONMENT", "mtnrwanda"),
                PaymentEnvironment.PRODUCTION);

        assertThat(uganda.targetEnvironment()).isEqualTo("mtnuganda");
        assertThat(uganda.currency().getCurrencyCode()).isEqualTo("UGX");
        assertThat(uganda.baseUrl()).isEqualTo(URI.create("https://proxy.momoapi.mtn.com"));
        assertThat(rwanda.currency().getCurrencyCode()).isEqualTo("RWF");
        assertThat(rwanda.baseUrl().getHost()).isEqualTo("proxy.momoapi.mtn.co.rw");
    }

    @Test
    void productionRefusesPlainHttpAndSandboxSettings() {
        assertNames("MTN_MOMO_BASE_URL", env("MTN_MOMO_TARGET_ENVIRONMENT", "mtnuganda",
                "MTN_MOMO_BASE_URL", "http://proxy.momoapi.mtn.com"), PaymentEnvironment.PRODUCTION);
        assertNames("MTN_MOMO_BASE_URL", env("MTN_MOMO_TARGET_ENVIRONMENT", "mtnuganda",
                "MTN_MOMO_BASE_URL", "https://sandbox.momodeveloper.mtn.com"), PaymentEnvironment.PRODUCTION);
        assertNames("MTN_MOMO_TARGET_ENVIRONMENT", env("MTN_MOMO_TARGET_ENVIRONMENT", "sandbox"),
                PaymentEnvironment.PRODUCTION);
    }

    @Test
    void unknownTargetEnvironmentNeedsAnExplicitCurrency() {
        assertNames("MTN_MOMO_CURRENCY", env("MTN_MOMO_TARGET_ENVIRONMENT", "mtnnewland"),
                PaymentEnvironment.SANDBOX);
        assertThat(MtnMomoConfig.fromEnvironment(env("MTN_MOMO_TARGET_ENVIRONMENT", "mtnnewland",
                "MTN_MOMO_CURRENCY", "xaf"), PaymentEnvironment.SANDBOX).currency().getCurrencyCode())
                .isEqualTo("XAF");
    }

    @Test
    void optionalSettingsAreRead() {
        MtnMomoConfig c = MtnMomoConfig.fromEnvironment(env(
                "MTN_MOMO_DISBURSEMENT_SUBSCRIPTION_KEY", "disb-key",
                "MTN_MOMO_BASE_URL", "http://127.0.0.1:8089",
                "MTN_MOMO_REQUEST_TIMEOUT", "PT10S",
                "MTN_MOMO_CONNECT_TIMEOUT", "2",
                "MTN_MOMO_MAX_ATTEMPTS", "1",
                "MTN_MOMO_VALIDATE_ACCOUNT_HOLDER", "yes"), PaymentEnvironment.SANDBOX);

        assertThat(c.disbursementSubscriptionKey()).isPresent();
        assertThat(c.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8089"));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.maxAttempts()).isEqualTo(1);
        assertThat(c.validateAccountHolder()).isTrue();
    }

    @Test
    void theBuilderChecksTheSameRulesAndNamesTheSameVariables() {
        assertThatThrownBy(() -> MtnMomoConfig.builder().build())
                .isInstanceOfSatisfying(PaymentConfigurationException.class,
                        e -> assertThat(e.variable()).isEqualTo("MTN_MOMO_API_KEY"));
    }

    @Test
    void aNonUuidApiUserFailsAtStartUpWithoutShowingTheValue() {
        assertThatThrownBy(() -> MtnMomoConfig.fromEnvironment(env("MTN_MOMO_API_KEY", "s3cr3t-looking-user"),
                PaymentEnvironment.SANDBOX))
                .isInstanceOf(PaymentConfigurationException.class)
                .hasMessageContaining("MTN_MOMO_API_KEY").hasMessageContaining("UUID")
                .hasMessageNotContaining("s3cr3t-looking-user");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> env = new HashMap<>();
        env.put("MTN_MOMO_API_KEY", "not-a-uuid");
        env.put("MTN_MOMO_CURRENCY", "shillings");
        env.put("MTN_MOMO_MAX_ATTEMPTS", "50");
        env.put("MTN_MOMO_BASE_URL", "https://sandbox.momodeveloper.mtn.com");
        env.put("MTN_MOMO_TARGET_ENVIRONMENT", "mtnuganda");

        assertThatThrownBy(() -> MtnMomoConfig.fromEnvironment(env, PaymentEnvironment.PRODUCTION))
                .isInstanceOfSatisfying(PaymentConfigurationException.class, e -> assertThat(
                        e.problems().stream().map(PaymentConfigurationException.Problem::variable))
                        .containsExactlyInAnyOrder("MTN_MOMO_API_KEY", "MTN_MOMO_API_SECRET",
                                "MTN_MOMO_SUBSCRIPTION_KEY", "MTN_MOMO_BASE_URL", "MTN_MOMO_CURRENCY",
                                "MTN_MOMO_MAX_ATTEMPTS"));
    }
}
