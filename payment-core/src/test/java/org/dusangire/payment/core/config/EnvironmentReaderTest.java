package org.dusangire.payment.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Currency;
import java.util.Map;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentReaderTest {

    private static PaymentConfigurationException refusal(Runnable action) {
        try {
            action.run();
        } catch (PaymentConfigurationException e) {
            return e;
        }
        throw new AssertionError("expected a PaymentConfigurationException");
    }

    @Test
    void valuesAreTrimmedAndBlankCountsAsAbsent() {
        EnvironmentReader r = new EnvironmentReader(Map.of("A", "  x  ", "B", "   ", "C", ""));

        assertThat(r.optional("A")).contains("x");
        assertThat(r.optional("B")).isEmpty();
        assertThat(r.optional("C")).isEmpty();
        assertThat(r.optional("MISSING")).isEmpty();
        assertThat(r.required("A")).isEqualTo("x");
    }

    @Test
    void missingRequiredValueIsRefusedNamingTheVariable() {
        EnvironmentReader r = new EnvironmentReader(Map.of("B", " "));

        PaymentConfigurationException e = refusal(() -> r.required("B"));

        assertThat(e.variable()).isEqualTo("B");
        assertThat(e.getMessage()).isEqualTo("B: is required but not set");
        assertThat(refusal(() -> r.requiredSecret("MTN_MOMO_API_KEY")).variable()).isEqualTo("MTN_MOMO_API_KEY");
    }

    @Test
    void readerKeepsASnapshotOfTheVariables() {
        java.util.HashMap<String, String> source = new java.util.HashMap<>(Map.of("A", "1"));
        EnvironmentReader r = new EnvironmentReader(source);
        source.put("A", "2");

        assertThat(r.required("A")).isEqualTo("1");
    }

    @Test
    void secretsAreWrappedSoTheyDoNotPrint() {
        EnvironmentReader r = new EnvironmentReader(Map.of("KEY", " s3cr3t "));

        assertThat(r.requiredSecret("KEY").reveal()).isEqualTo("s3cr3t");
        assertThat(r.optionalSecret("KEY").orElseThrow().toString()).doesNotContain("s3cr3t");
        assertThat(r.optionalSecret("NONE")).isEmpty();
    }

    @Test
    void durationsAreReadAsIsoOrWholeSeconds() {
        EnvironmentReader r = new EnvironmentReader(Map.of("ISO", "PT15M", "LOWER", "pt1h30m", "SECS", "900"));

        assertThat(r.optionalDuration("ISO")).contains(Duration.ofMinutes(15));
        assertThat(r.optionalDuration("LOWER")).contains(Duration.ofMinutes(90));
        assertThat(r.optionalDuration("SECS")).contains(Duration.ofSeconds(900));
        assertThat(r.optionalDuration("NONE")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "15m", "-5", "1.5", "99999999999999999999", "PT", "P"})
    void malformedDurationIsRefusedNamingTheVariableAndValue(String value) {
        EnvironmentReader r = new EnvironmentReader(Map.of("TTL", value));

        PaymentConfigurationException e = refusal(() -> r.optionalDuration("TTL"));

        assertThat(e.variable()).isEqualTo("TTL");
        assertThat(e.getMessage()).startsWith("TTL: ").contains("'" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "PT0S", "PT-1M", "-PT1M"})
    void zeroOrNegativeDurationIsRefused(String value) {
        EnvironmentReader r = new EnvironmentReader(Map.of("TTL", value));

        PaymentConfigurationException e = refusal(() -> r.optionalDuration("TTL"));

        assertThat(e.variable()).isEqualTo("TTL");
        assertThat(e.getMessage()).startsWith("TTL: ").contains("positive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "ten", "2.5", "3000000000"})
    void nonPositiveOrMalformedWholeNumberIsRefused(String value) {
        EnvironmentReader r = new EnvironmentReader(Map.of("N", value));

        PaymentConfigurationException e = refusal(() -> r.optionalPositiveInt("N"));

        assertThat(e.variable()).isEqualTo("N");
        assertThat(e.getMessage()).contains("'" + value + "'", "positive whole number");
    }

    @Test
    void positiveWholeNumberIsRead() {
        assertThat(new EnvironmentReader(Map.of("N", " 42 ")).optionalPositiveInt("N")).contains(42);
    }

    @Test
    void currencyCountryAndEnumAreReadInAnyLetterCase() {
        EnvironmentReader r = new EnvironmentReader(Map.of("CUR", "rwf", "CTRY", "rw", "ENV", "Production",
                "ENV2", "sandbox"));

        assertThat(r.optionalCurrency("CUR")).contains(Currency.getInstance("RWF"));
        assertThat(r.optionalCountry("CTRY")).contains("RW");
        assertThat(r.optionalEnum("ENV", PaymentEnvironment.class)).contains(PaymentEnvironment.PRODUCTION);
        assertThat(r.optionalEnum("ENV2", PaymentEnvironment.class)).contains(PaymentEnvironment.SANDBOX);
    }

    @Test
    void unknownCurrencyCountryOrEnumValueIsRefusedListingWhatIsAllowed() {
        EnvironmentReader r = new EnvironmentReader(Map.of("CUR", "shillings", "CTRY", "UGA", "ENV", "live"));

        assertThat(refusal(() -> r.optionalCurrency("CUR")).getMessage())
                .isEqualTo("CUR: 'shillings' is not an ISO 4217 currency code such as UGX");
        assertThat(refusal(() -> r.optionalCountry("CTRY")).getMessage())
                .isEqualTo("CTRY: 'UGA' is not a two-letter ISO country code such as UG");
        assertThat(refusal(() -> r.optionalEnum("ENV", PaymentEnvironment.class)).getMessage())
                .isEqualTo("ENV: 'live' is not one of sandbox, production");
    }

    @Test
    void absoluteHttpAndHttpsUrisAreAccepted() {
        EnvironmentReader r = new EnvironmentReader(Map.of("U", " https://api.example/v1 ", "H", "http://localhost:9000"));

        assertThat(r.requiredUri("U")).isEqualTo(URI.create("https://api.example/v1"));
        assertThat(r.optionalUri("H")).contains(URI.create("http://localhost:9000"));
        assertThat(r.optionalUri("NONE")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.example", "file:///etc/passwd", "https:relative", "http://", "ht tp://x"})
    void uriThatIsNotAbsoluteHttpIsRefusedNamingTheVariable(String value) {
        PaymentConfigurationException e = refusal(() -> EnvironmentReader.parseUri("BASE_URL", value));

        assertThat(e.variable()).isEqualTo("BASE_URL");
        assertThat(e.getMessage()).startsWith("BASE_URL: ").contains("'" + value + "'");
    }

    @Test
    void httpsIsRequiredOnlyInProduction() {
        URI plain = URI.create("http://hospital.example/x?token=abc");

        EnvironmentReader.requireHttpsIn(PaymentEnvironment.SANDBOX, "SITE_URL", plain);
        EnvironmentReader.requireHttpsIn(PaymentEnvironment.PRODUCTION, "SITE_URL", URI.create("HTTPS://h.example"));
        PaymentConfigurationException e = refusal(() ->
                EnvironmentReader.requireHttpsIn(PaymentEnvironment.PRODUCTION, "SITE_URL", plain));

        assertThat(e.variable()).isEqualTo("SITE_URL");
        assertThat(e.getMessage()).contains("https", "http://hospital.example").doesNotContain("token");
    }

    @Test
    void nullMapIsRefused() {
        assertThatThrownBy(() -> new EnvironmentReader(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("variables");
    }
}
