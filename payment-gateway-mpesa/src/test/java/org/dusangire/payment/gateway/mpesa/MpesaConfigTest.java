package org.dusangire.payment.gateway.mpesa;

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

class MpesaConfigTest {
    private static final String SECRET = "s3cr3t-consumer-secret-value";
    private static final String PASSKEY = "passkey-0123456789abcdef";

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of(
                "MPESA_CONSUMER_KEY", "consumer-key", "MPESA_CONSUMER_SECRET", SECRET,
                "MPESA_SHORTCODE", "601426", "MPESA_PASSKEY", PASSKEY));
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                env.remove(pairs[i]);
            } else {
                env.put(pairs[i], pairs[i + 1]);
            }
        }
        return env;
    }

    @Test
    void defaultsFollowThePaymentEnvironment() {
        MpesaConfig sandbox = MpesaConfig.fromEnvironment(env(), PaymentEnvironment.SANDBOX);
        MpesaConfig production = MpesaConfig.fromEnvironment(env(), PaymentEnvironment.PRODUCTION);

        assertThat(sandbox.baseUrl()).isEqualTo(URI.create("https://sandbox.safaricom.co.ke"));
        assertThat(production.baseUrl()).isEqualTo(URI.create("https://api.safaricom.co.ke"));
        assertThat(sandbox.transactionType()).isEqualTo(MpesaConfig.TransactionType.PAY_BILL);
        assertThat(sandbox.partyB()).as("the pay bill receives").isEqualTo("601426");
        assertThat(sandbox.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(sandbox.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(sandbox.maxAttempts()).isEqualTo(3);
        assertThat(sandbox.toString()).doesNotContain(SECRET).doesNotContain(PASSKEY);
    }

    @Test
    void buyGoodsPaysIntoTheTill() {
        MpesaConfig config = MpesaConfig.fromEnvironment(env("MPESA_TRANSACTION_TYPE",
                "CustomerBuyGoodsOnline", "MPESA_PARTY_B", "5432109", "MPESA_CONNECT_TIMEOUT", "PT2S",
                "MPESA_REQUEST_TIMEOUT", "12", "MPESA_MAX_ATTEMPTS", "5"), PaymentEnvironment.SANDBOX);

        assertThat(config.transactionType().wire()).isEqualTo("CustomerBuyGoodsOnline");
        assertThat(config.partyB()).isEqualTo("5432109");
        assertThat(config.shortcode()).isEqualTo("601426");
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(config.maxAttempts()).isEqualTo(5);
    }

    @Test
    void everyProblemIsReportedAtOnceWithoutShowingASecret() {
        Map<String, String> broken = env("MPESA_CONSUMER_KEY", null, "MPESA_CONSUMER_SECRET", null,
                "MPESA_SHORTCODE", "12ab", "MPESA_PASSKEY", "", "MPESA_TRANSACTION_TYPE", "Cash",
                "MPESA_PARTY_B", "till", "MPESA_BASE_URL", "not a url", "MPESA_MAX_ATTEMPTS", "0",
                "MPESA_REQUEST_TIMEOUT", "soon");

        assertThatThrownBy(() -> MpesaConfig.fromEnvironment(broken, PaymentEnvironment.SANDBOX))
                .isInstanceOfSatisfying(PaymentConfigurationException.class, e -> {
                    assertThat(e.problems()).extracting(PaymentConfigurationException.Problem::variable)
                            .containsExactlyInAnyOrder("MPESA_CONSUMER_KEY", "MPESA_CONSUMER_SECRET",
                                    "MPESA_SHORTCODE", "MPESA_PASSKEY", "MPESA_TRANSACTION_TYPE",
                                    "MPESA_PARTY_B", "MPESA_BASE_URL", "MPESA_MAX_ATTEMPTS",
                                    "MPESA_REQUEST_TIMEOUT");
                    assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain(PASSKEY);
                });
    }

    @ParameterizedTest
    @CsvSource({
            "MPESA_BASE_URL, http://api.safaricom.co.ke, MPESA_BASE_URL",
            "MPESA_BASE_URL, https://sandbox.safaricom.co.ke, MPESA_BASE_URL",
            "MPESA_SHORTCODE, 174379, MPESA_SHORTCODE"})
    void productionRefusesSandboxSettingsAndPlainHttp(String name, String value, String variable) {
        assertThatThrownBy(() -> MpesaConfig.fromEnvironment(env(name, value),
                PaymentEnvironment.PRODUCTION))
                .isInstanceOfSatisfying(PaymentConfigurationException.class,
                        e -> assertThat(e.variable()).isEqualTo(variable));
    }

    @Test
    void theSandboxTakesPlainHttpForASimulatorOnLoopback() {
        MpesaConfig config = MpesaConfig.fromEnvironment(env("MPESA_BASE_URL",
                "http://127.0.0.1:9105", "MPESA_SHORTCODE", "174379"), PaymentEnvironment.SANDBOX);

        assertThat(config.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9105"));
    }

    @Test
    void theBuilderChecksTheSameWay() {
        assertThatThrownBy(() -> MpesaConfig.builder().shortcode("601426").build())
                .isInstanceOfSatisfying(PaymentConfigurationException.class,
                        e -> assertThat(e.problems()).extracting(PaymentConfigurationException.Problem::variable)
                                .containsExactly("MPESA_CONSUMER_KEY", "MPESA_CONSUMER_SECRET",
                                        "MPESA_PASSKEY"));
    }
}
