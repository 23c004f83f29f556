package org.dusangire.payment.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PaymentVariablesTest {

    @Test
    void everySpellingOfAPropertyIsItsVariableName() {
        assertThat(PaymentVariables.variableName("payment.route-prefix")).isEqualTo("PAYMENT_ROUTE_PREFIX");
        assertThat(PaymentVariables.variableName("payment.reconcile.after")).isEqualTo("PAYMENT_RECONCILE_AFTER");
        assertThat(PaymentVariables.variableName("payment.ttl.card")).isEqualTo("PAYMENT_TTL_CARD");
        assertThat(PaymentVariables.variableName("site-url")).isEqualTo("SITE_URL");
        assertThat(PaymentVariables.variableName("mtnMomo.apiKey")).isEqualTo("MTN_MOMO_API_KEY");
        assertThat(PaymentVariables.variableName("mtn-momo.api-key")).isEqualTo("MTN_MOMO_API_KEY");
        assertThat(PaymentVariables.variableName("MTN_MOMO_API_KEY")).isEqualTo("MTN_MOMO_API_KEY");
    }

    @Test
    void theVariablesWithoutPaymentInTheirNameMayAlsoBeWrittenUnderPayment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addLast(new MapPropertySource("yaml", Map.of(
                "payment.site-url", "https://hospital.example",
                "payment.hospital-name", "St. Mary",
                "payment.mtn-momo.api-key", "key",
                "payment.airtelMoney.clientId", "client",
                "payment.flutterwave.secret-key", "secret",
                "payment.mpesa.consumer-key", "consumer",
                "mpesa.passkey", "passkey",
                "mpesaShortcode", "174379",
                "payment.environment", "sandbox",
                "payment.route-prefix", "/pay")));

        assertThat(PaymentVariables.read(environment)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "SITE_URL", "https://hospital.example",
                "HOSPITAL_NAME", "St. Mary",
                "MTN_MOMO_API_KEY", "key",
                "AIRTEL_MONEY_CLIENT_ID", "client",
                "FLUTTERWAVE_SECRET_KEY", "secret",
                "MPESA_CONSUMER_KEY", "consumer",
                "MPESA_PASSKEY", "passkey",
                "MPESA_SHORTCODE", "174379",
                "PAYMENT_ENVIRONMENT", "sandbox",
                "PAYMENT_ROUTE_PREFIX", "/pay"));
    }

    @Test
    void readsOnlyTheLibrarysVariablesAndTheFirstSourceWins() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addLast(new MapPropertySource("first", Map.of(
                "MTN_MOMO_API_KEY", "from-first",
                "hospital", "ours")));
        environment.getPropertySources().addLast(new MapPropertySource("second", Map.of(
                "mtn-momo.api-key", "from-second",
                "site-url", "https://${hospital}.example",
                "payment.reconcile-after", 300,
                "server.port", "8080",
                "HOSPITAL_NAME", "St. Mary")));

        assertThat(PaymentVariables.read(environment)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MTN_MOMO_API_KEY", "from-first",
                "SITE_URL", "https://ours.example",
                "PAYMENT_RECONCILE_AFTER", "300",
                "HOSPITAL_NAME", "St. Mary"));
    }
}
