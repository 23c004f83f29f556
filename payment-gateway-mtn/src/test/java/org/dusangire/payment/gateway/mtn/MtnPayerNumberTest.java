package org.dusangire.payment.gateway.mtn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.model.MobileNetworks;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.NumberingPlan;
import org.dusangire.payment.core.model.NumberingPlans;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who MTN can charge: its own subscribers in the target environment's country. */
class MtnPayerNumberTest {

    @Test
    void everyTargetEnvironmentAcceptsAnMtnNumberOfItsCountry() {
        for (String env : MtnTargetEnvironments.known()) {
            if (env.equals(MtnTargetEnvironments.SANDBOX)) {
                continue;
            }
            String country = MtnTargetEnvironments.countryOf(env).orElseThrow(() ->
                    new AssertionError(env + " has no country: add it to MtnTargetEnvironments"));
            NumberingPlan plan = NumberingPlans.of(country).orElseThrow(() ->
                    new AssertionError(env + ": no numbering plan for " + country));
            String national = plan.exampleNumber(MobileNetworks.MTN).orElseThrow(() ->
                    new AssertionError(env + ": the " + country + " plan has no MTN range"));
            Msisdn payer = Msisdn.parse("+" + plan.callingCode() + national);

            assertThat(payer.country()).as(env).contains(country);
            assertThat(payer.network()).as(env).contains(MobileNetworks.MTN);
            assertThatCode(() -> gateway(env).validate(payment(env, payer))).as(env).doesNotThrowAnyException();
        }
    }

    @Test
    void ugandaRefusesAnAirtelNumberSayingWhyAndShowingItMasked() {
        Msisdn airtel = Msisdn.parse("0752 604392", "UG");

        assertThatThrownBy(() -> gateway("mtnuganda").validate(payment("mtnuganda", airtel)))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessage("MTN MoMo (mtnuganda) charges only MTN numbers; 2567******92 is on AIRTEL")
                .extracting("field").isEqualTo("phone");
    }

    @Test
    void ghanaTakesANumberFirstGivenToTelecelBecauseGhanaianNumbersArePortable() {
        Msisdn ported = Msisdn.parse("020 123 4567", "GH");

        assertThat(ported.network()).contains("TELECEL");
        assertThatCode(() -> gateway("mtnghana").validate(payment("mtnghana", ported)))
                .doesNotThrowAnyException();
    }

    @Test
    void ugandaRefusesARwandanMtnNumberSayingWhichCountryItNeeds() {
        Msisdn rwandan = Msisdn.parse("+250 788 123456");

        assertThatThrownBy(() -> gateway("mtnuganda").validate(payment("mtnuganda", rwandan)))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessage("MTN MoMo (mtnuganda) needs a UG number, got 2507******56 (RW)")
                .hasMessageNotContaining("788123456");
    }

    @Test
    void productionTargetEnvironmentRefusesSandboxNumbers() {
        assertThatThrownBy(() -> gateway("mtnuganda").validate(payment("mtnuganda", Msisdn.parse("46733123451"))))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessage("MTN MoMo (mtnuganda) needs a UG number, got 4673*****51");
    }

    @ParameterizedTest
    @ValueSource(strings = {"46733123450", "46733123459", "+256772123456", "+233241234567", "+2250501234567"})
    void sandboxTakesTestNumbersAndMtnNumbersOfAnyCountry(String typed) {
        assertThatCode(() -> gateway("sandbox").validate(payment("sandbox", Msisdn.parse(typed))))
                .doesNotThrowAnyException();
    }

    @Test
    void sandboxRefusesANumberOfAnotherNetwork() {
        assertThatThrownBy(() -> gateway("sandbox").validate(payment("sandbox", Msisdn.parse("+254712345678"))))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessage("MTN MoMo (sandbox) charges only MTN numbers; 2547******78 is on SAFARICOM");
    }

    private static MtnMomoGateway gateway(String targetEnvironment) {
        return MtnMomoGateway.builder(MtnMomoConfig.builder()
                .apiUser(Secret.of("00000000-1111-4222-8333-444444444444")).apiKey(Secret.of("key")).subscriptionKey(Secret.of("sub"))
                .targetEnvironment(targetEnvironment).build()).build();
    }

    private static Payment payment(String targetEnvironment, Msisdn payer) {
        String currency = MtnTargetEnvironments.currencyOf(targetEnvironment).orElseThrow();
        return TestPayments.pending(MtnMomoGateway.NAME).money(Money.of("100", currency))
                .payer(Payer.ofPhone(payer)).build();
    }
}
