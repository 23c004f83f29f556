package org.dusangire.payment.gateway.airtel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.error.UnsupportedCapabilityException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.RefundRequest;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.simulator.JournalEntry;
import org.dusangire.payment.simulator.airtel.AirtelEndpoint;
import org.dusangire.payment.simulator.airtel.AirtelMoneySimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AirtelInitiationTest {
    private final AirtelMoneySimulator sim = AirtelMoneySimulator.builder()
            .unknownSubscribers(Set.of("700000001")).build().start();
    private final AirtelMoneyGateway gateway = AirtelFixture.gateway(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void sendsOurIdTheNationalNumberAndAWholeNumberAmountWithCountryHeaders() {
        Payment p = AirtelFixture.payment();

        gateway.initiate(AirtelFixture.initiation(p));

        JournalEntry sent = sim.journal().entries(AirtelEndpoint.PAYMENT.name()).get(0);
        assertThat(sent.path()).isEqualTo("/merchant/v1/payments/");
        assertThat(sent.header("x-country")).isEqualTo("UG");
        assertThat(sent.header("x-currency")).isEqualTo("UGX");
        assertThat(sent.body()).contains("\"amount\":1500,").contains("\"msisdn\":\"752604392\"")
                .contains("\"id\":\"" + p.providerReference() + "\"");
        var state = sim.state(p.providerReference()).orElseThrow();
        assertThat(state.reference()).hasSizeBetween(4, 64);
    }

    @Test
    void unknownSubscriberIsARejectionWithItsCode() {
        Payment p = AirtelFixture.payment(Instant.now(), "1500", "256700000001");

        assertThatThrownBy(() -> gateway.initiate(AirtelFixture.initiation(p)))
                .isInstanceOf(GatewayRejectedException.class)
                .extracting("providerCode").isEqualTo("DP00800001005");
    }

    @Test
    void validationChecksCurrencyCountryAndWholeAmounts() {
        assertThatThrownBy(() -> gateway.validate(AirtelFixture.payment().toBuilder()
                .money(Money.of("15", "KES")).build()))
                .isInstanceOf(PaymentValidationException.class).extracting("field").isEqualTo("currency");
        assertThatThrownBy(() -> gateway.validate(AirtelFixture.payment(Instant.now(), "1500",
                "254712345678"))).isInstanceOf(PaymentValidationException.class)
                .extracting("field").isEqualTo("phone");
        var kenya = AirtelFixture.gateway(sim, b -> b.country("KE").currency(
                java.util.Currency.getInstance("KES")), Clock.systemUTC());
        assertThatThrownBy(() -> kenya.validate(AirtelFixture.payment(Instant.now(), "1500",
                "254733123456").toBuilder().money(Money.of("10.50", "KES")).build()))
                .isInstanceOf(PaymentValidationException.class).extracting("field").isEqualTo("amount");
    }

    @Test
    void wrongCredentialsNameTheVariable() {
        var wrong = AirtelFixture.gateway(sim, b -> b.clientSecret(Secret.of("nope")), Clock.systemUTC());

        assertThatThrownBy(() -> wrong.initiate(AirtelFixture.initiation(AirtelFixture.payment())))
                .isInstanceOf(PaymentConfigurationException.class)
                .hasMessageContaining(AirtelMoneyConfig.CLIENT_SECRET)
                .hasMessageNotContaining("nope");
    }

    @Test
    void enquiryKeepsAnUnknownFailureCodeVerbatimAndTreatsAmbiguousAsPending() {
        Payment odd = initiated();
        sim.fail(odd.providerReference(), "DP00800009999");
        StatusReport report = gateway.checkStatus(odd);
        assertThat(report.status()).isEqualTo(ProviderStatus.FAILED);
        assertThat(report.reason()).startsWith("DP00800009999");

        Payment ambiguous = initiated();
        sim.ambiguous(ambiguous.providerReference());
        assertThat(gateway.checkStatus(ambiguous).status()).isEqualTo(ProviderStatus.PENDING);

        Payment pin = initiated();
        sim.wrongPin(pin.providerReference());
        assertThat(gateway.checkStatus(pin).reason()).isEqualTo("DP00800001002: Incorrect Pin");
    }

    @Test
    void succeededReportCarriesTheAirtelIdAndNoAmount() {
        Payment p = initiated();
        sim.approve(p.providerReference());

        StatusReport report = gateway.checkStatus(p);

        assertThat(report.status()).isEqualTo(ProviderStatus.SUCCEEDED);
        assertThat(report.providerTransactionId()).isEqualTo(
                sim.state(p.providerReference()).orElseThrow().airtelMoneyId());
        assertThat(report.reportedReference()).isEqualTo(p.providerReference());
        assertThat(report.reportedAmount()).isNull();
    }

    @Test
    void notFoundAnsweredWith200IsStillNotFound() {
        try (var lenient = AirtelMoneySimulator.builder().notFoundHttpStatus(200).build().start()) {
            assertThat(AirtelFixture.gateway(lenient).checkStatus(AirtelFixture.payment()).status())
                    .isEqualTo(ProviderStatus.NOT_FOUND);
        }
    }

    @Test
    void refundIsFullOnly() {
        Payment p = initiated();
        sim.approve(p.providerReference());
        Payment paid = p.transition(PaymentStatus.SUCCEEDED, Trigger.VERIFY, p.createdAt().plusSeconds(1), null)
                .toBuilder().providerTransactionId(gateway.checkStatus(p).providerTransactionId()).build();

        assertThat(gateway.supportsPartialRefunds()).isFalse();
        assertThatThrownBy(() -> gateway.refund(new RefundRequest(paid, Money.of("500", "UGX"),
                "r1", null))).isInstanceOf(UnsupportedCapabilityException.class);
        gateway.refund(new RefundRequest(paid, paid.money(), "r2", null));
        assertThat(sim.state(p.providerReference()).orElseThrow().refunded()).isTrue();
        // Airtel refuses a second reversal; the transaction stands reversed, so the answer is
        // "done" (it was, once) and never a second payout
        assertThat(gateway.refund(new RefundRequest(paid, paid.money(), "r3", null)).status())
                .isEqualTo(org.dusangire.payment.core.port.RefundResult.Status.COMPLETED);
        assertThat(sim.refundRequests()).isEqualTo(2);
        assertThat(sim.refundsPaidOut(p.providerReference())).isEqualTo(1);
    }

    private Payment initiated() {
        Payment p = AirtelFixture.payment();
        gateway.initiate(AirtelFixture.initiation(p));
        return p;
    }
}
