package org.dusangire.payment.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.StatusChange;
import org.dusangire.payment.core.service.CheckoutRequest;
import org.dusangire.payment.core.service.CheckoutResult;
import org.dusangire.payment.core.service.NextAction;
import org.dusangire.payment.core.service.ReconcileReport;
import org.dusangire.payment.testkit.ScriptedPaymentGateway.InitiationOutcome;
import org.junit.jupiter.api.Test;

class CheckoutTest {
    private final ServiceFixture f = new ServiceFixture();

    @Test
    void mobileMoneyCheckoutIsPendingAndAsksForApprovalOnThePhone() {
        CheckoutResult result = f.service.initiate(TestPayments.mtnCheckout().build());

        Payment p = result.payment();
        assertThat(p.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(p.outcomeUnknown()).isFalse();
        assertThat(p.gatewayName()).isEqualTo("mtn-momo");
        assertThat(p.providerReference()).isEqualTo(p.id().toString());
        assertThat(result.nextAction()).isEqualTo(NextAction.APPROVE_ON_PHONE);
        assertThat(result.instructions()).contains("1500 UGX").contains("2567******56")
                .doesNotContain("256772123456");
        assertThat(f.mtn.initiations(p)).isEqualTo(1);
    }

    @Test
    void timesAreKeptToTheMicrosecondAsTheStoresKeepThem() {
        f.clock.set(TestPayments.T0.plusNanos(123_456_789));

        Payment p = f.service.initiate(TestPayments.mtnCheckout().build()).payment();

        assertThat(p.createdAt()).isEqualTo(TestPayments.T0.plusNanos(123_456_000));
        assertThat(p.updatedAt()).isEqualTo(TestPayments.T0.plusNanos(123_456_000));
        assertThat(p.history()).extracting(StatusChange::at)
                .containsOnly(TestPayments.T0.plusNanos(123_456_000));
    }

    @Test
    void cardCheckoutReturnsThePaymentLink() {
        CheckoutResult result = f.service.initiate(TestPayments.checkout(PaymentMethod.CARD, "25000",
                "UGX").build());

        assertThat(result.nextAction()).isEqualTo(NextAction.REDIRECT);
        assertThat(result.paymentLink()).isPresent();
        assertThat(result.payment().gatewayName()).isEqualTo("flutterwave");
    }

    @Test
    void cashOnDeliveryUsesTheBuiltInManualGateway() {
        CheckoutResult result = f.service.initiate(TestPayments.checkout(PaymentMethod.CASH_ON_DELIVERY,
                "5000", "UGX").build());

        assertThat(result.nextAction()).isEqualTo(NextAction.PAY_CASH);
        assertThat(result.payment().gatewayName()).isEqualTo("cash");
        assertThat(result.payment().status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void sameIdempotencyKeyReturnsTheSamePaymentAndCallsTheProviderOnce() {
        CheckoutRequest request = TestPayments.mtnCheckout().idempotencyKey("order-77-attempt-1").build();

        Payment first = f.service.initiate(request).payment();
        Payment second = f.service.initiate(request).payment();

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(f.mtn.initiations()).isEqualTo(1);
    }

    @Test
    void fiftyThreadsWithOneIdempotencyKeyCreateOnePaymentAndOneProviderCall() throws Exception {
        CheckoutRequest request = TestPayments.mtnCheckout().idempotencyKey("contended-key").build();
        Set<PaymentId> ids = ConcurrentHashMap.newKeySet();

        List<Payment> results = PaymentRepositoryContract.runConcurrently(50,
                i -> () -> f.service.initiate(request).payment());
        results.forEach(p -> ids.add(p.id()));

        assertThat(results).hasSize(50);
        assertThat(ids).hasSize(1);
        assertThat(f.store.size()).isEqualTo(1);
        assertThat(f.mtn.initiations()).isEqualTo(1);
    }

    @Test
    void reusingAKeyForADifferentPaymentIsRefused() {
        f.service.initiate(TestPayments.mtnCheckout().idempotencyKey("k1").build());

        assertThatThrownBy(() -> f.service.initiate(TestPayments.checkout(PaymentMethod.MTN_MOBILE_MONEY,
                "9999", "UGX").idempotencyKey("k1").build()))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("idempotency key");
        assertThat(f.mtn.initiations()).isEqualTo(1);
    }

    @Test
    void reusingAKeyForAnotherBillIsRefusedNotAnsweredWithTheFirstBillsPayment() {
        CheckoutRequest billA = TestPayments.mtnCheckout().orderReference("BILL-A")
                .idempotencyKey("shared-key").build();
        Payment a = f.service.initiate(billA).payment();
        f.mtn.approve(a);
        f.service.verify(a.id());

        assertThatThrownBy(() -> f.service.initiate(TestPayments.mtnCheckout()
                .orderReference("BILL-B").idempotencyKey("shared-key").build()))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("idempotency key")
                .hasMessageContaining("order reference")
                .satisfies(e -> assertThat(((PaymentValidationException) e).field())
                        .isEqualTo("idempotencyKey"));
        assertThat(f.service.initiate(billA).payment().status()).as("the same bill again is a replay")
                .isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(f.mtn.initiations()).isEqualTo(1);
    }

    @Test
    void reusingAKeyForAnotherPayerIsRefused() {
        f.service.initiate(TestPayments.mtnCheckout().orderReference("BILL-A")
                .idempotencyKey("payer-key").build());
        Payer otherPhone = new Payer(org.dusangire.payment.core.model.Msisdn.parse("+256772999888"),
                "patient@example.org", "Test Patient");
        Payer otherEmail = new Payer(org.dusangire.payment.core.model.Msisdn.parse("+256772123456"),
                "someone.else@example.org", "Test Patient");

        for (Payer other : List.of(otherPhone, otherEmail)) {
            assertThatThrownBy(() -> f.service.initiate(TestPayments.mtnCheckout()
                    .orderReference("BILL-A").payer(other).idempotencyKey("payer-key").build()))
                    .isInstanceOf(PaymentValidationException.class)
                    .hasMessageContaining("idempotency key")
                    .hasMessageContaining("payer")
                    .hasMessageNotContaining("999888");
        }
        assertThat(f.service.initiate(TestPayments.mtnCheckout().orderReference("BILL-A")
                .payer(new Payer(org.dusangire.payment.core.model.Msisdn.parse("+256772123456"),
                        "Patient@Example.org", "T. Patient"))
                .idempotencyKey("payer-key").build()).payment().orderReference())
                .as("the same phone and email (any letter case, any display name) is the same payer")
                .isEqualTo("BILL-A");
        assertThat(f.mtn.initiations()).isEqualTo(1);
    }

    @Test
    void invalidCheckoutStoresNothingAndSendsNothing() {
        assertThatThrownBy(() -> CheckoutRequest.builder().orderReference("A-1")
                .money(Money.of("0", "UGX")).method(PaymentMethod.MTN_MOBILE_MONEY)
                .payer(Payer.none()).idempotencyKey("k").build())
                .isInstanceOf(PaymentValidationException.class);
        assertThatThrownBy(() -> CheckoutRequest.builder().orderReference("A-1")
                .money(Money.of("100", "UGX")).method(PaymentMethod.AIRTEL_MONEY)
                .payer(Payer.none()).idempotencyKey("k").build())
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("phone");

        assertThat(f.store.size()).isZero();
        assertThat(f.mtn.initiations()).isZero();
    }

    @Test
    void methodWithoutAGatewayIsRefusedBeforeAnythingIsStored() {
        ServiceFixture onlyCash = new ServiceFixture();
        var service = org.dusangire.payment.core.service.PaymentService.builder()
                .config(onlyCash.config).repository(onlyCash.store).clock(onlyCash.clock).build();

        assertThatThrownBy(() -> service.initiate(TestPayments.mtnCheckout().build()))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("MTN_MOBILE_MONEY");
        assertThat(onlyCash.store.size()).isZero();
    }

    @Test
    void providerRefusalFailsThePaymentWithTheProviderCode() {
        f.mtn.script(InitiationOutcome.REJECT);

        CheckoutResult result = f.service.initiate(TestPayments.mtnCheckout().build());

        assertThat(result.payment().status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(result.payment().failureReason()).isEqualTo("SCRIPTED_REFUSAL");
        assertThat(result.nextAction()).isEqualTo(NextAction.NONE);
        assertThat(f.listener.count(result.payment().id(), PaymentStatus.FAILED)).isEqualTo(1);
    }

    @Test
    void timeoutLeavesThePaymentPendingWithItsOutcomeUnknownNeverFailed() {
        f.mtn.script(InitiationOutcome.TIMEOUT_AFTER_PROVIDER);

        CheckoutResult result = f.service.initiate(TestPayments.mtnCheckout().build());

        assertThat(result.payment().status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(result.payment().outcomeUnknown()).isTrue();
        assertThat(result.nextAction()).isEqualTo(NextAction.WAIT);
        assertThat(f.listener.events()).isEmpty();
    }

    @Test
    void reconcileSettlesATimedOutPaymentTheProviderHasWithoutResending() {
        f.mtn.script(InitiationOutcome.TIMEOUT_AFTER_PROVIDER);
        Payment p = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
        f.mtn.approve(p);
        f.clock.advance(Duration.ofMinutes(3));

        ReconcileReport report = f.service.reconcile();

        assertThat(report.succeeded()).isEqualTo(1);
        assertThat(f.store.findById(p.id()).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(f.mtn.initiations(p)).as("never sent twice").isEqualTo(1);
    }

    @Test
    void reconcileResendsUnderTheSameReferenceOnlyWhenTheProviderNeverSawIt() {
        f.mtn.script(InitiationOutcome.TIMEOUT_BEFORE_PROVIDER);
        Payment p = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
        f.clock.advance(Duration.ofMinutes(3));

        ReconcileReport report = f.service.reconcile();

        assertThat(report.resent()).isEqualTo(1);
        Payment after = f.store.findById(p.id()).orElseThrow();
        assertThat(after.outcomeUnknown()).isFalse();
        assertThat(after.providerReference()).isEqualTo(p.providerReference());
        assertThat(f.mtn.initiations(p)).isEqualTo(2);
        assertThat(f.mtn.providerRecordCount()).isEqualTo(1);
    }

    @Test
    void refusedCredentialsReachTheHostAndTheUnsentPaymentIsResentOnceFixed() {
        f.mtn.script(InitiationOutcome.MISCONFIGURED);
        CheckoutRequest request = TestPayments.mtnCheckout().build();

        assertThatThrownBy(() -> f.service.initiate(request))
                .isInstanceOf(org.dusangire.payment.core.error.PaymentConfigurationException.class)
                .hasMessageContaining("SCRIPTED_API_KEY");
        Payment stored = f.store.findByIdempotencyKey(request.idempotencyKey()).orElseThrow();
        assertThat(stored.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(stored.outcomeUnknown()).isTrue();

        f.clock.advance(Duration.ofMinutes(3));
        assertThat(f.service.reconcile().resent()).isEqualTo(1);
        assertThat(f.mtn.record(stored)).isNotNull();
    }

    @Test
    void idempotentRetryOfATimedOutCheckoutDoesNotReachTheProviderAgain() {
        f.mtn.script(InitiationOutcome.TIMEOUT_BEFORE_PROVIDER);
        CheckoutRequest request = TestPayments.mtnCheckout().build();
        Payment first = f.service.initiate(request).payment();

        Payment again = f.service.initiate(request).payment();

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(f.mtn.initiations()).isEqualTo(1);
    }
}
