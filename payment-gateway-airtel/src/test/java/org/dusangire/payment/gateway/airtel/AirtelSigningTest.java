package org.dusangire.payment.gateway.airtel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.simulator.airtel.AirtelEndpoint;
import org.dusangire.payment.simulator.airtel.AirtelMoneySimulator;
import org.junit.jupiter.api.Test;

class AirtelSigningTest {

    /** Provider reference §B.3.4: Airtel's published vector, as 121-platform's test uses it. */
    @Test
    void signatureMatchesThePublishedTestVector() {
        String body = "{\"reference\":\"1234\",\"subscriber\":{\"country\":\"UG\",\"currency\":\"UGX\","
                + "\"msisdn\":\"752604392\"},\"transaction\":{\"amount\":\"100\",\"country\":\"UG\","
                + "\"currency\":\"UGX\",\"id\":\"test_id \"}}";

        String signature = MessageSigner.signature("PSw37xtnShLl7zgWn4dLSnf1J5GRhRsOD4OfvJOuLIM=",
                "gGIhDvCBnSBhBgYiXCyMnw==", body.getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("bDOsVGZzbK0P5jO/M5QVMH/qxSmRJLEvIPZCdW6H81xvsZNI6jZej54oBQlH"
                + "Z38yy63QNeyyYcfEkGJ8f3f15wHWs86V9BCIpHSesS3SrhozE/gGA1fLydeSS26mw0jhyt9XIpabk1RjDH59"
                + "SfsrkHKU38I5mRlthG/t2qXJck0FhNR64bgOExm9CsuxUlfpsSoW1g81g1u5a4yMFIHhp77f+h3EXNHzcEsd"
                + "SWhqTho=");
    }

    @Test
    void signedPaymentIsAcceptedWhereSigningIsEnforcedWithTheKeyFetchedFromAirtel() {
        try (var sim = AirtelMoneySimulator.builder().messageSigning(true).build().start()) {
            var gateway = AirtelFixture.gateway(sim, b -> b.messageSigning(true), Clock.systemUTC());
            Payment p = AirtelFixture.payment();

            gateway.initiate(AirtelFixture.initiation(p));

            assertThat(sim.state(p.providerReference()).orElseThrow().signed()).isTrue();
            assertThat(sim.journal().count(AirtelEndpoint.ENCRYPTION_KEYS)).isEqualTo(1);
            assertThat(sim.journal().headerValues(AirtelEndpoint.PAYMENT_V2.name(), "x-signature"))
                    .hasSize(1);
            sim.approve(p.providerReference());
            assertThat(gateway.checkStatus(p).status()).isEqualTo(ProviderStatus.SUCCEEDED);
            gateway.initiate(AirtelFixture.initiation(AirtelFixture.payment()));
            assertThat(sim.journal().count(AirtelEndpoint.ENCRYPTION_KEYS)).as("key cached").isEqualTo(1);
        }
    }

    @Test
    void configuredPublicKeyAndOaepPaddingAreUsedAsGiven() {
        try (var sim = AirtelMoneySimulator.builder().messageSigning(true).build().start()) {
            var gateway = AirtelFixture.gateway(sim, b -> b.messageSigning(true)
                    .rsaPublicKey(sim.publicKey()).rsaPadding(RsaPadding.OAEP_SHA1), Clock.systemUTC());
            Payment p = AirtelFixture.payment();

            gateway.initiate(AirtelFixture.initiation(p));

            assertThat(sim.state(p.providerReference())).isPresent();
            assertThat(sim.journal().count(AirtelEndpoint.ENCRYPTION_KEYS)).isZero();
        }
    }
}
