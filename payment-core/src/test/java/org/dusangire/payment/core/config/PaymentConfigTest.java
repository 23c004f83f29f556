package org.dusangire.payment.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.model.PaymentMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentConfigTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("SITE_URL", "https://hospital.example");
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                env.remove(pairs[i]);
            } else {
                env.put(pairs[i], pairs[i + 1]);
            }
        }
        return env;
    }

    private static void assertRefusedNaming(Map<String, String> env, String variable, String... inMessage) {
        assertThatThrownBy(() -> PaymentConfig.fromEnvironment(env))
                .isInstanceOf(PaymentConfigurationException.class)
                .hasMessageStartingWith(variable + ": ")
                .hasMessageContaining(String.join("", inMessage))
                .satisfies(e -> assertThat(((PaymentConfigurationException) e).variable()).isEqualTo(variable));
    }

    @Test
    void siteUrlAloneGivesTheHospitalDefaults() {
        PaymentConfig config = PaymentConfig.fromEnvironment(Map.of("SITE_URL", "https://hospital.example"));

        assertThat(config.environment()).isEqualTo(PaymentEnvironment.SANDBOX);
        assertThat(config.siteUrl()).isEqualTo(URI.create("https://hospital.example"));
        assertThat(config.routePrefix()).isEqualTo("/payments");
        assertThat(config.defaultCurrency()).isEqualTo(Currency.getInstance("UGX"));
        assertThat(config.defaultCountry()).isEqualTo("UG");
        assertThat(config.merchantName()).isEqualTo("Merchant");
        assertThat(config.reconcileAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.reconcileLease()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.reconcileBatchSize()).isEqualTo(100);
    }

    @Test
    void everyMethodHasADefaultTimeToLive() {
        PaymentConfig config = PaymentConfig.fromEnvironment(env());

        assertThat(config.timeToLive(PaymentMethod.MTN_MOBILE_MONEY)).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.timeToLive(PaymentMethod.AIRTEL_MONEY)).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.timeToLive(PaymentMethod.CARD)).isEqualTo(Duration.ofHours(2));
        assertThat(config.timeToLive(PaymentMethod.BANK_TRANSFER)).isEqualTo(Duration.ofHours(24));
        assertThat(config.timeToLive(PaymentMethod.CASH_ON_DELIVERY)).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void timeToLiveIsOverriddenInIsoFormOrInSeconds() {
        PaymentConfig config = PaymentConfig.fromEnvironment(env(
                "PAYMENT_TTL_CARD", "PT15M",
                "PAYMENT_TTL_MTN_MOBILE_MONEY", "900",
                "PAYMENT_TTL_BANK_TRANSFER", "p2d"));

        assertThat(config.timeToLive(PaymentMethod.CARD)).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.timeToLive(PaymentMethod.MTN_MOBILE_MONEY)).isEqualTo(Duration.ofSeconds(900));
        assertThat(config.timeToLive(PaymentMethod.BANK_TRANSFER)).isEqualTo(Duration.ofDays(2));
        assertThat(config.timeToLive(PaymentMethod.AIRTEL_MONEY)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void everySettingIsReadFromItsVariable() {
        PaymentConfig config = PaymentConfig.fromEnvironment(env(
                "PAYMENT_ENVIRONMENT", "Production",
                "PAYMENT_CURRENCY", "kes",
                "PAYMENT_COUNTRY", "ke",
                "PAYMENT_MERCHANT_NAME", "  Nairobi Clinic  ",
                "PAYMENT_RECONCILE_AFTER", "PT5M",
                "PAYMENT_RECONCILE_LEASE", "30",
                "PAYMENT_RECONCILE_BATCH", "25"));

        assertThat(config.environment()).isEqualTo(PaymentEnvironment.PRODUCTION);
        assertThat(config.defaultCurrency()).isEqualTo(Currency.getInstance("KES"));
        assertThat(config.defaultCountry()).isEqualTo("KE");
        assertThat(config.merchantName()).isEqualTo("Nairobi Clinic");
        assertThat(config.reconcileAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.reconcileLease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.reconcileBatchSize()).isEqualTo(25);
    }

    @Test
    void theEventLeaseFollowsTheReconcileLeaseUnlessItIsSet() {
        assertThat(PaymentConfig.fromEnvironment(env("PAYMENT_RECONCILE_LEASE", "PT45S")).eventLease())
                .isEqualTo(Duration.ofSeconds(45));
        assertThat(PaymentConfig.fromEnvironment(env("PAYMENT_RECONCILE_LEASE", "PT45S",
                "PAYMENT_EVENT_LEASE", "PT10M")).eventLease()).isEqualTo(Duration.ofMinutes(10));
        assertRefusedNaming(env("PAYMENT_EVENT_LEASE", "PT0S"), "PAYMENT_EVENT_LEASE", "positive");
        assertRefusedNaming(env("PAYMENT_EVENT_LEASE", "a while"), "PAYMENT_EVENT_LEASE");
    }

    @Test
    void hospitalNameIsUsedWhenNoMerchantNameIsSet() {
        assertThat(PaymentConfig.fromEnvironment(env("HOSPITAL_NAME", "Mulago Hospital")).merchantName())
                .isEqualTo("Mulago Hospital");
        assertThat(PaymentConfig.fromEnvironment(env("HOSPITAL_NAME", "Mulago Hospital",
                "PAYMENT_MERCHANT_NAME", "Mulago Pharmacy")).merchantName())
                .isEqualTo("Mulago Pharmacy");
        assertThat(PaymentConfig.fromEnvironment(env("HOSPITAL_NAME", "Mulago Hospital",
                "PAYMENT_MERCHANT_NAME", "   ")).merchantName())
                .isEqualTo("Mulago Hospital");
    }

    @Test
    void missingSiteUrlIsRefusedNamingIt() {
        assertRefusedNaming(env("SITE_URL", null), "SITE_URL", "required");
        assertRefusedNaming(env("SITE_URL", "  "), "SITE_URL", "required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hospital.example", "not a url", "ftp://hospital.example", "/payments",
            "https://", "mailto:a@b.example"})
    void siteUrlThatIsNotAnAbsoluteHttpUrlIsRefusedNamingIt(String value) {
        assertRefusedNaming(env("SITE_URL", value), "SITE_URL", "'" + value + "'");
    }

    @Test
    void malformedVariablesAreRefusedNamingTheVariableAndTheValue() {
        assertRefusedNaming(env("PAYMENT_ENVIRONMENT", "prod"), "PAYMENT_ENVIRONMENT", "'prod' is not one of sandbox, production");
        assertRefusedNaming(env("PAYMENT_CURRENCY", "XX"), "PAYMENT_CURRENCY", "'XX'");
        assertRefusedNaming(env("PAYMENT_COUNTRY", "Uganda"), "PAYMENT_COUNTRY", "'Uganda'");
        assertRefusedNaming(env("PAYMENT_TTL_CARD", "soon"), "PAYMENT_TTL_CARD", "'soon'");
        assertRefusedNaming(env("PAYMENT_RECONCILE_BATCH", "0"), "PAYMENT_RECONCILE_BATCH", "'0'");
        assertRefusedNaming(env("PAYMENT_RECONCILE_BATCH", "many"), "PAYMENT_RECONCILE_BATCH", "'many'");
        assertRefusedNaming(env("PAYMENT_RECONCILE_AFTER", "PT-5M"), "PAYMENT_RECONCILE_AFTER", "positive");
        assertRefusedNaming(env("PAYMENT_RECONCILE_LEASE", "0"), "PAYMENT_RECONCILE_LEASE", "positive");
        assertRefusedNaming(env("PAYMENT_TTL_AIRTEL_MONEY", "-30"), "PAYMENT_TTL_AIRTEL_MONEY", "'-30'");
    }

    @Test
    void productionRefusesAPlainHttpSiteUrl() {
        assertRefusedNaming(env("PAYMENT_ENVIRONMENT", "production", "SITE_URL", "http://hospital.example"),
                "SITE_URL", "https");
    }

    @Test
    void productionAcceptsHttpsAndSandboxAcceptsHttp() {
        assertThat(PaymentConfig.fromEnvironment(env("PAYMENT_ENVIRONMENT", "production",
                "SITE_URL", "https://hospital.example")).siteUrl().getScheme()).isEqualTo("https");
        assertThat(PaymentConfig.fromEnvironment(env("SITE_URL", "http://localhost:8080")).siteUrl())
                .isEqualTo(URI.create("http://localhost:8080"));
    }

    @Test
    void builderAlsoRefusesPlainHttpInProduction() {
        assertThatThrownBy(() -> PaymentConfig.builder().environment(PaymentEnvironment.PRODUCTION)
                .siteUrl("http://hospital.example").build())
                .isInstanceOf(PaymentConfigurationException.class)
                .satisfies(e -> assertThat(((PaymentConfigurationException) e).variable()).isEqualTo("SITE_URL"));
    }

    @Test
    void builderRefusesBlankMerchantNameAndNonPositiveSettings() {
        assertThatThrownBy(() -> PaymentConfig.builder().siteUrl("https://h.example").merchantName(" ").build())
                .isInstanceOf(PaymentConfigurationException.class)
                .satisfies(e -> assertThat(((PaymentConfigurationException) e).variable())
                        .isEqualTo("PAYMENT_MERCHANT_NAME"));
        assertThatThrownBy(() -> PaymentConfig.builder().siteUrl("https://h.example").reconcileBatchSize(0).build())
                .isInstanceOf(PaymentConfigurationException.class)
                .hasMessageStartingWith("PAYMENT_RECONCILE_BATCH");
        assertThatThrownBy(() -> PaymentConfig.builder().timeToLive(PaymentMethod.CARD, Duration.ZERO))
                .isInstanceOf(PaymentConfigurationException.class)
                .hasMessageStartingWith("PAYMENT_TTL_CARD");
        assertThatThrownBy(() -> PaymentConfig.builder().build())
                .isInstanceOf(PaymentConfigurationException.class)
                .hasMessageStartingWith("SITE_URL");
    }

    @ParameterizedTest
    @CsvSource({
            "https://hospital.example,             , https://hospital.example/payments/webhooks/mtn-momo/, https://hospital.example/payments/callback/",
            "https://hospital.example/,            , https://hospital.example/payments/webhooks/mtn-momo/, https://hospital.example/payments/callback/",
            "https://hospital.example/app,         , https://hospital.example/app/payments/webhooks/mtn-momo/, https://hospital.example/app/payments/callback/",
            "https://hospital.example/app/,        , https://hospital.example/app/payments/webhooks/mtn-momo/, https://hospital.example/app/payments/callback/",
            "https://hospital.example:8443/a/b//,  , https://hospital.example:8443/a/b/payments/webhooks/mtn-momo/, https://hospital.example:8443/a/b/payments/callback/",
            "https://hospital.example/app,   pay/,   https://hospital.example/app/pay/webhooks/mtn-momo/, https://hospital.example/app/pay/callback/",
            "https://hospital.example,       /api/v1/pay, https://hospital.example/api/v1/pay/webhooks/mtn-momo/, https://hospital.example/api/v1/pay/callback/",
            "https://hospital.example/app,   /,      https://hospital.example/app/webhooks/mtn-momo/, https://hospital.example/app/callback/"})
    void webhookAndRedirectUrlsSitUnderTheSiteUrlAndRoutePrefix(String siteUrl, String prefix,
            String webhook, String redirect) {
        PaymentConfig config = PaymentConfig.fromEnvironment(env("SITE_URL", siteUrl, "PAYMENT_ROUTE_PREFIX", prefix));

        assertThat(config.webhookUrl("mtn-momo")).isEqualTo(URI.create(webhook));
        assertThat(config.redirectUrl()).isEqualTo(URI.create(redirect));
    }

    /**
     * Regression guard (fixed): PaymentConfig.webhookUrl/redirectUrl now use the raw path.
     * PaymentConfig.java {@code webhookUrl}/{@code redirectUrl} join {@code siteUrl.getPath()}
     * (the decoded path, "/my app") and pass it to {@code URI.resolve(String)}, which throws
     * IllegalArgumentException "Illegal character in path". The SITE_URL is accepted at start-up,
     * so the failure only shows at the first checkout, as an IllegalArgumentException rather than
     * a PaymentConfigurationException. Using {@code getRawPath()} keeps the encoding.
     */
    @Test
    void siteUrlWithAPercentEncodedPathKeepsItsEncodingInCallbackUrls() {
        PaymentConfig config = PaymentConfig.fromEnvironment(env("SITE_URL", "https://hospital.example/my%20app"));

        assertThat(config.webhookUrl("mtn-momo"))
                .isEqualTo(URI.create("https://hospital.example/my%20app/payments/webhooks/mtn-momo/"));
        assertThat(config.redirectUrl())
                .isEqualTo(URI.create("https://hospital.example/my%20app/payments/callback/"));
    }

    @Test
    void anUnknownTimeToLiveNameIsRefusedNamingItAndTheKnownOnes() {
        assertRefusedNaming(env("SITE_URL", "https://h.example", "PAYMENT_TTL_MTN_MOBILE_MONY", "PT5M"),
                "PAYMENT_TTL_MTN_MOBILE_MONY", "known ones are PAYMENT_TTL_AIRTEL_MONEY, ");
        assertRefusedNaming(env("SITE_URL", "https://h.example", "PAYMENT_TTL_MTN_MOBILE_MONY", "PT5M"),
                "PAYMENT_TTL_MTN_MOBILE_MONY", "PAYMENT_TTL_MPESA, PAYMENT_TTL_MTN_MOBILE_MONEY");
        assertRefusedNaming(env("SITE_URL", "https://h.example", "PAYMENT_TTL_", "PT5M"), "PAYMENT_TTL_");
    }

    @Test
    void everyProblemIsReportedAtOnceNotTheFirstOnly() {
        assertThatThrownBy(() -> PaymentConfig.fromEnvironment(env("PAYMENT_ENVIRONMENT", "production",
                "SITE_URL", "http://h.example", "PAYMENT_CURRENCY", "SHILLINGS", "PAYMENT_TTL_CARD", "soon",
                "PAYMENT_RECONCILE_BATCH", "0")))
                .isInstanceOfSatisfying(PaymentConfigurationException.class, e -> assertThat(e.problems())
                        .extracting(PaymentConfigurationException.Problem::variable)
                        .containsExactlyInAnyOrder("SITE_URL", "PAYMENT_CURRENCY", "PAYMENT_TTL_CARD",
                                "PAYMENT_RECONCILE_BATCH"));
        assertThatThrownBy(() -> PaymentConfig.builder().environment(PaymentEnvironment.PRODUCTION)
                .siteUrl("http://h.example").merchantName(" ").reconcileParallelism(0).build())
                .isInstanceOfSatisfying(PaymentConfigurationException.class, e -> assertThat(e.problems())
                        .hasSize(3).extracting(PaymentConfigurationException.Problem::variable)
                        .containsExactly("SITE_URL", "PAYMENT_MERCHANT_NAME", "PAYMENT_RECONCILE_PARALLELISM"));
    }
}
