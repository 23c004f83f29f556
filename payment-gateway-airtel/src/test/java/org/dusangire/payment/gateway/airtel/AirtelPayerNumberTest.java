package org.dusangire.payment.gateway.airtel;

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
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.Test;

/** Who Airtel can charge: its own subscribers in the configured country. */
class AirtelPayerNumberTest {

    @Test
    void everyKnownMarketAcceptsAnAirtelNumberOfItsCountry() {
        for (String country : AirtelMoneyConfig.knownCountries()) {
            NumberingPlan plan = NumberingPlans.of(country).orElseThrow(() ->
                    new AssertionError("no numbering plan for Airtel market " + country));
            String national = plan.exampleNumber(MobileNetworks.AIRTEL).orElseThrow(() ->
                    new AssertionError("the " + country + " plan has no Airtel range"));
            Msisdn payer = Msisdn.parse(national, country);
            AirtelMoneyGateway gateway = gateway(country);

            assertThat(payer.network()).as(country).contains(MobileNetworks.AIRTEL);
            assertThat(payer.nationalNumber()).as(country).isEqualTo(national);
            assertThatCode(() -> gateway.validate(payment(gateway, payer))).as(country).doesNotThrowAnyException();
        }
    }

    @Test
    void ugandaRefusesAnMtnNumberSayingWhyAndShowingItMasked() {
        AirtelMoneyGateway uganda = gateway("UG");

        assertThatThrownBy(() -> uganda.validate(payment(uganda, Msisdn.parse("0772 123456", "UG"))))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessage("Airtel Money (UG) charges only Airtel numbers; 2567******56 is on MTN")
                .extracting("field").isEqualTo("phone");
    }

    @Test
    void kenyaTakesANumberFirstGivenToSafaricomBecauseKenyanNumbersArePortable() {
        AirtelMoneyGateway kenya = gateway("KE");
        Msisdn ported = Msisdn.parse("0712 345678", "KE");

        assertThat(ported.network()).contains(MobileNetworks.SAFARICOM);
        assertThat(ported.isOnNetwork(MobileNetworks.AIRTEL)).isFalse();
        assertThat(ported.mayBeOnNetwork(MobileNetworks.AIRTEL)).isTrue();
        assertThatCode(() -> kenya.validate(payment(kenya, ported))).doesNotThrowAnyException();
    }

    @Test
    void ugandaRefusesARwandanAirtelNumberSayingWhichCountryItNeeds() {
        AirtelMoneyGateway uganda = gateway("UG");

        assertThatThrownBy(() -> uganda.validate(payment(uganda, Msisdn.parse("+250 731 234567"))))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessage("Airtel Money (UG) needs a UG number, got 2507******67");
    }

    private static AirtelMoneyGateway gateway(String country) {
        return AirtelMoneyGateway.builder(AirtelMoneyConfig.builder().clientId("client")
                .clientSecret(Secret.of("secret")).country(country).build()).build();
    }

    private static Payment payment(AirtelMoneyGateway gateway, Msisdn payer) {
        return TestPayments.pending(AirtelMoneyGateway.NAME).method(PaymentMethod.AIRTEL_MONEY)
                .money(Money.of(java.math.BigDecimal.valueOf(100), gateway.config().currency())).payer(Payer.ofPhone(payer)).build();
    }
}
