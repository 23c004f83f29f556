package org.dusangire.payment.gateway.airtel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.junit.jupiter.api.Test;

class AirtelMoneyConfigTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put(AirtelMoneyConfig.CLIENT_ID, "client-id");
        env.put(AirtelMoneyConfig.CLIENT_SECRET, "client-secret-value");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaultsToUgandaItsCurrencyAndTheStagingHost() {
        AirtelMoneyConfig c = AirtelMoneyConfig.fromEnvironment(env(), PaymentEnvironment.SANDBOX);

        assertThat(c.country()).isEqualTo("UG");
        assertThat(c.currency().getCurrencyCode()).isEqualTo("UGX");
        assertThat(c.baseUrl().toString()).isEqualTo("https://openapiuat.airtel.ug");
        assertThat(c.callbackPrivateKey()).isEmpty();
        assertThat(c.messageSigning()).isFalse();
        assertThat(c.toString()).doesNotContain("client-secret-value");
    }

    @Test
    void productionUsesTheProductionHostAndCountriesWithoutOwnHostThePanAfricanOne() {
        assertThat(AirtelMoneyConfig.fromEnvironment(env(AirtelMoneyConfig.CALLBACK_PRIVATE_KEY, "pk"),
                PaymentEnvironment.PRODUCTION).baseUrl())
                .hasToString("https://openapi.airtel.ug");
        AirtelMoneyConfig kenya = AirtelMoneyConfig.fromEnvironment(env(AirtelMoneyConfig.COUNTRY, "ke"),
                PaymentEnvironment.SANDBOX);
        assertThat(kenya.baseUrl()).hasToString("https://openapiuat.airtel.africa");
        assertThat(kenya.currency().getCurrencyCode()).isEqualTo("KES");
    }

    @Test
    void optionalSettingsAreRead() {
        AirtelMoneyConfig c = AirtelMoneyConfig.fromEnvironment(env(
                AirtelMoneyConfig.CALLBACK_PRIVATE_KEY, "pk", AirtelMoneyConfig.MESSAGE_SIGNING, "true",
                AirtelMoneyConfig.RSA_PADDING, "oaep-sha1", AirtelMoneyConfig.CURRENCY, "usd",
                AirtelMoneyConfig.COUNTRY, "CD", AirtelMoneyConfig.MAX_ATTEMPTS, "2"),
                PaymentEnvironment.SANDBOX);

        assertThat(c.callbackPrivateKey()).isPresent();
        assertThat(c.messageSigning()).isTrue();
        assertThat(c.rsaPadding()).isEqualTo(RsaPadding.OAEP_SHA1);
        assertThat(c.currency().getCurrencyCode()).isEqualTo("USD");
        assertThat(c.baseUrl()).hasToString("https://openapiuat.airtel.cd");
        assertThat(c.maxAttempts()).isEqualTo(2);
    }

    @Test
    void eachErrorNamesItsVariable() {
        assertNames(AirtelMoneyConfig.CLIENT_ID, withoutKey(AirtelMoneyConfig.CLIENT_ID), PaymentEnvironment.SANDBOX);
        assertNames(AirtelMoneyConfig.CLIENT_SECRET, withoutKey(AirtelMoneyConfig.CLIENT_SECRET), PaymentEnvironment.SANDBOX);
        assertNames(AirtelMoneyConfig.COUNTRY, env(AirtelMoneyConfig.COUNTRY, "Uganda"), PaymentEnvironment.SANDBOX);
        assertNames(AirtelMoneyConfig.CURRENCY, env(AirtelMoneyConfig.CURRENCY, "shilling"), PaymentEnvironment.SANDBOX);
        assertNames(AirtelMoneyConfig.CURRENCY, env(AirtelMoneyConfig.COUNTRY, "FR"), PaymentEnvironment.SANDBOX);
        assertNames(AirtelMoneyConfig.BASE_URL, env(AirtelMoneyConfig.BASE_URL, "not a url"), PaymentEnvironment.SANDBOX);
        assertNames(AirtelMoneyConfig.BASE_URL, env(AirtelMoneyConfig.BASE_URL, "http://openapi.airtel.africa",
                AirtelMoneyConfig.CALLBACK_PRIVATE_KEY, "pk"), PaymentEnvironment.PRODUCTION);
        assertNames(AirtelMoneyConfig.BASE_URL, env(AirtelMoneyConfig.BASE_URL, "https://openapiuat.airtel.africa",
                AirtelMoneyConfig.CALLBACK_PRIVATE_KEY, "pk"), PaymentEnvironment.PRODUCTION);
        assertNames(AirtelMoneyConfig.MESSAGE_SIGNING, env(AirtelMoneyConfig.MESSAGE_SIGNING, "maybe"), PaymentEnvironment.SANDBOX);
        assertNames(AirtelMoneyConfig.RSA_PUBLIC_KEY, env(AirtelMoneyConfig.RSA_PUBLIC_KEY, "MIGfnotakey"), PaymentEnvironment.SANDBOX);
        assertNames(AirtelMoneyConfig.RSA_PADDING, env(AirtelMoneyConfig.RSA_PADDING, "none"), PaymentEnvironment.SANDBOX);
        assertNames(AirtelMoneyConfig.REQUEST_TIMEOUT, env(AirtelMoneyConfig.REQUEST_TIMEOUT, "soon"), PaymentEnvironment.SANDBOX);
        assertNames(AirtelMoneyConfig.MAX_ATTEMPTS, env(AirtelMoneyConfig.MAX_ATTEMPTS, "11"), PaymentEnvironment.SANDBOX);
    }

    @Test
    void productionRefusesToStartWithoutTheCallbackKey() {
        for (String unset : new String[] {null, "", "   "}) {
            Map<String, String> env = env();
            if (unset != null) {
                env.put(AirtelMoneyConfig.CALLBACK_PRIVATE_KEY, unset);
            }
            assertNames(AirtelMoneyConfig.CALLBACK_PRIVATE_KEY, env, PaymentEnvironment.PRODUCTION);
        }
        assertThatThrownBy(() -> AirtelMoneyConfig.builder().environment(PaymentEnvironment.PRODUCTION)
                .clientId("client-id").clientSecret(org.dusangire.payment.core.config.Secret.of("s")).build())
                .isInstanceOf(PaymentConfigurationException.class)
                .hasMessageContaining(AirtelMoneyConfig.CALLBACK_PRIVATE_KEY);
        assertThat(AirtelMoneyConfig.fromEnvironment(env(), PaymentEnvironment.SANDBOX).callbackPrivateKey())
                .isEmpty();
    }

    @Test
    void plainHttpIsAllowedOutsideProductionForSimulators() {
        assertThat(AirtelMoneyConfig.fromEnvironment(env(AirtelMoneyConfig.BASE_URL, "http://127.0.0.1:9102"),
                PaymentEnvironment.SANDBOX).baseUrl()).hasToString("http://127.0.0.1:9102");
    }

    private static Map<String, String> withoutKey(String key) {
        Map<String, String> env = env();
        env.remove(key);
        return env;
    }

    private static void assertNames(String variable, Map<String, String> env, PaymentEnvironment environment) {
        assertThatThrownBy(() -> AirtelMoneyConfig.fromEnvironment(env, environment))
                .as(variable).isInstanceOf(PaymentConfigurationException.class)
                .hasMessageStartingWith(variable)
                .extracting("variable").isEqualTo(variable);
    }
}
