package org.dusangire.payment.gateway.mtn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.error.UnsupportedCapabilityException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.InitiationResult;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.RefundRequest;
import org.dusangire.payment.core.port.RefundResult;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.core.service.PaymentObserver;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.mtn.MtnEndpoint;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;
import org.dusangire.payment.simulator.mtn.MtnPaymentState;
import org.dusangire.payment.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The MTN gateway's behaviour against the simulator over a real socket. */
class MtnMomoGatewayTest {
    private MtnMomoSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private MtnMomoSimulator uganda() {
        sim = MtnMomoSimulator.builder().targetEnvironment("mtnuganda").threads(16).build().start();
        return sim;
    }

    @Test
    void requestToPayCarriesOurReferenceAmountPayerCallbackAndCleanedMessages() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda());
        Payment p = MtnFixture.payment(sim).toBuilder()
                .description("Bill #42 for O'Brien & Sons: x-ray (Ümit) " + "long ".repeat(60)).build();

        InitiationResult result = gateway.initiate(MtnFixture.initiation(p));

        assertThat(result.providerTransactionId()).isNull();
        MtnPaymentState state = sim.state(p.providerReference()).orElseThrow();
        assertThat(sim.referenceIdsSent()).containsExactly(p.providerReference());
        assertThat(state.amount()).isEqualByComparingTo("1500");
        assertThat(state.currency()).isEqualTo("UGX");
        assertThat(state.payerIdType()).isEqualTo("MSISDN");
        assertThat(state.payerId()).isEqualTo("256772123456");
        assertThat(state.externalId()).isEqualTo(p.providerReference());
        assertThat(state.callbackUrl()).isEqualTo(MtnFixture.callbackUrl(p).toString());
        assertThat(state.payerMessage()).matches("[A-Za-z0-9 .,-]{1,160}").startsWith("Bill 42 for O Brien Sons x-ray Umit");
        assertThat(state.payeeNote()).matches("[A-Za-z0-9 .,-]{1,160}");
        assertThat(sim.journal().entries(MtnEndpoint.REQUEST_TO_PAY.name()).get(0).body())
                .contains("\"amount\":\"1500\"");
    }

    @Test
    void eachTokenFetchIsToldToTheObserverUnderTheGatewaysName() {
        List<String> fetches = new CopyOnWriteArrayList<>();
        MtnMomoGateway gateway = MtnMomoGateway.builder(MtnFixture.config(uganda()).build())
                .sleeper(d -> { }).observer(new PaymentObserver() {
                    @Override
                    public void tokenFetch(String name, boolean succeeded, Duration duration) {
                        fetches.add(name + " " + succeeded);
                    }
                }).build();

        gateway.initiate(MtnFixture.initiation(MtnFixture.payment(sim)));
        gateway.initiate(MtnFixture.initiation(MtnFixture.payment(sim)));

        assertThat(fetches).containsExactly("mtn-momo true");
    }

    @Test
    void amountIsSentAtTheCurrencyScale() {
        assertThat(MtnMomoGateway.wireAmount(Money.of("1500", "UGX"))).isEqualTo("1500");
        assertThat(MtnMomoGateway.wireAmount(Money.of("6", "EUR"))).isEqualTo("6.00");
        assertThat(MtnMomoGateway.wireAmount(Money.of("99.5", "ZMW"))).isEqualTo("99.50");
    }

    @Test
    void timedOutRequestToPayLeavesTheOutcomeUnknownAndARetryWithTheSameReferenceIsAccepted() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda(), b -> b.requestTimeout(Duration.ofMillis(300))
                .maxAttempts(1), Clock.systemUTC());
        sim.inject(FaultRule.nextCalls(MtnEndpoint.REQUEST_TO_PAY, 1, Fault.latency(Duration.ofSeconds(2))));
        Payment p = MtnFixture.payment(sim);

        assertThatThrownBy(() -> gateway.initiate(MtnFixture.initiation(p)))
                .isInstanceOfSatisfying(GatewayUnavailableException.class, e -> {
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.paymentReference()).isEqualTo(p.providerReference());
                });
        InitiationResult retry = gateway.initiate(MtnFixture.initiation(p));

        assertThat(retry.rawResponse()).contains("RESOURCE_ALREADY_EXIST");
        assertThat(sim.referenceIdsSent()).containsExactly(p.providerReference(), p.providerReference());
        assertThat(sim.payments()).hasSize(1);
        assertThat(gateway.checkStatus(p).status()).isEqualTo(ProviderStatus.PENDING);
    }

    @Test
    void aTimedOutRequestToPayIsRepeatedUnderTheSameReferenceWithinOneCall() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda(), b -> b.requestTimeout(Duration.ofMillis(300)),
                Clock.systemUTC());
        sim.inject(FaultRule.nextCalls(MtnEndpoint.REQUEST_TO_PAY, 1, Fault.latency(Duration.ofSeconds(2))));
        Payment p = MtnFixture.payment(sim);

        gateway.initiate(MtnFixture.initiation(p));

        assertThat(sim.requestToPayCount()).isEqualTo(2);
        assertThat(sim.payments()).hasSize(1);
    }

    @Test
    void thousandConcurrentInitiationsCauseExactlyOneTokenRequest() throws Exception {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda());
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<InitiationResult>> results = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Payment p = MtnFixture.payment(sim);
            results.add(pool.submit(() -> {
                start.await();
                return gateway.initiate(MtnFixture.initiation(p));
            }));
        }
        start.countDown();
        for (Future<InitiationResult> f : results) {
            f.get();
        }
        pool.shutdown();

        assertThat(sim.tokenRequests()).isEqualTo(1);
        assertThat(sim.requestToPayCount()).isEqualTo(1000);
    }

    @Test
    void anExpiredTokenIsRefreshedOnce() {
        MutableClock mtnClock = MutableClock.startingAt("2026-03-01T08:00:00Z");
        sim = MtnMomoSimulator.builder().targetEnvironment("mtnuganda").clock(mtnClock).threads(8).build().start();
        MtnMomoGateway gateway = MtnFixture.gateway(sim);
        Payment p = MtnFixture.payment(sim);
        gateway.initiate(MtnFixture.initiation(p));
        mtnClock.advance(Duration.ofHours(2)); // MTN expired the token; our clock still trusts it

        assertThat(gateway.checkStatus(p).status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(gateway.checkStatus(p).status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(sim.tokenRequests()).isEqualTo(2);
    }

    @Test
    void wrongApiUserOrKeyEndsInAnErrorNamingMtnAndTheVariables() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda(), b -> b.apiKey(Secret.of("wrong-key")),
                Clock.systemUTC());

        assertThatThrownBy(() -> gateway.initiate(MtnFixture.initiation(MtnFixture.payment(sim))))
                .isInstanceOfSatisfying(PaymentConfigurationException.class, e -> {
                    assertThat(e.variable()).isEqualTo(MtnMomoConfig.API_KEY);
                    assertThat(e.gatewayName()).isEqualTo("mtn-momo");
                    assertThat(e.getMessage()).contains("MTN MoMo").contains("MTN_MOMO_API_KEY")
                            .contains("MTN_MOMO_API_SECRET").doesNotContain("wrong-key");
                });
        assertThat(sim.requestToPayCount()).isZero();
    }

    @Test
    void wrongSubscriptionKeyNamesThatVariable() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda(), b -> b.subscriptionKey(Secret.of("nope")),
                Clock.systemUTC());

        assertThatThrownBy(() -> gateway.checkStatus(MtnFixture.payment(sim)))
                .isInstanceOf(PaymentConfigurationException.class)
                .hasMessageContaining("MTN MoMo").hasMessageContaining("MTN_MOMO_SUBSCRIPTION_KEY");
    }

    @ParameterizedTest
    @EnumSource(value = FaultKind.class, names = {"HTTP_500", "HTTP_503", "HTTP_429",
            "DROP_BEFORE_PROCESSING", "DROP_AFTER_PROCESSING"})
    void providerFaultsOnInitiationLeaveTheOutcomeUnknown(FaultKind kind) {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda());
        sim.inject(FaultRule.withProbability(MtnEndpoint.REQUEST_TO_PAY, 1.0, Fault.of(kind)));

        Throwable thrown = catchThrowable(() -> gateway.initiate(MtnFixture.initiation(MtnFixture.payment(sim))));

        assertThat(thrown).isInstanceOf(GatewayUnavailableException.class);
    }

    @Test
    void garbledBodyOnAnAcceptedRequestToPayStillCountsAsAccepted() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda());
        sim.inject(FaultRule.nextCalls(MtnEndpoint.REQUEST_TO_PAY, 1, Fault.of(FaultKind.MALFORMED_BODY)));
        Payment p = MtnFixture.payment(sim);

        gateway.initiate(MtnFixture.initiation(p));

        assertThat(gateway.checkStatus(p).status()).isEqualTo(ProviderStatus.PENDING);
    }

    @ParameterizedTest
    @EnumSource(value = FaultKind.class, names = {"HTTP_500", "HTTP_503", "HTTP_429",
            "DROP_BEFORE_PROCESSING", "DROP_AFTER_PROCESSING", "MALFORMED_BODY"})
    void providerFaultsOnStatusAreUnavailableOrUnknownNeverFailed(FaultKind kind) {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda());
        Payment p = MtnFixture.payment(sim);
        gateway.initiate(MtnFixture.initiation(p));
        sim.decline(p.providerReference()); // even a failed payment must not be reported failed from garbage
        sim.inject(FaultRule.withProbability(MtnEndpoint.REQUEST_TO_PAY_STATUS, 1.0, Fault.of(kind)));

        Throwable thrown = catchThrowable(() -> {
            StatusReport report = gateway.checkStatus(p);
            assertThat(report.status()).isEqualTo(ProviderStatus.UNKNOWN);
        });

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(GatewayUnavailableException.class);
        }
    }

    @Test
    void statusIsRetriedPastATransientFault() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda());
        Payment p = MtnFixture.payment(sim);
        gateway.initiate(MtnFixture.initiation(p));
        sim.inject(FaultRule.nextCalls(MtnEndpoint.REQUEST_TO_PAY_STATUS, 2, Fault.of(FaultKind.HTTP_503)));

        assertThat(gateway.checkStatus(p).status()).isEqualTo(ProviderStatus.PENDING);
    }

    @Test
    void callbackHostMtnDoesNotAcceptIsARejectionWithItsCodeAndIsNotRetried() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda());
        Payment p = MtnFixture.payment(sim);
        InitiationRequest request = new InitiationRequest(p, URI.create("https://elsewhere.example/cb/x/y"),
                URI.create("https://elsewhere.example/"), "Clinic");

        assertThatThrownBy(() -> gateway.initiate(request))
                .isInstanceOfSatisfying(GatewayRejectedException.class, e -> {
                    assertThat(e.providerCode()).isEqualTo("INVALID_CALLBACK_URL_HOST");
                    assertThat(e.httpStatus()).isEqualTo(500);
                });
        assertThat(sim.requestToPayCount()).isEqualTo(1);
    }

    @Test
    void badRequestIsARejection() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda());
        Payment p = MtnFixture.payment(sim).toBuilder().providerReference("not-a-uuid").build();

        assertThatThrownBy(() -> gateway.initiate(MtnFixture.initiation(p)))
                .isInstanceOfSatisfying(GatewayRejectedException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(400));
    }

    @Test
    void referenceMtnNeverReceivedIsNotFound() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda());

        assertThat(gateway.checkStatus(MtnFixture.payment(sim)).status()).isEqualTo(ProviderStatus.NOT_FOUND);
    }

    @Test
    void succeededStatusCarriesTransactionIdAmountAndReference() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda());
        Payment p = MtnFixture.payment(sim);
        gateway.initiate(MtnFixture.initiation(p));
        sim.approve(p.providerReference());

        StatusReport report = gateway.checkStatus(p);

        assertThat(report.status()).isEqualTo(ProviderStatus.SUCCEEDED);
        assertThat(report.providerTransactionId()).isNotBlank();
        assertThat(report.reportedAmount()).isEqualTo(Money.of("1500", "UGX"));
        assertThat(report.reportedReference()).isEqualTo(p.providerReference());
        assertThat(report.reason()).isNull();
        assertThat(report.rawResponse()).doesNotContain("256772123456");
    }

    @Test
    void refundGoesThroughDisbursementAndARetryOfTheSameRefundIsNotSentTwice() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda());
        Payment paid = paid(gateway);
        RefundRequest partial = new RefundRequest(paid, Money.of("500", "UGX"), UUID.randomUUID().toString(),
                "Returned item's refund");

        RefundResult first = gateway.refund(partial);
        RefundResult again = gateway.refund(partial);

        assertThat(gateway.supportsRefunds()).isTrue();
        assertThat(gateway.supportsPartialRefunds()).isTrue();
        assertThat(first.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(first.providerRefundId()).isNotBlank();
        assertThat(again.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(sim.state(paid.providerReference()).orElseThrow().refunded()).isEqualByComparingTo(new BigDecimal("500"));
        assertThat(sim.refundsPaidOut(paid.providerReference())).isEqualTo(1);
        assertThat(sim.journal().headerValues(MtnEndpoint.REFUND.name(), "x-reference-id"))
                .containsExactly(partial.refundId(), partial.refundId());
    }

    @Test
    void refundStatusIsAskedUnderOurRefundIdAndMapped() {
        sim = MtnMomoSimulator.builder().targetEnvironment("mtnuganda").holdRefunds(true).threads(16)
                .build().start();
        MtnMomoGateway gateway = MtnFixture.gateway(sim);
        Payment paid = paid(gateway);
        RefundRequest request = new RefundRequest(paid, Money.of("500", "UGX"),
                UUID.randomUUID().toString(), null);

        RefundResult sent = gateway.refund(request);
        RefundResult pending = gateway.checkRefundStatus(paid, stored(request, sent));
        sim.completeRefund(request.refundId());
        RefundResult done = gateway.checkRefundStatus(paid, stored(request, sent));

        assertThat(sent.status()).isEqualTo(RefundResult.Status.PENDING);
        assertThat(sent.providerRefundId()).isEqualTo(request.refundId());
        assertThat(pending.status()).isEqualTo(RefundResult.Status.PENDING);
        assertThat(pending.providerRefundId()).isEqualTo(request.refundId());
        assertThat(done.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(done.providerRefundId()).isEqualTo(
                sim.refund(request.refundId()).orElseThrow().financialTransactionId());
        assertThat(sim.journal().entries(MtnEndpoint.REFUND_STATUS.name())).last()
                .satisfies(e -> assertThat(e.path()).endsWith("/disbursement/v1_0/refund/"
                        + request.refundId()));
    }

    @Test
    void refundMtnGaveUpIsFailedAndOneStillGoingIsPending() {
        sim = MtnMomoSimulator.builder().targetEnvironment("mtnuganda").holdRefunds(true).threads(16)
                .build().start();
        MtnMomoGateway gateway = MtnFixture.gateway(sim);
        Payment paid = paid(gateway);
        RefundRequest failed = new RefundRequest(paid, Money.of("500", "UGX"), UUID.randomUUID().toString(), null);
        RefundRequest delayed = new RefundRequest(paid, Money.of("500", "UGX"), UUID.randomUUID().toString(), null);
        gateway.refund(failed);
        gateway.refund(delayed);

        sim.failRefund(failed.refundId(), "NOT_ENOUGH_FUNDS");
        sim.failRefund(delayed.refundId(), "PAYEE_DELAYED");

        RefundResult gaveUp = gateway.checkRefundStatus(paid, stored(failed, null));
        assertThat(gaveUp.status()).isEqualTo(RefundResult.Status.FAILED);
        assertThat(gaveUp.rawResponse()).contains("NOT_ENOUGH_FUNDS");
        assertThat(gateway.checkRefundStatus(paid, stored(delayed, null)).status())
                .isEqualTo(RefundResult.Status.PENDING);
    }

    @Test
    void refundMtnNeverReceivedIsNotFoundAndThenSentOnce() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda());
        Payment paid = paid(gateway);
        RefundRequest request = new RefundRequest(paid, paid.money(), UUID.randomUUID().toString(), null);

        RefundResult never = gateway.checkRefundStatus(paid, stored(request, null));
        RefundResult resent = gateway.refund(request);

        assertThat(never.status()).isEqualTo(RefundResult.Status.NOT_FOUND);
        assertThat(never.providerRefundId()).isNull();
        assertThat(resent.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(sim.refundsPaidOut(paid.providerReference())).isEqualTo(1);
    }

    @Test
    void refundWhoseAnswerIsLostIsRepeatedUnderTheSameIdAndPaidOnce() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda());
        Payment paid = paid(gateway);
        RefundRequest request = new RefundRequest(paid, paid.money(), UUID.randomUUID().toString(), null);
        sim.inject(FaultRule.nextCalls(MtnEndpoint.REFUND, 1, Fault.of(FaultKind.DROP_AFTER_PROCESSING)));

        RefundResult result = gateway.refund(request);

        assertThat(result.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(sim.refundRequests()).isEqualTo(2);
        assertThat(sim.refundsPaidOut(paid.providerReference())).isEqualTo(1);
        assertThat(sim.refundedTotal(paid.providerReference())).isEqualByComparingTo("1500");
    }

    @Test
    void refundStatusThatCannotBeAskedIsOutcomeUnknownNeverAnAnswer() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda());
        Payment paid = paid(gateway);
        RefundRequest request = new RefundRequest(paid, paid.money(), UUID.randomUUID().toString(), null);
        gateway.refund(request);
        sim.inject(FaultRule.nextCalls(MtnEndpoint.REFUND_STATUS, 5, Fault.of(FaultKind.HTTP_503)));

        assertThatThrownBy(() -> gateway.checkRefundStatus(paid, stored(request, null)))
                .isInstanceOf(GatewayUnavailableException.class);
    }

    @Test
    void refundRefusedAfterItsAnswerWasLostIsStillNotFailedWhenMtnHasIt() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda(), b -> b.maxAttempts(1), Clock.systemUTC());
        Payment paid = paid(gateway);
        RefundRequest request = new RefundRequest(paid, paid.money(), UUID.randomUUID().toString(), null);
        sim.inject(FaultRule.nextCalls(MtnEndpoint.REFUND, 1, Fault.of(FaultKind.DROP_AFTER_PROCESSING)));

        assertThatThrownBy(() -> gateway.refund(request)).isInstanceOf(GatewayUnavailableException.class);
        RefundResult checked = gateway.checkRefundStatus(paid, stored(request, null));
        RefundResult again = gateway.refund(request);

        assertThat(checked.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(again.status()).as("409 on the same id counts as accepted").isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(sim.refundsPaidOut(paid.providerReference())).isEqualTo(1);
    }

    @Test
    void refundBeyondWhatWasPaidIsRefused() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda());
        Payment paid = paid(gateway);

        assertThatThrownBy(() -> gateway.refund(new RefundRequest(paid, Money.of("9000", "UGX"),
                UUID.randomUUID().toString(), null))).isInstanceOf(GatewayRejectedException.class);
    }

    @Test
    void withoutADisbursementKeyRefundsAreUnsupported() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda(), b -> b.disbursementSubscriptionKey(null),
                Clock.systemUTC());
        Payment paid = paid(gateway);

        assertThat(gateway.supportsRefunds()).isFalse();
        RefundRequest request = new RefundRequest(paid, paid.money(), UUID.randomUUID().toString(), null);
        assertThatThrownBy(() -> gateway.refund(request)).isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("MTN_MOMO_DISBURSEMENT_SUBSCRIPTION_KEY");
        assertThatThrownBy(() -> gateway.checkRefundStatus(paid, stored(request, null)))
                .isInstanceOf(UnsupportedCapabilityException.class);
        assertThat(sim.refundRequests()).isZero();
    }

    @Test
    void accountHolderCheckStopsAnUnknownPayerBeforeAnyRequestToPay() {
        sim = MtnMomoSimulator.builder().targetEnvironment("mtnuganda")
                .unknownAccountHolders(Set.of("256772999999")).threads(8).build().start();
        MtnMomoGateway gateway = MtnFixture.gateway(sim, b -> b.validateAccountHolder(true), Clock.systemUTC());

        assertThatThrownBy(() -> gateway.initiate(MtnFixture.initiation(
                MtnFixture.payment(sim, "1500", "256772999999"))))
                .isInstanceOfSatisfying(GatewayRejectedException.class,
                        e -> assertThat(e.providerCode()).isEqualTo("PAYER_NOT_FOUND"));
        assertThat(sim.requestToPayCount()).isZero();
        gateway.initiate(MtnFixture.initiation(MtnFixture.payment(sim)));
        assertThat(sim.requestToPayCount()).isEqualTo(1);
    }

    @Test
    void validateRefusesAnotherCurrencyAndAMissingPhone() {
        MtnMomoGateway gateway = MtnFixture.gateway(uganda());
        Payment kes = MtnFixture.payment(sim).toBuilder().money(Money.of("10", "KES")).build();
        Payment noPhone = MtnFixture.payment(sim).toBuilder().payer(Payer.none()).build();

        assertThatThrownBy(() -> gateway.validate(kes)).isInstanceOfSatisfying(PaymentValidationException.class,
                e -> assertThat(e.field()).isEqualTo("currency"));
        assertThatThrownBy(() -> gateway.validate(noPhone)).isInstanceOfSatisfying(PaymentValidationException.class,
                e -> assertThat(e.field()).isEqualTo("phone"));
        gateway.validate(MtnFixture.payment(sim));
    }

    /** The refund as the core stores it: sent under the request's id, with the answer's id if any. */
    private static Refund stored(RefundRequest request, RefundResult answer) {
        return Refund.builder().id(RefundId.parse(request.refundId()))
                .paymentId(request.payment().id()).gatewayName(MtnMomoGateway.NAME)
                .amount(request.amount()).createdAt(request.payment().createdAt())
                .outcomeUnknown(answer == null)
                .providerTransactionId(answer == null ? null : answer.providerRefundId()).build();
    }

    private Payment paid(MtnMomoGateway gateway) {
        Payment p = MtnFixture.payment(sim);
        gateway.initiate(MtnFixture.initiation(p));
        sim.approve(p.providerReference());
        return p.transition(PaymentStatus.SUCCEEDED, Trigger.VERIFY, p.createdAt().plusSeconds(1), null);
    }
}
