package org.dusangire.payment.gateway.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.RefundRequest;
import org.dusangire.payment.core.port.RefundResult;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Flutterwave refunds against the simulator: found again by our refund id, never sent twice. */
class FlutterwaveRefundTest {
    private FlwFixture fx = new FlwFixture();

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void refundCarriesOurIdInCommentsAndIsReadBackByFlutterwavesId() {
        Payment paid = paid();
        RefundRequest request = refund(paid, "500");

        RefundResult sent = fx.gateway.refund(request);
        RefundResult checked = fx.gateway.checkRefundStatus(paid, stored(request, sent));

        assertThat(sent.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(sent.providerRefundId()).isEqualTo(Long.toString(
                fx.sim.refunds(paid.providerReference()).get(0).id()));
        assertThat(fx.sim.refunds(paid.providerReference()).get(0).comments())
                .isEqualTo("refund " + request.refundId() + "; contract");
        assertThat(checked.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(checked.providerRefundId()).isEqualTo(sent.providerRefundId());
        assertThat(fx.sim.journal().entries(FlutterwaveEndpoint.REFUND_STATUS.name())).last()
                .satisfies(e -> assertThat(e.path()).isEqualTo("/v3/refunds/" + sent.providerRefundId()));
    }

    @Test
    void processingRefundIsPendingUntilFlutterwaveCompletesOrFailsIt() {
        fx.close();
        fx = new FlwFixture(b -> b.refundStatus("processing"), c -> { });
        Payment paid = paid();
        RefundRequest first = refund(paid, "500");
        RefundRequest second = refund(paid, "500");
        RefundResult a = fx.gateway.refund(first);
        RefundResult b = fx.gateway.refund(second);

        assertThat(a.status()).isEqualTo(RefundResult.Status.PENDING);
        assertThat(fx.gateway.checkRefundStatus(paid, stored(first, a)).status())
                .isEqualTo(RefundResult.Status.PENDING);
        fx.sim.completeRefund(Long.parseLong(a.providerRefundId()));
        fx.sim.failRefund(Long.parseLong(b.providerRefundId()));

        assertThat(fx.gateway.checkRefundStatus(paid, stored(first, a)).status())
                .isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(fx.gateway.checkRefundStatus(paid, stored(second, b)).status())
                .isEqualTo(RefundResult.Status.FAILED);
    }

    @Test
    void refundWhoseAnswerWasLostIsFoundByOurIdAmongTheTransactionsRefunds() {
        Payment paid = paid();
        RefundRequest other = refund(paid, "300");
        fx.gateway.refund(other);
        RefundRequest request = refund(paid, "500");
        fx.sim.inject(FaultRule.nextCalls(FlutterwaveEndpoint.REFUND, 1,
                Fault.of(FaultKind.DROP_AFTER_PROCESSING)));

        assertThatThrownBy(() -> fx.gateway.refund(request)).isInstanceOf(GatewayUnavailableException.class);
        RefundResult checked = fx.gateway.checkRefundStatus(paid, stored(request, null));

        assertThat(checked.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(checked.providerRefundId()).isEqualTo(Long.toString(
                fx.sim.refunds(paid.providerReference()).get(1).id()));
        assertThat(checked.rawResponse()).contains(request.refundId()).doesNotContain(other.refundId());
        assertThat(fx.sim.refundRequests()).isEqualTo(2);
    }

    @Test
    void refundFlutterwaveNeverReceivedIsNotFoundAndSentAgainOnce() {
        Payment paid = paid();
        RefundRequest other = refund(paid, "300");
        fx.gateway.refund(other);
        RefundRequest request = refund(paid, "500");
        fx.sim.inject(FaultRule.nextCalls(FlutterwaveEndpoint.REFUND, 1,
                Fault.of(FaultKind.DROP_BEFORE_PROCESSING)));

        assertThatThrownBy(() -> fx.gateway.refund(request)).isInstanceOf(GatewayUnavailableException.class);
        RefundResult checked = fx.gateway.checkRefundStatus(paid, stored(request, null));
        RefundResult resent = fx.gateway.refund(request);

        assertThat(checked.status()).isEqualTo(RefundResult.Status.NOT_FOUND);
        assertThat(resent.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(fx.sim.refundsPaidOut(paid.providerReference())).isEqualTo(2);
        assertThat(fx.sim.refundedTotal(paid.providerReference())).isEqualByComparingTo("800");
    }

    @Test
    void theSameRefundIdSentAgainIsAnsweredFromFlutterwavesRecordsAndNeverPosted() {
        Payment paid = paid();
        RefundRequest request = refund(paid, "500");
        RefundResult first = fx.gateway.refund(request);

        RefundResult again = fx.gateway.refund(request);

        assertThat(again.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(again.providerRefundId()).isEqualTo(first.providerRefundId());
        assertThat(fx.sim.refundRequests()).isEqualTo(1);
        assertThat(fx.sim.refundedTotal(paid.providerReference())).isEqualByComparingTo("500");
    }

    @Test
    void ourRefundIsFoundOnALaterPageOfTheListing() {
        fx.close();
        fx = new FlwFixture(b -> b.refundPageSize(2), c -> { });
        Payment paid = paid();
        for (int i = 0; i < 4; i++) {
            fx.gateway.refund(refund(paid, "100"));
        }
        RefundRequest request = refund(paid, "100");
        fx.sim.inject(FaultRule.nextCalls(FlutterwaveEndpoint.REFUND, 1,
                Fault.of(FaultKind.DROP_AFTER_PROCESSING)));
        assertThatThrownBy(() -> fx.gateway.refund(request)).isInstanceOf(GatewayUnavailableException.class);

        RefundResult checked = fx.gateway.checkRefundStatus(paid, stored(request, null));

        assertThat(checked.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(checked.providerRefundId()).isEqualTo(Long.toString(
                fx.sim.refunds(paid.providerReference()).get(4).id()));
    }

    @Test
    void aFlutterwaveRefundIdItDoesNotHoldIsUnknownNeverAnotherRefundsStatus() {
        Payment paid = paid();
        RefundRequest request = refund(paid, "500");
        fx.gateway.refund(request);
        RefundRequest unknown = refund(paid, "500");

        RefundResult checked = fx.gateway.checkRefundStatus(paid, stored(unknown,
                new RefundResult(RefundResult.Status.PENDING, "99", null)));

        assertThat(checked.status()).isEqualTo(RefundResult.Status.UNKNOWN);
    }

    @Test
    void listingThatCannotBeReadStopsTheRefundBeforeAnythingIsSent() {
        Payment paid = paid();
        fx.sim.inject(FaultRule.nextCalls(FlutterwaveEndpoint.REFUND_LIST, 5, Fault.of(FaultKind.HTTP_503)));

        assertThatThrownBy(() -> fx.gateway.refund(refund(paid, "500")))
                .isInstanceOf(GatewayUnavailableException.class);
        assertThat(fx.sim.refundRequests()).isZero();
    }

    @Test
    void statusThatCannotBeAskedIsOutcomeUnknown() {
        Payment paid = paid();
        RefundRequest request = refund(paid, "500");
        fx.sim.inject(FaultRule.nextCalls(FlutterwaveEndpoint.REFUND_LIST, 5, Fault.of(FaultKind.HTTP_500)));

        assertThatThrownBy(() -> fx.gateway.checkRefundStatus(paid, stored(request, null)))
                .isInstanceOf(GatewayUnavailableException.class);
    }

    @Test
    void withoutATransactionIdTheTransactionIsLookedUpByReference() {
        Payment paid = paid();
        RefundRequest request = refund(paid.toBuilder().providerTransactionId(null).build(), "500");

        RefundResult sent = fx.gateway.refund(request);
        RefundResult checked = fx.gateway.checkRefundStatus(request.payment(), stored(request, null));

        assertThat(sent.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(checked.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(checked.providerRefundId()).isEqualTo(sent.providerRefundId());
    }

    private Payment paid() {
        Payment p = FlwFixture.cardPayment();
        var r = fx.gateway.initiate(new InitiationRequest(p, java.net.URI.create("http://localhost/cb"),
                java.net.URI.create("http://localhost:8080/payments/callback/"), "Kisenyi Clinic"));
        long id = fx.sim.payByCard(p.providerReference());
        return p.toBuilder().paymentLink(r.paymentLink()).outcomeUnknown(false).build()
                .transition(PaymentStatus.SUCCEEDED, Trigger.VERIFY, fx.clock.instant(), null)
                .toBuilder().providerTransactionId(Long.toString(id)).build();
    }

    private static RefundRequest refund(Payment paid, String amount) {
        return new RefundRequest(paid, Money.of(amount, "UGX"), UUID.randomUUID().toString(), "contract");
    }

    /** The refund as the core stores it: outcome unknown when no answer came. */
    static Refund stored(RefundRequest request, RefundResult answer) {
        return Refund.builder().id(RefundId.parse(request.refundId()))
                .paymentId(request.payment().id()).gatewayName(FlutterwaveGateway.NAME)
                .amount(request.amount()).createdAt(request.payment().createdAt())
                .outcomeUnknown(answer == null)
                .providerTransactionId(answer == null ? null : answer.providerRefundId()).build();
    }
}
