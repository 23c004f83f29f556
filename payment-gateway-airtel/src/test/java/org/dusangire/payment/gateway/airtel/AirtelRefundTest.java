package org.dusangire.payment.gateway.airtel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.UUID;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.RefundRequest;
import org.dusangire.payment.core.port.RefundResult;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.airtel.AirtelEndpoint;
import org.dusangire.payment.simulator.airtel.AirtelMoneySimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Airtel refunds: whole reversals, judged by the whole answer, settled by the enquiry. */
class AirtelRefundTest {
    private final AirtelMoneySimulator sim = AirtelMoneySimulator.builder().threads(8).build().start();
    private final AirtelMoneyGateway gateway = AirtelFixture.gateway(sim, b -> b.maxAttempts(1),
            Clock.systemUTC());

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void reversalAnswersWithTheRefundsOwnAirtelIdNotThePayments() {
        Payment paid = paid();
        RefundRequest request = full(paid);

        RefundResult result = gateway.refund(request);

        assertThat(result.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(result.providerRefundId()).isEqualTo(
                sim.refund(paid.providerReference()).orElseThrow().airtelMoneyId())
                .isNotEqualTo(paid.providerTransactionId());
        assertThat(sim.journal().entries(AirtelEndpoint.REFUND.name())).singleElement()
                .satisfies(e -> assertThat(e.body()).contains(paid.providerTransactionId()));
        assertThat(gateway.checkRefundStatus(paid, stored(request, result)).status())
                .isEqualTo(RefundResult.Status.COMPLETED);
    }

    @Test
    void successTrueOrFalseInTheEnvelopeMakesNoDifference() {
        try (var plain = AirtelMoneySimulator.builder().docsSuccessQuirk(false).threads(8).build().start()) {
            AirtelMoneyGateway other = AirtelFixture.gateway(plain);
            Payment paid = paid(other, plain);

            assertThat(other.refund(full(paid)).status()).isEqualTo(RefundResult.Status.COMPLETED);
            assertThat(plain.refundsPaidOut(paid.providerReference())).isEqualTo(1);
        }
    }

    @Test
    void reversalWhoseAnswerIsLostIsFoundReversedAndNeverSentAgain() {
        Payment paid = paid();
        RefundRequest request = full(paid);
        sim.inject(FaultRule.nextCalls(AirtelEndpoint.REFUND, 1, Fault.of(FaultKind.DROP_AFTER_PROCESSING)));

        assertThatThrownBy(() -> gateway.refund(request)).isInstanceOf(GatewayUnavailableException.class);
        RefundResult checked = gateway.checkRefundStatus(paid, stored(request, null));

        assertThat(checked.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(sim.refundRequests()).isEqualTo(1);
        assertThat(sim.refundsPaidOut(paid.providerReference())).isEqualTo(1);
    }

    @Test
    void reversalLostBeforeAirtelSawItIsNotFoundAndSentAgainOnce() {
        Payment paid = paid();
        RefundRequest request = full(paid);
        sim.inject(FaultRule.nextCalls(AirtelEndpoint.REFUND, 1, Fault.of(FaultKind.DROP_BEFORE_PROCESSING)));

        assertThatThrownBy(() -> gateway.refund(request)).isInstanceOf(GatewayUnavailableException.class);
        RefundResult checked = gateway.checkRefundStatus(paid, stored(request, null));
        RefundResult resent = gateway.refund(request);

        assertThat(checked.status()).isEqualTo(RefundResult.Status.NOT_FOUND);
        assertThat(resent.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(sim.refundsPaidOut(paid.providerReference())).isEqualTo(1);
    }

    @Test
    void resendingAReversalThatDidLandIsCompletedNeverFailedAndPaysOnce() {
        Payment paid = paid();
        RefundRequest request = full(paid);
        gateway.refund(request);

        RefundResult again = gateway.refund(request);

        assertThat(again.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(sim.refundRequests()).isEqualTo(2);
        assertThat(sim.refundsPaidOut(paid.providerReference())).isEqualTo(1);
        assertThat(sim.refundedTotal(paid.providerReference())).isEqualByComparingTo("1500");
    }

    @Test
    void refundAirtelTookWithoutAnAnswerOfItsOwnIsPendingWhileStillTs() {
        Payment paid = paid();
        RefundRequest request = full(paid);

        RefundResult checked = gateway.checkRefundStatus(paid, stored(request,
                new RefundResult(RefundResult.Status.PENDING, "CI1", null)));

        assertThat(checked.status()).isEqualTo(RefundResult.Status.PENDING);
        assertThat(checked.providerRefundId()).isEqualTo("CI1");
    }

    @Test
    void paymentAirtelDoesNotKnowOrThatFailedSaysNothingAboutTheRefund() {
        Payment unknown = AirtelFixture.payment().toBuilder().providerTransactionId("MP1").build();
        Payment failed = AirtelFixture.payment();
        gateway.initiate(AirtelFixture.initiation(failed));
        sim.decline(failed.providerReference());

        assertThat(gateway.checkRefundStatus(unknown, stored(full(unknown), null)).status())
                .isEqualTo(RefundResult.Status.UNKNOWN);
        assertThat(gateway.checkRefundStatus(failed, stored(full(failed), null)).status())
                .isEqualTo(RefundResult.Status.UNKNOWN);
    }

    @Test
    void enquiryThatCannotBeAnsweredIsOutcomeUnknown() {
        Payment paid = paid();
        sim.inject(FaultRule.nextCalls(AirtelEndpoint.ENQUIRY, 1, Fault.of(FaultKind.HTTP_503)));

        assertThatThrownBy(() -> gateway.checkRefundStatus(paid, stored(full(paid), null)))
                .isInstanceOf(GatewayUnavailableException.class);
    }

    @Test
    void everyFaultOnTheRefundLeavesTheOutcomeUnknownAndTheEnquirySettlesIt() {
        AirtelMoneyGateway impatient = AirtelFixture.gateway(sim, b -> b.maxAttempts(1)
                .requestTimeout(Duration.ofMillis(300)), Clock.systemUTC());
        for (FaultKind kind : FaultKind.values()) {
            if (kind.outbound()) {
                continue;
            }
            Payment paid = paid();
            RefundRequest request = full(paid);
            sim.inject(FaultRule.nextCalls(AirtelEndpoint.REFUND, 1, kind == FaultKind.LATENCY
                    ? Fault.latency(Duration.ofMillis(1000)) : Fault.of(kind)));

            assertThatThrownBy(() -> impatient.refund(request)).as("%s", kind)
                    .isInstanceOf(GatewayUnavailableException.class);
            RefundResult checked = impatient.checkRefundStatus(paid, stored(request, null));

            boolean processed = kind == FaultKind.DROP_AFTER_PROCESSING || kind == FaultKind.LATENCY
                    || kind == FaultKind.MALFORMED_BODY;
            assertThat(sim.refundsPaidOut(paid.providerReference())).as("%s", kind)
                    .isEqualTo(processed ? 1 : 0);
            assertThat(checked.status()).as("%s", kind).isEqualTo(processed
                    ? RefundResult.Status.COMPLETED : RefundResult.Status.NOT_FOUND);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "200 | {\"data\":{\"transaction\":{\"airtel_money_id\":\"CI9\",\"status\":\"SUCCESS\"}},\"status\":{\"code\":\"200\",\"result_code\":\"ESB000010\",\"success\":false}} | COMPLETED | CI9",
        "200 | {\"data\":{\"transaction\":{\"airtel_money_id\":\"MP1\",\"status\":\"SUCCESS\"}},\"status\":{\"code\":\"200\",\"result_code\":\"ESB000010\",\"success\":true}} | COMPLETED | ",
        "200 | {\"data\":{\"transaction\":{\"airtel_money_id\":\"CI9\",\"status\":\"TIP\"}},\"status\":{\"code\":\"200\",\"result_code\":\"ESB000010\"}} | PENDING | CI9",
        "200 | {\"data\":{},\"status\":{\"code\":\"200\",\"result_code\":\"ESB000010\",\"success\":true}} | PENDING | "})
    void answersThatSayItWasTakenAreCompletedOrPending(int http, String body, RefundResult.Status expected,
            String refundId) {
        try (CannedAirtel canned = new CannedAirtel().refund(http, body).enquiry("TS", "MP1")) {
            RefundResult result = canned(canned).refund(full(cannedPaid()));

            assertThat(result.status()).isEqualTo(expected);
            assertThat(result.providerRefundId()).isEqualTo(refundId);
            assertThat(canned.enquiries.get()).isZero();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "200 | {\"data\":{\"transaction\":{\"status\":\"SUCCESS\"}},\"status\":{\"code\":\"500\",\"result_code\":\"ESB000010\"}}",
        "200 | {\"data\":{\"transaction\":{\"status\":\"SUCCESS\"}},\"status\":{\"code\":\"200\",\"result_code\":\"ESB000001\"}}",
        "200 | {\"data\":{\"transaction\":{\"status\":\"SUCCESS\"}},\"status\":{\"code\":\"200\",\"result_code\":\"ESB000099\"}}",
        "200 | {\"data\":{\"transaction\":{\"status\":\"SOMETHING_NEW\"}},\"status\":{\"code\":\"200\",\"result_code\":\"ESB000010\"}}",
        "200 | {\"status\":{\"code\":\"200\",\"response_code\":\"DP00800001000\",\"success\":true}}",
        "200 | not json",
        "500 | {\"status\":{\"code\":\"500\",\"result_code\":\"ESB000011\",\"success\":false}}",
        "400 | {\"status\":{\"code\":\"400\",\"result_code\":\"ROUTER117\",\"success\":false}}"})
    void answersThatDoNotSayAreOutcomeUnknown(int http, String body) {
        try (CannedAirtel canned = new CannedAirtel().refund(http, body).enquiry("TS", "MP1")) {
            assertThatThrownBy(() -> canned(canned).refund(full(cannedPaid())))
                    .isInstanceOf(GatewayUnavailableException.class);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "200 | {\"data\":{\"transaction\":{\"status\":\"SUCCESS\"}},\"status\":{\"code\":\"200\",\"result_code\":\"ESB000011\",\"success\":true}}",
        "200 | {\"data\":{\"transaction\":{\"status\":\"FAILED\"}},\"status\":{\"code\":\"200\",\"result_code\":\"ESB000010\"}}",
        "200 | {\"data\":{\"transaction\":{\"status\":\"SUCCESS\"}},\"status\":{\"code\":\"400\",\"message\":\"Bad\"}}",
        "400 | {\"status\":{\"code\":\"400\",\"result_code\":\"ESB000011\",\"message\":\"Transaction is already reversed\",\"success\":false}}"})
    void refusalsStandOnlyWhileTheTransactionIsNotReversed(int http, String body) {
        try (CannedAirtel canned = new CannedAirtel().refund(http, body).enquiry("TS", "MP1")) {
            AirtelMoneyGateway g = canned(canned);
            assertThatThrownBy(() -> g.refund(full(cannedPaid())))
                    .isInstanceOf(GatewayRejectedException.class);

            canned.enquiry("TR", "MP1");
            RefundResult reversed = g.refund(full(cannedPaid()));

            assertThat(reversed.status()).isEqualTo(RefundResult.Status.COMPLETED);
            assertThat(canned.enquiries.get()).isEqualTo(2);
        }
    }

    private AirtelMoneyGateway canned(CannedAirtel canned) {
        return AirtelMoneyGateway.builder(AirtelMoneyConfig.builder().clientId("canned")
                .clientSecret(Secret.of("canned-secret")).country("UG")
                .currency(Currency.getInstance("UGX")).baseUrl(canned.baseUri())
                .requestTimeout(Duration.ofSeconds(5)).maxAttempts(1).build())
                .sleeper(d -> { }).build();
    }

    private static Payment cannedPaid() {
        Payment p = AirtelFixture.payment();
        return p.transition(PaymentStatus.SUCCEEDED, Trigger.VERIFY, p.createdAt().plusSeconds(1), null)
                .toBuilder().providerTransactionId("MP1").build();
    }

    private Payment paid() {
        return paid(gateway, sim);
    }

    private static Payment paid(AirtelMoneyGateway gateway, AirtelMoneySimulator sim) {
        Payment p = AirtelFixture.payment();
        gateway.initiate(AirtelFixture.initiation(p));
        sim.approve(p.providerReference());
        return p.transition(PaymentStatus.SUCCEEDED, Trigger.VERIFY, p.createdAt().plusSeconds(1), null)
                .toBuilder().providerTransactionId(gateway.checkStatus(p).providerTransactionId()).build();
    }

    private static RefundRequest full(Payment paid) {
        return new RefundRequest(paid, paid.money(), UUID.randomUUID().toString(), null);
    }

    /** The refund as the core stores it: outcome unknown when no answer came. */
    private static Refund stored(RefundRequest request, RefundResult answer) {
        return Refund.builder().id(RefundId.parse(request.refundId()))
                .paymentId(request.payment().id()).gatewayName(AirtelMoneyGateway.NAME)
                .amount(request.amount()).createdAt(request.payment().createdAt())
                .outcomeUnknown(answer == null)
                .providerTransactionId(answer == null ? null : answer.providerRefundId()).build();
    }
}
