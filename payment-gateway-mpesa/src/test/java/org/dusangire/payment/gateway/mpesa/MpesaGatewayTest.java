package org.dusangire.payment.gateway.mpesa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.mpesa.MpesaEndpoint;
import org.dusangire.payment.simulator.mpesa.MpesaOutcome;
import org.dusangire.payment.simulator.mpesa.MpesaSimulator;
import org.dusangire.payment.simulator.mpesa.ValueFormat;
import org.dusangire.payment.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MpesaGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.now());
    private final MpesaSimulator sim = MpesaSimulator.builder().clock(clock).threads(8).build().start();
    private final MpesaGateway gateway = MpesaFixture.gateway(sim, UnaryOperator.identity(), clock);

    @AfterEach
    void stop() {
        sim.close();
    }

    private Payment initiated() {
        return MpesaFixture.initiated(gateway, MpesaFixture.payment());
    }

    @Test
    void declaresAProviderAssignedReferenceKenyanShillingsAndKenya() {
        assertThat(gateway.name()).isEqualTo("mpesa");
        assertThat(gateway.methods()).containsExactly(PaymentMethod.MPESA);
        assertThat(gateway.referenceRule()).isEqualTo(PaymentGateway.ReferenceRule.PROVIDER_ASSIGNED);
        assertThat(gateway.currencies()).containsExactly("KES");
        assertThat(gateway.countries()).containsExactly("KE");
        assertThat(gateway.supportsRefunds()).isFalse();
    }

    @Test
    void initiationReturnsDarajasCheckoutRequestIdAsTheReference() {
        Payment p = MpesaFixture.payment();

        var result = gateway.initiate(MpesaFixture.initiation(p));

        assertThat(result.providerReference()).startsWith("ws_CO_");
        assertThat(sim.state(result.providerReference())).hasValueSatisfying(s -> {
            assertThat(s.amount()).isEqualByComparingTo("100");
            assertThat(s.phoneNumber()).isEqualTo(p.payer().msisdn().digits());
            assertThat(s.accountReference()).hasSizeLessThanOrEqualTo(12);
            assertThat(s.callbackUrl()).endsWith("/" + p.id() + "/" + p.callbackToken());
        });
        assertThat(result.rawResponse()).contains(result.providerReference());
    }

    @Test
    void theTokenIsFetchedOnceReusedAndFetchedAgainWhenDarajaRefusesIt() {
        Payment p = initiated();
        gateway.checkStatus(p);
        gateway.checkStatus(p);
        assertThat(sim.tokenRequests()).isEqualTo(1);

        sim.expireTokens();
        StatusReport after = gateway.checkStatus(p);

        assertThat(after.status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(sim.tokenRequests()).isEqualTo(2);
    }

    @Test
    void theTokenIsReplacedBeforeItExpires() {
        Payment p = initiated();
        clock.advance(Duration.ofMinutes(59));

        gateway.checkStatus(p);

        assertThat(sim.tokenRequests()).as("3599 s less the 60 s margin have passed").isEqualTo(2);
    }

    @Test
    void expiresInAsANumberIsReadToo() {
        try (MpesaSimulator numeric = MpesaSimulator.builder().expiresIn(ValueFormat.NUMBER)
                .build().start()) {
            MpesaGateway g = MpesaFixture.gateway(numeric);
            Payment p = MpesaFixture.initiated(g, MpesaFixture.payment());

            g.checkStatus(p);

            assertThat(numeric.tokenRequests()).isEqualTo(1);
        }
    }

    @Test
    void thePushCarriesANairobiTimestampAndThePasswordBuiltWithIt() throws Exception {
        clock.set(Instant.parse("2026-03-01T21:30:05Z"));
        initiated();

        JsonNode sent = JSON.readTree(sim.journal().entries(MpesaEndpoint.STK_PUSH.name()).get(0).body());

        assertThat(sent.get("Timestamp").asText()).isEqualTo("20260302003005");
        assertThat(sent.get("Password").asText()).isEqualTo(Base64.getEncoder().encodeToString(
                (sim.shortcode() + sim.passkey() + "20260302003005").getBytes(StandardCharsets.UTF_8)));
        assertThat(sent.get("Amount").isIntegralNumber()).isTrue();
        assertThat(sent.get("TransactionType").asText()).isEqualTo("CustomerPayBillOnline");
        assertThat(sent.get("TransactionDesc").asText()).hasSizeLessThanOrEqualTo(13);
    }

    @Test
    void whileTheCustomerHasNotAnsweredTheStatusIsPendingUnderDarajasReference() {
        Payment p = initiated();

        StatusReport report = gateway.checkStatus(p);

        assertThat(report.status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(report.reportedReference()).isEqualTo(p.providerReference());
    }

    @ParameterizedTest
    @EnumSource(ValueFormat.class)
    void everyOutcomeIsMappedWhateverTheResultCodesWireType(ValueFormat format) {
        try (MpesaSimulator s = MpesaSimulator.builder().queryResultCode(format).build().start()) {
            MpesaGateway g = MpesaFixture.gateway(s);
            for (MpesaOutcome outcome : MpesaOutcome.values()) {
                Payment p = MpesaFixture.initiated(g, MpesaFixture.payment());
                s.answer(p.providerReference(), outcome);

                StatusReport report = g.checkStatus(p);

                assertThat(report.status()).as("%s", outcome).isEqualTo(switch (outcome) {
                    case APPROVE -> ProviderStatus.SUCCEEDED;
                    case CANCEL -> ProviderStatus.CANCELLED;
                    case TIMEOUT, EXPIRED -> ProviderStatus.EXPIRED;
                    case INSUFFICIENT_FUNDS, WRONG_PIN, SUBSCRIBER_LOCKED -> ProviderStatus.FAILED;
                });
                assertThat(report.reportedReference()).isEqualTo(p.providerReference());
                assertThat(report.reason()).isEqualTo(outcome == MpesaOutcome.APPROVE ? null
                        : Integer.toString(outcome.resultCode()));
            }
        }
    }

    @Test
    void anUnlistedResultCodeIsUnknownNeverFinal() {
        Payment p = initiated();
        sim.fail(p.providerReference(), 1036, "Something new");

        StatusReport report = gateway.checkStatus(p);

        assertThat(report.status()).isEqualTo(ProviderStatus.UNKNOWN);
        assertThat(report.status().isFinal()).isFalse();
    }

    @Test
    void aReferenceDarajaDoesNotKnowIsNotFound() {
        Payment p = MpesaFixture.payment().toBuilder()
                .providerReference("ws_CO_01012026000000000001").build();

        assertThat(gateway.checkStatus(p).status()).isEqualTo(ProviderStatus.NOT_FOUND);
    }

    @Test
    void aPushThatTimesOutIsOutcomeUnknownAndNeverSentAgain() {
        MpesaGateway impatient = MpesaFixture.gateway(sim,
                b -> b.requestTimeout(Duration.ofMillis(300)), clock);
        sim.inject(FaultRule.nextCalls(MpesaEndpoint.STK_PUSH, 1, Fault.latency(Duration.ofSeconds(2))));
        Payment p = MpesaFixture.payment();

        assertThatThrownBy(() -> impatient.initiate(MpesaFixture.initiation(p)))
                .isInstanceOf(GatewayUnavailableException.class);
        assertThat(sim.stkPushRequests()).as("sent once").isEqualTo(1);
        assertThat(sim.pushesTo(p.payer().msisdn().digits())).as("the prompt went out").hasSize(1);
    }

    @Test
    void aLostAnswerOr5xxOnThePushIsOutcomeUnknownAndNeverSentAgain() {
        for (FaultKind kind : new FaultKind[] {FaultKind.DROP_AFTER_PROCESSING, FaultKind.HTTP_503,
                FaultKind.HTTP_500}) {
            int before = sim.stkPushRequests();
            sim.inject(FaultRule.nextCalls(MpesaEndpoint.STK_PUSH, 1, Fault.of(kind)));

            assertThatThrownBy(() -> gateway.initiate(MpesaFixture.initiation(MpesaFixture.payment())))
                    .as("%s", kind).isInstanceOf(GatewayUnavailableException.class);
            assertThat(sim.stkPushRequests() - before).as("%s: sent once", kind).isEqualTo(1);
        }
    }

    @Test
    void theQueryIsRepeatedAfterA5xxBecauseAReadCannotActTwice() {
        Payment p = initiated();
        sim.approve(p.providerReference());
        sim.inject(FaultRule.nextCalls(MpesaEndpoint.STK_QUERY, 1, Fault.of(FaultKind.HTTP_503)));

        assertThat(gateway.checkStatus(p).status()).isEqualTo(ProviderStatus.SUCCEEDED);
        assertThat(sim.stkQueryRequests()).isEqualTo(2);
    }

    @Test
    void aQueryThatCannotBeAnsweredIsOutcomeUnknown() {
        Payment p = initiated();
        sim.inject(FaultRule.withProbability(MpesaEndpoint.STK_QUERY, 1.0, Fault.of(FaultKind.HTTP_500)));

        assertThatThrownBy(() -> gateway.checkStatus(p)).isInstanceOf(GatewayUnavailableException.class);
    }

    @Test
    void aRefusedPushIsRejected() {
        try (MpesaSimulator till = MpesaSimulator.builder().tillNumber("5432109").build().start()) {
            MpesaGateway payBill = MpesaGateway.builder(MpesaFixture.config(till)
                    .transactionType(MpesaConfig.TransactionType.PAY_BILL).partyB(null).build()).build();

            assertThatThrownBy(() -> payBill.initiate(MpesaFixture.initiation(MpesaFixture.payment())))
                    .isInstanceOfSatisfying(GatewayRejectedException.class,
                            e -> assertThat(e.getMessage()).contains("400.002.02"));
        }
    }

    @Test
    void aSecondPromptToACustomerWithOneOpenIsRejected() {
        Payment first = initiated();
        Payment second = MpesaFixture.payment(MpesaGateway.DEFAULT_NAME, "50",
                first.payer().msisdn().digits());

        assertThatThrownBy(() -> gateway.initiate(MpesaFixture.initiation(second)))
                .isInstanceOf(GatewayRejectedException.class).hasMessageContaining("prompt open");
    }

    @Test
    void badCredentialsNameTheVariablesToCheck() {
        MpesaGateway wrongSecret = MpesaFixture.gateway(sim,
                b -> b.consumerSecret(Secret.of("not-the-secret")), clock);
        MpesaGateway wrongPasskey = MpesaFixture.gateway(sim,
                b -> b.passkey(Secret.of("not-the-passkey")), clock);

        assertThatThrownBy(() -> wrongSecret.initiate(MpesaFixture.initiation(MpesaFixture.payment())))
                .isInstanceOfSatisfying(PaymentConfigurationException.class,
                        e -> assertThat(e.variable()).isEqualTo("MPESA_CONSUMER_KEY"));
        assertThatThrownBy(() -> wrongPasskey.initiate(MpesaFixture.initiation(MpesaFixture.payment())))
                .isInstanceOfSatisfying(PaymentConfigurationException.class,
                        e -> assertThat(e.variable()).isEqualTo("MPESA_PASSKEY"));
        assertThat(sim.pushes()).isEmpty();
    }

    @Test
    void validationRefusesWhatMpesaCannotTake() {
        Payment ok = MpesaFixture.payment();
        assertField(ok.toBuilder().money(Money.of("100", "UGX")).build(), "currency");
        assertField(ok.toBuilder().money(Money.of("100.50", "KES")).build(), "amount");
        assertField(ok.toBuilder().payer(Payer.ofPhone(Msisdn.parse("256772123456"))).build(), "phone");
        assertField(ok.toBuilder().payer(new Payer(null, "patient@example.org", "P")).build(), "phone");
        assertField(ok.toBuilder().method(PaymentMethod.MTN_MOBILE_MONEY).build(), "method");
        gateway.validate(ok.toBuilder().money(Money.of("100.00", "KES")).build());
        gateway.validate(ok.toBuilder().payer(Payer.ofPhone(Msisdn.parse("254110123456"))).build());
        // Kenyan numbers are portable: one first given to Airtel may be Safaricom's today, so
        // it goes through and Daraja refuses it if it is not (nothing is charged then)
        gateway.validate(ok.toBuilder().payer(Payer.ofPhone(Msisdn.parse("254733123456"))).build());
        assertThat(sim.pushes()).as("validation sends nothing").isEmpty();
    }

    private void assertField(Payment payment, String field) {
        assertThatThrownBy(() -> gateway.validate(payment))
                .isInstanceOfSatisfying(PaymentValidationException.class,
                        e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void aSecondAccountRunsUnderItsOwnName() {
        MpesaGateway second = MpesaGateway.builder(MpesaFixture.config(sim).build())
                .name("mpesa-2").build();
        Payment p = MpesaFixture.initiated(second,
                MpesaFixture.payment("mpesa-2", "100", MpesaFixture.safaricomNumber()));
        sim.approve(p.providerReference());

        assertThat(second.name()).isEqualTo("mpesa-2");
        assertThat(second.checkStatus(p).status()).isEqualTo(ProviderStatus.SUCCEEDED);
        assertThat(sim.pushes()).singleElement().satisfies(s ->
                assertThat(s.callbackUrl()).contains("/payments/webhooks/mpesa-2/"));
        for (String bad : Set.of("", "Mpesa", "mpesa 2", "mpesa/2")) {
            assertThatThrownBy(() -> MpesaGateway.builder(MpesaFixture.config(sim).build()).name(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
