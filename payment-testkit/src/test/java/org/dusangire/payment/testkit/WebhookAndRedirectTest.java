package org.dusangire.payment.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.dusangire.payment.core.error.PaymentStoreUnavailableException;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.service.WebhookResult;
import org.dusangire.payment.core.service.WebhookResult.Outcome;
import org.junit.jupiter.api.Test;

class WebhookAndRedirectTest {
    private final ServiceFixture f = new ServiceFixture();

    private Payment mtnPayment() {
        return f.service.initiate(TestPayments.mtnCheckout().build()).payment();
    }

    private Payment stored(Payment p) {
        return f.store.findById(p.id()).orElseThrow();
    }

    @Test
    void webhookIsConfirmedWithTheStatusApiBeforeAnythingChanges() {
        Payment p = mtnPayment();
        f.mtn.approve(p);

        WebhookResult result = f.service.handleWebhook("mtn-momo",
                f.mtn.webhook(p, ProviderStatus.SUCCEEDED, "e1"));

        assertThat(result.outcome()).isEqualTo(Outcome.PROCESSED);
        assertThat(stored(p).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(stored(p).providerTransactionId()).startsWith("TX");
        assertThat(f.listener.count(p.id(), PaymentStatus.SUCCEEDED)).isEqualTo(1);
        assertThat(f.store.findInbound(new InboxKey("mtn-momo", "e1")).orElseThrow().isProcessed()).isTrue();
    }

    @Test
    void webhookClaimingSuccessWhileTheProviderSaysPendingChangesNothing() {
        Payment p = mtnPayment();

        f.service.handleWebhook("mtn-momo", f.mtn.webhook(p, ProviderStatus.SUCCEEDED, "lie"));

        assertThat(stored(p).status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(f.listener.events()).isEmpty();
    }

    @Test
    void forgedWebhookIsRejectedAndNothingIsStored() {
        Payment p = mtnPayment();
        f.mtn.approve(p);

        assertThatThrownBy(() -> f.service.handleWebhook("mtn-momo",
                f.mtn.forgedWebhook(p, ProviderStatus.SUCCEEDED, "forged")))
                .isInstanceOf(WebhookRejectedException.class)
                .extracting(e -> ((WebhookRejectedException) e).reason())
                .isEqualTo(WebhookRejectedException.Reason.AUTHENTICATION);
        assertThat(stored(p).status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(f.store.findInbound(new InboxKey("mtn-momo", "forged"))).isEmpty();
        assertThat(f.mtn.statusChecks()).isZero();
    }

    @Test
    void malformedWebhookIsRejectedAsMalformed() {
        InboundRequest garbage = InboundRequest.builder("POST")
                .header(ScriptedPaymentGateway.SIGNATURE_HEADER, ScriptedPaymentGateway.DEFAULT_SECRET)
                .body("nonsense").build();

        assertThatThrownBy(() -> f.service.handleWebhook("mtn-momo", garbage))
                .isInstanceOf(WebhookRejectedException.class)
                .extracting(e -> ((WebhookRejectedException) e).reason())
                .isEqualTo(WebhookRejectedException.Reason.MALFORMED);
    }

    @Test
    void duplicateWebhookIsAcknowledgedAndAppliedOnce() {
        Payment p = mtnPayment();
        f.mtn.approve(p);
        InboundRequest webhook = f.mtn.webhook(p, ProviderStatus.SUCCEEDED, "same-event");

        WebhookResult first = f.service.handleWebhook("mtn-momo", webhook);
        WebhookResult second = f.service.handleWebhook("mtn-momo", webhook);

        assertThat(first.outcome()).isEqualTo(Outcome.PROCESSED);
        assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(f.listener.events()).hasSize(1);
        assertThat(stored(p).history()).hasSize(2);
    }

    @Test
    void webhookForAnUnknownPaymentIsKeptAndRaisedAsAnomaly() {
        Payment unknown = TestPayments.pending("mtn-momo").build();

        WebhookResult result = f.service.handleWebhook("mtn-momo",
                f.mtn.webhook(unknown, ProviderStatus.SUCCEEDED, "orphan"));

        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN_REFERENCE);
        assertThat(f.store.findInbound(new InboxKey("mtn-momo", "orphan"))).isPresent();
        assertThat(f.listener.anomalies()).extracting(PaymentAnomaly::kind)
                .containsExactly(PaymentAnomaly.Kind.UNKNOWN_REFERENCE);
    }

    @Test
    void webhookWhileTheProviderIsDownIsKeptAndFinishedByReconciliation() {
        Payment p = mtnPayment();
        f.mtn.approve(p);
        f.mtn.statusUnavailable(true);

        WebhookResult result = f.service.handleWebhook("mtn-momo",
                f.mtn.webhook(p, ProviderStatus.SUCCEEDED, "deferred"));

        assertThat(result.outcome()).isEqualTo(Outcome.DEFERRED);
        assertThat(stored(p).status()).isEqualTo(PaymentStatus.PENDING);
        f.mtn.statusUnavailable(false);
        f.clock.advance(java.time.Duration.ofMinutes(3));
        f.service.reconcile();
        assertThat(stored(p).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(f.store.findInbound(new InboxKey("mtn-momo", "deferred")).orElseThrow()
                .isProcessed()).isTrue();
        assertThat(f.listener.count(p.id(), PaymentStatus.SUCCEEDED)).isEqualTo(1);
    }

    @Test
    void storeOutageSurfacesSoTheProviderDeliversAgain() {
        InMemoryPaymentRepository real = new InMemoryPaymentRepository();
        ServiceFixture down = new ServiceFixture(new FailingInboxRepository(real));
        Payment p = down.service.initiate(TestPayments.mtnCheckout().build()).payment();
        down.mtn.approve(p);

        assertThatThrownBy(() -> down.service.handleWebhook("mtn-momo",
                down.mtn.webhook(p, ProviderStatus.SUCCEEDED, "e")))
                .isInstanceOf(PaymentStoreUnavailableException.class);
        assertThat(real.findById(p.id()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void underpaymentNeverSucceedsAndIsRaised() {
        Payment p = f.service.initiate(TestPayments.checkout(PaymentMethod.CARD, "25000", "UGX").build())
                .payment();
        f.flutterwave.settle(p, ProviderStatus.SUCCEEDED, Money.of("2500", "UGX"), null,
                p.providerReference());

        f.service.handleWebhook("flutterwave", f.flutterwave.webhook(p, ProviderStatus.SUCCEEDED, "u"));

        assertThat(stored(p).status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(stored(p).failureReason()).startsWith("AMOUNT_MISMATCH");
        assertThat(f.listener.anomalies()).extracting(PaymentAnomaly::kind)
                .containsExactly(PaymentAnomaly.Kind.AMOUNT_MISMATCH);
    }

    @Test
    void paymentInAnotherCurrencyNeverSucceeds() {
        Payment p = f.service.initiate(TestPayments.checkout(PaymentMethod.CARD, "25000", "UGX").build())
                .payment();
        f.flutterwave.settle(p, ProviderStatus.SUCCEEDED, Money.of("25000", "KES"), null,
                p.providerReference());

        f.service.verify(p.id());

        assertThat(stored(p).status()).isNotEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(f.listener.anomalies()).extracting(PaymentAnomaly::kind)
                .containsExactly(PaymentAnomaly.Kind.CURRENCY_MISMATCH);
    }

    @Test
    void reportForAForeignReferenceChangesNothing() {
        Payment p = f.service.initiate(TestPayments.checkout(PaymentMethod.CARD, "25000", "UGX").build())
                .payment();
        f.flutterwave.settle(p, ProviderStatus.SUCCEEDED, null, null, "someone-elses-tx-ref");

        f.service.verify(p.id());

        assertThat(stored(p).status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(f.listener.anomalies()).extracting(PaymentAnomaly::kind)
                .containsExactly(PaymentAnomaly.Kind.REFERENCE_MISMATCH);
    }

    @Test
    void lateFailureAfterSuccessIsAnAnomalyNeverApplied() {
        Payment p = mtnPayment();
        f.mtn.approve(p);
        f.service.verify(p.id());
        f.mtn.fail(p, "LATE_REVERSAL");

        WebhookResult result = f.service.handleWebhook("mtn-momo",
                f.mtn.webhook(p, ProviderStatus.FAILED, "late"));

        assertThat(result.outcome()).isEqualTo(Outcome.PROCESSED);
        assertThat(stored(p).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(f.listener.anomalies()).extracting(PaymentAnomaly::kind)
                .containsExactly(PaymentAnomaly.Kind.CONTRADICTING_REPORT);
    }

    @Test
    void forgedRedirectSayingSuccessfulChangesNothingUntilTheProviderAgrees() {
        Payment p = f.service.initiate(TestPayments.checkout(PaymentMethod.CARD, "25000", "UGX").build())
                .payment();
        InboundRequest redirect = InboundRequest.builder("GET")
                .queryParameter("status", "successful")
                .queryParameter("tx_ref", p.id().toString())
                .queryParameter("transaction_id", "123456")
                .build();

        Optional<Payment> afterForgery = f.service.handleRedirect(redirect);
        assertThat(afterForgery).map(Payment::status).contains(PaymentStatus.PENDING);

        f.flutterwave.approve(p);
        assertThat(f.service.handleRedirect(redirect)).map(Payment::status)
                .contains(PaymentStatus.SUCCEEDED);
    }

    @Test
    void redirectNamingNoKnownPaymentIsEmpty() {
        assertThat(f.service.handleRedirect(InboundRequest.builder("GET")
                .queryParameter("tx_ref", "not-a-uuid").build())).isEmpty();
        assertThat(f.service.handleRedirect(InboundRequest.builder("GET")
                .queryParameter("tx_ref", "7f1d2c3b-0000-4000-8000-000000000000").build())).isEmpty();
    }

    @Test
    void redirectNamingAMobileMoneyPaymentIsAnsweredFromTheStoreWithoutAskingTheProvider() {
        Payment p = mtnPayment();
        f.mtn.approve(p);

        Optional<Payment> answer = f.service.handleRedirect(InboundRequest.builder("GET")
                .queryParameter("tx_ref", p.id().toString()).build());

        assertThat(answer).map(Payment::status).contains(PaymentStatus.PENDING);
        assertThat(f.mtn.statusChecks()).as("no hosted checkout, no browser return to verify")
                .isZero();
        assertThat(stored(p).status()).isEqualTo(PaymentStatus.PENDING);
    }
}
