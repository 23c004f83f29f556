package org.dusangire.payment.gateway.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.service.CheckoutResult;
import org.dusangire.payment.core.service.NextAction;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.core.service.WebhookResult;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveEndpoint;
import org.dusangire.payment.testkit.InMemoryPaymentRepository;
import org.dusangire.payment.testkit.RecordingListener;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whole flows through the core's PaymentService, the gateway and the simulator. */
class FlutterwavePaymentServiceTest {

    private final FlwFixture fx = new FlwFixture();
    private final InMemoryPaymentRepository repository = new InMemoryPaymentRepository();
    private final RecordingListener listener = new RecordingListener();
    private final PaymentService service = PaymentService.builder()
            .config(PaymentConfig.builder().siteUrl("http://localhost:8080").build())
            .repository(repository)
            .gateway(fx.gateway)
            .listener(listener)
            .clock(fx.clock)
            .build();

    @AfterEach
    void stop() {
        fx.close();
    }

    private CheckoutResult checkout(PaymentMethod method) {
        return service.initiate(TestPayments.checkout(method, "1500", "UGX").build());
    }

    private PaymentStatus status(Payment p) {
        return service.find(p.id()).orElseThrow().status();
    }

    @Test
    void aRealCardPaymentEndsSucceededThroughRedirectAndWebhook() {
        CheckoutResult result = checkout(PaymentMethod.CARD);
        assertThat(result.nextAction()).isEqualTo(NextAction.REDIRECT);

        String location = fx.choose(result.paymentLink().orElseThrow(), "card");
        assertThat(location).startsWith("http://localhost:8080/payments/callback/?status=successful");
        Payment after = service.handleRedirect(FlwFixture.redirect(location)).orElseThrow();

        assertThat(after.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(Long.parseLong(after.providerTransactionId())).isGreaterThan(Integer.MAX_VALUE);
        WebhookResult hook = service.handleWebhook(FlutterwaveGateway.NAME,
                fx.webhookFor(result.payment().providerReference()));
        assertThat(hook.outcome()).isEqualTo(WebhookResult.Outcome.PROCESSED);
        assertThat(listener.count(after.id(), PaymentStatus.SUCCEEDED)).isEqualTo(1);
    }

    @Test
    void aBankTransferSettledLaterIsCompletedByItsWebhook() {
        CheckoutResult result = checkout(PaymentMethod.BANK_TRANSFER);
        String txRef = result.payment().providerReference();
        long id = fx.sim.leavePending(txRef);
        assertThat(service.verify(result.payment().id()).status()).isEqualTo(PaymentStatus.PENDING);

        fx.sim.settle(id);
        WebhookResult hook = service.handleWebhook(FlutterwaveGateway.NAME, fx.webhookFor(txRef));
        WebhookResult again = service.handleWebhook(FlutterwaveGateway.NAME, fx.webhookFor(txRef));

        assertThat(hook.payment().orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(again.outcome()).isEqualTo(WebhookResult.Outcome.DUPLICATE);
    }

    @Test
    void underpaymentNeverSucceeds() {
        CheckoutResult result = checkout(PaymentMethod.CARD);
        String txRef = result.payment().providerReference();
        fx.sim.payLess(txRef, new BigDecimal("1000"));

        service.handleWebhook(FlutterwaveGateway.NAME, fx.webhookFor(txRef));

        assertThat(status(result.payment())).isNotEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(listener.anomalies()).extracting(PaymentAnomaly::kind)
                .contains(PaymentAnomaly.Kind.AMOUNT_MISMATCH);
    }

    @Test
    void payingInAnotherCurrencyNeverSucceeds() {
        CheckoutResult result = checkout(PaymentMethod.CARD);
        String txRef = result.payment().providerReference();
        long id = fx.sim.payInCurrency(txRef, "USD");

        service.handleRedirect(FlwFixture.redirect(Map.of("status", "successful", "tx_ref", txRef,
                "transaction_id", Long.toString(id))));

        assertThat(status(result.payment())).isNotEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(listener.anomalies()).extracting(PaymentAnomaly::kind)
                .contains(PaymentAnomaly.Kind.CURRENCY_MISMATCH);
    }

    @Test
    void aForeignTxRefNeverSucceeds() {
        Payment mine = checkout(PaymentMethod.CARD).payment();
        String otherRef = checkout(PaymentMethod.CARD).payment().providerReference();
        long foreign = fx.sim.payByCard(otherRef);

        // the other payment's authentic webhook relabelled with our tx_ref and re-signed (leaked hash)
        String relabelled = new String(fx.webhookFor(otherRef).body(), StandardCharsets.UTF_8)
                .replace(otherRef, mine.providerReference());
        service.handleWebhook(FlutterwaveGateway.NAME, InboundRequest.builder("POST")
                .header("verif-hash", FlwFixture.HASH).body(relabelled).build());
        // and a store that somehow holds the other payment's transaction id
        Payment stored = repository.findById(mine.id()).orElseThrow();
        repository.update(stored.toBuilder().providerTransactionId(Long.toString(foreign)).build(), null);
        service.verify(mine.id());

        assertThat(status(mine)).isEqualTo(PaymentStatus.PENDING);
        assertThat(listener.anomalies()).extracting(PaymentAnomaly::kind)
                .contains(PaymentAnomaly.Kind.REFERENCE_MISMATCH);
    }

    @Test
    void aForgedSuccessfulRedirectChangesNothingUntilVerifyAgrees() {
        Payment p = checkout(PaymentMethod.CARD).payment();
        String txRef = p.providerReference();
        long someoneElses = fx.sim.payByCard(checkout(PaymentMethod.CARD).payment().providerReference());
        var forged = FlwFixture.redirect(Map.of("status", "successful", "tx_ref", txRef,
                "transaction_id", Long.toString(someoneElses)));

        assertThat(service.handleRedirect(forged).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
        fx.sim.fail(txRef);
        assertThat(service.handleRedirect(forged).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);

        fx.sim.payByCard(txRef);
        assertThat(service.handleRedirect(forged).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    @Test
    void aFailedAttemptDoesNotFailTheOrderWhileTheCustomerMayRetry() {
        CheckoutResult result = checkout(PaymentMethod.CARD);
        String txRef = result.payment().providerReference();

        String failed = fx.choose(result.paymentLink().orElseThrow(), "fail");
        assertThat(service.handleRedirect(FlwFixture.redirect(failed)).orElseThrow().status())
                .isEqualTo(PaymentStatus.PENDING);
        service.handleWebhook(FlutterwaveGateway.NAME, fx.webhookFor(txRef));
        assertThat(status(result.payment())).isEqualTo(PaymentStatus.PENDING);

        String paid = fx.choose(result.paymentLink().orElseThrow(), "card");
        assertThat(service.handleRedirect(FlwFixture.redirect(paid)).orElseThrow().status())
                .isEqualTo(PaymentStatus.SUCCEEDED);
    }

    @Test
    void afterTheCheckoutWindowAFailedAttemptFailsThePaymentWithTheProcessorMessage() {
        Payment p = checkout(PaymentMethod.CARD).payment();
        fx.sim.fail(p.providerReference(), "Insufficient funds");
        fx.clock.advance(Duration.ofMinutes(31));

        Payment after = service.verify(p.id());

        assertThat(after.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(after.failureReason()).isEqualTo("Insufficient funds");
    }

    @Test
    void aCancelledCheckoutStaysPendingAndAForgedWebhookIsRefused() {
        CheckoutResult result = checkout(PaymentMethod.CARD);
        String location = fx.choose(result.paymentLink().orElseThrow(), "cancel");

        assertThat(location).contains("status=cancelled").doesNotContain("transaction_id");
        assertThat(service.handleRedirect(FlwFixture.redirect(location)).orElseThrow().status())
                .isEqualTo(PaymentStatus.PENDING);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.handleWebhook(
                FlutterwaveGateway.NAME, InboundRequest.builder("POST").header("verif-hash", "guess")
                        .body("{\"event\":\"charge.completed\",\"data\":{\"id\":1,\"tx_ref\":\""
                                + result.payment().providerReference() + "\",\"status\":\"successful\"}}")
                        .build()))
                .isInstanceOf(org.dusangire.payment.core.error.WebhookRejectedException.class);
        assertThat(status(result.payment())).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void refundsThroughTheServiceUseTheStoredTransactionId() {
        CheckoutResult result = checkout(PaymentMethod.CARD);
        String txRef = result.payment().providerReference();
        long id = fx.sim.payByCard(txRef);
        service.verify(result.payment().id());

        Refund partly = service.refund(result.payment().id(),
                org.dusangire.payment.core.model.Money.of("500", "UGX"), "one test not done");
        assertThat(status(result.payment())).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        Refund fully = service.refund(result.payment().id(), null, "cancelled");

        assertThat(partly.status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(fully.status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(fully.amount()).isEqualTo(org.dusangire.payment.core.model.Money.of("1000", "UGX"));
        assertThat(status(result.payment())).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(fx.sim.transaction(id).orElseThrow().refunded()).isEqualByComparingTo("1500");
        assertThat(fx.sim.refunds(txRef)).extracting(r -> r.id() + "")
                .containsExactly(partly.providerTransactionId(), fully.providerTransactionId());
    }

    @Test
    void refundWhoseAnswerWasLostIsFoundByReconciliationAndNeverSentAgain() {
        CheckoutResult result = checkout(PaymentMethod.CARD);
        String txRef = result.payment().providerReference();
        fx.sim.payByCard(txRef);
        service.verify(result.payment().id());
        fx.sim.inject(FaultRule.nextCalls(FlutterwaveEndpoint.REFUND, 1,
                Fault.of(FaultKind.DROP_AFTER_PROCESSING)));

        Refund lost = service.refund(result.payment().id(), null, "cancelled");
        assertThat(lost.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(lost.outcomeUnknown()).isTrue();
        fx.clock.advance(Duration.ofMinutes(3));
        var report = service.reconcile();

        Refund settled = service.findRefund(lost.id()).orElseThrow();
        assertThat(settled.status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(settled.providerTransactionId()).isEqualTo(
                Long.toString(fx.sim.refunds(txRef).get(0).id()));
        assertThat(report.refundsResent()).isZero();
        assertThat(fx.sim.refundRequests()).isEqualTo(1);
        assertThat(fx.sim.refundsPaidOut(txRef)).isEqualTo(1);
        assertThat(status(result.payment())).isEqualTo(PaymentStatus.REFUNDED);
    }

    @Test
    void refundFlutterwaveNeverReceivedIsSentAgainByReconciliationOnce() {
        CheckoutResult result = checkout(PaymentMethod.CARD);
        String txRef = result.payment().providerReference();
        fx.sim.payByCard(txRef);
        service.verify(result.payment().id());
        fx.sim.inject(FaultRule.nextCalls(FlutterwaveEndpoint.REFUND, 1,
                Fault.of(FaultKind.DROP_BEFORE_PROCESSING)));

        Refund lost = service.refund(result.payment().id(), null, "cancelled");
        fx.clock.advance(Duration.ofMinutes(3));
        var first = service.reconcile();
        fx.clock.advance(Duration.ofMinutes(3));
        var second = service.reconcile();

        assertThat(first.refundsResent()).isEqualTo(1);
        assertThat(second.refundsChecked()).isZero();
        assertThat(service.findRefund(lost.id()).orElseThrow().status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(fx.sim.refundRequests()).isEqualTo(2);
        assertThat(fx.sim.refundsPaidOut(txRef)).isEqualTo(1);
        assertThat(fx.sim.refundedTotal(txRef)).isEqualByComparingTo("1500");
    }

    @Test
    void otherEventsAreAcknowledgedAndChangeNothing() {
        Payment p = checkout(PaymentMethod.CARD).payment();
        String body = "{\"event\":\"transfer.completed\",\"data\":{\"id\":9,\"status\":\"SUCCESSFUL\","
                + "\"reference\":\"" + p.providerReference() + "\"}}";

        WebhookResult result = service.handleWebhook(FlutterwaveGateway.NAME, InboundRequest.builder("POST")
                .header("verif-hash", FlwFixture.HASH).body(body).build());

        assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.UNKNOWN_REFERENCE);
        assertThat(status(p)).isEqualTo(PaymentStatus.PENDING);
    }
}
