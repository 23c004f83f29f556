package org.dusangire.payment.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dusangire.payment.core.error.IllegalPaymentStateException;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.error.UnsupportedCapabilityException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.StatusChange;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.core.service.ReconcileReport;
import org.junit.jupiter.api.Test;

class CashRefundAndReconcileTest {
    private final ServiceFixture f = new ServiceFixture();

    private Payment cash() {
        return f.service.initiate(TestPayments.checkout(PaymentMethod.CASH_ON_DELIVERY, "5000", "UGX")
                .build()).payment();
    }

    @Test
    void cashierConfirmationSucceedsAndRecordsWhoAndWhen() {
        Payment p = cash();
        f.clock.advance(Duration.ofMinutes(40));

        Payment paid = f.service.confirmCashPayment(p.id(), "cashier Grace");

        assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        StatusChange last = paid.history().get(paid.history().size() - 1);
        assertThat(last.trigger()).isEqualTo(Trigger.CASH_CONFIRMATION);
        assertThat(last.detail()).isEqualTo("confirmed by cashier Grace");
        assertThat(last.at()).isEqualTo(TestPayments.T0.plus(Duration.ofMinutes(40)));
        assertThat(f.listener.count(p.id(), PaymentStatus.SUCCEEDED)).isEqualTo(1);
    }

    @Test
    void cashConfirmationOnlyAppliesToPendingCashPayments() {
        Payment p = cash();
        f.service.confirmCashPayment(p.id(), "Grace");
        Payment mobile = f.service.initiate(TestPayments.mtnCheckout().build()).payment();

        assertThatThrownBy(() -> f.service.confirmCashPayment(p.id(), "Grace"))
                .isInstanceOf(IllegalPaymentStateException.class).hasMessageContaining("SUCCEEDED");
        assertThatThrownBy(() -> f.service.confirmCashPayment(mobile.id(), "Grace"))
                .isInstanceOf(IllegalPaymentStateException.class).hasMessageContaining("cash");
        assertThatThrownBy(() -> f.service.confirmCashPayment(p.id(), " "))
                .isInstanceOf(PaymentValidationException.class);
        assertThat(f.listener.events()).hasSize(1);
    }

    @Test
    void cashConfirmationByANameWithLineBreaksIsRefusedAndChangesNothing() {
        Payment p = cash();

        for (String forged : List.of("Grace\nINFO payment refunded", "Grace\r", "Grace\u2028x",
                "Grace\u001b[2J")) {
            assertThatThrownBy(() -> f.service.confirmCashPayment(p.id(), forged))
                    .isInstanceOf(PaymentValidationException.class)
                    .hasMessage("confirmedBy must not contain line breaks or other control characters")
                    .satisfies(e -> assertThat(((PaymentValidationException) e).field())
                            .isEqualTo("confirmedBy"));
        }
        assertThat(f.store.findById(p.id()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(f.listener.events()).isEmpty();
    }

    @Test
    void partialThenFullRefundEndsRefunded() {
        Payment p = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
        f.mtn.approve(p);
        f.service.verify(p.id());

        f.service.refund(p.id(), Money.of("500", "UGX"), "one item returned");
        Payment partly = f.service.find(p.id()).orElseThrow();
        f.service.refund(p.id(), null, "rest");
        Payment fully = f.service.find(p.id()).orElseThrow();

        assertThat(partly.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(fully.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(fully.refundedAmount()).isEqualTo(Money.of("1500", "UGX"));
        assertThat(fully.refundReservedAmount().isZero()).isTrue();
        assertThat(f.mtn.refundCalls()).isEqualTo(2);
        assertThatThrownBy(() -> f.service.refund(p.id(), null, "again"))
                .isInstanceOf(IllegalPaymentStateException.class);
    }

    @Test
    void refundBeyondWhatWasPaidIsRefused() {
        Payment p = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
        f.mtn.approve(p);
        f.service.verify(p.id());

        assertThatThrownBy(() -> f.service.refund(p.id(), Money.of("1501", "UGX"), null))
                .isInstanceOf(PaymentValidationException.class);
        assertThat(f.mtn.refundCalls()).isZero();
    }

    @Test
    void gatewayWithoutRefundsSaysSoClearly() {
        ScriptedPaymentGateway noRefunds = new ScriptedPaymentGateway("mtn-momo",
                Set.of(PaymentMethod.MTN_MOBILE_MONEY), ScriptedPaymentGateway.DEFAULT_SECRET, false);
        PaymentService service = PaymentService.builder().config(f.config).repository(f.store)
                .gateway(noRefunds).clock(f.clock).build();
        Payment p = service.initiate(TestPayments.mtnCheckout().build()).payment();
        noRefunds.approve(p);
        service.verify(p.id());

        assertThatThrownBy(() -> service.refund(p.id(), null, null))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("mtn-momo").hasMessageContaining("refunds");
    }

    @Test
    void reconcileAppliesLostCallbacksAndLeavesFreshPaymentsAlone() {
        Payment paid = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
        Payment declined = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
        Payment waiting = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
        f.mtn.approve(paid);
        f.mtn.fail(declined, "APPROVAL_REJECTED");

        assertThat(f.service.reconcile().checked()).as("nothing is stale yet").isZero();
        f.clock.advance(Duration.ofMinutes(3));
        ReconcileReport report = f.service.reconcile();

        assertThat(report.checked()).isEqualTo(3);
        assertThat(report.succeeded()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.stillPending()).isEqualTo(1);
        assertThat(f.store.findById(declined.id()).orElseThrow().failureReason())
                .isEqualTo("APPROVAL_REJECTED");
        assertThat(f.store.findById(waiting.id()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(f.service.reconcile().checked()).as("claims hold for the lease").isZero();
    }

    @Test
    void aPassThatChangedNothingLogsAtDebugOnlyAndOneThatDidLogsWhatItDidAtInfo() {
        Payment waiting = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
        Payment paid = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
        Payment cash = cash();
        String reconciler = "org.dusangire.payment.core.service.Reconciler";

        List<String> idleInfo;
        List<String> idleDebug;
        List<String> stillPendingInfo;
        List<String> busyInfo;
        try (LogCapture logs = LogCapture.atDebug(reconciler)) {
            f.service.reconcile(); // nothing stale: every count zero
            f.clock.advance(Duration.ofMinutes(3));
            f.service.reconcile(); // three asked, all still pending: nothing changed
            idleInfo = logs.lines(org.slf4j.event.Level.INFO);
            idleDebug = logs.lines(org.slf4j.event.Level.DEBUG);
        }
        try (LogCapture logs = LogCapture.atDebug(reconciler)) {
            f.clock.advance(Duration.ofMinutes(3));
            f.service.reconcile(); // asked again, still pending
            stillPendingInfo = logs.lines(org.slf4j.event.Level.INFO);
            f.mtn.approve(paid);
            f.clock.advance(Duration.ofMinutes(3));
            f.service.reconcile(); // one paid
            busyInfo = logs.lines(org.slf4j.event.Level.INFO);
        }

        assertThat(idleInfo).as("an idle pass says nothing at INFO").isEmpty();
        assertThat(stillPendingInfo).as("asking and hearing 'pending' is not news").isEmpty();
        assertThat(idleDebug).hasSize(2);
        assertThat(idleDebug.get(0)).isEqualTo("reconcile: nothing to do");
        assertThat(idleDebug.get(1)).isEqualTo("reconcile: checked=3, stillPending=3");
        assertThat(busyInfo).containsExactly("reconcile: checked=3, succeeded=1, stillPending=2");
        assertThat(f.store.findById(waiting.id()).orElseThrow().status())
                .isEqualTo(PaymentStatus.PENDING);
        assertThat(f.store.findById(cash.id()).orElseThrow().status())
                .isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void parallelReconcileSettlesEveryClaimedPaymentOnceAndCountsThem() {
        ServiceFixture g = new ServiceFixture(null, c -> c.reconcileParallelism(8).reconcileBatchSize(50));
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Payment p = g.service.initiate(TestPayments.mtnCheckout().build()).payment();
            payments.add(p);
            if (i % 3 == 0) {
                g.mtn.fail(p, "APPROVAL_REJECTED");
            } else if (i % 3 == 1) {
                g.mtn.approve(p);
            }
        }
        g.clock.advance(Duration.ofMinutes(3));

        ReconcileReport first = g.service.reconcile();
        g.clock.advance(Duration.ofMinutes(2));
        ReconcileReport second = g.service.reconcile();

        assertThat(first.checked()).isEqualTo(50);
        assertThat(first.succeeded() + second.succeeded()).isEqualTo(20);
        assertThat(first.failed() + second.failed()).isEqualTo(20);
        assertThat(second.checked()).as("the rest, and pending ones once their lease ran out")
                .isEqualTo(10 + first.stillPending());
        assertThat(first.errors() + second.errors()).isZero();
        for (Payment p : payments) {
            PaymentStatus now = g.store.findById(p.id()).orElseThrow().status();
            if (now != PaymentStatus.PENDING) {
                assertThat(g.listener.count(p.id(), now)).as("heard once").isEqualTo(1);
            }
        }
        assertThat(g.mtn.initiations()).as("nothing was sent twice").isEqualTo(60);
    }

    @Test
    void reconcilePurgesProcessedInboxEventsPastTheirRetentionOnly() {
        Payment paid = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
        f.mtn.approve(paid);
        f.service.handleWebhook("mtn-momo", f.mtn.webhook(paid, ProviderStatus.SUCCEEDED, "evt-1"));
        f.store.recordInbound(InboxEntry.received(new InboxKey("mtn-momo", "evt-open"),
                paid.id().toString(), f.clock.instant(), "{}"));

        f.clock.advance(Duration.ofDays(6));
        assertThat(f.service.reconcile().inboxPurged()).as("within the retention").isZero();
        f.clock.advance(Duration.ofDays(2));
        ReconcileReport report = f.service.reconcile();

        assertThat(report.inboxPurged()).isEqualTo(1);
        assertThat(f.store.findInbound(new InboxKey("mtn-momo", "evt-1"))).isEmpty();
        assertThat(f.store.findInbound(new InboxKey("mtn-momo", "evt-open")))
                .as("finished by the reconcile six days ago: still within the retention")
                .isPresent();
    }

    @Test
    void reconcileExpiresPaymentsPastTheirTimeToLiveAfterAskingTheProvider() {
        Payment p = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
        f.clock.advance(Duration.ofMinutes(31));

        ReconcileReport report = f.service.reconcile();

        assertThat(report.expired()).isEqualTo(1);
        assertThat(f.store.findById(p.id()).orElseThrow().status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(f.mtn.statusChecks()).as("asked before giving up").isEqualTo(1);
    }

    @Test
    void paymentPaidJustBeforeItsTimeToLiveIsNotExpired() {
        Payment p = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
        f.mtn.approve(p);
        f.clock.advance(Duration.ofMinutes(31));

        f.service.reconcile();

        assertThat(f.store.findById(p.id()).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    @Test
    void providerOutageNeverExpiresOrFailsAPayment() {
        Payment p = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
        f.mtn.statusUnavailable(true);
        f.clock.advance(Duration.ofMinutes(31));

        ReconcileReport report = f.service.reconcile();

        assertThat(report.errors()).isEqualTo(1);
        assertThat(f.store.findById(p.id()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void successReportedAfterExpiryIsRaisedNotApplied() {
        Payment p = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
        f.clock.advance(Duration.ofMinutes(31));
        f.service.reconcile();
        f.mtn.approve(p);

        f.service.handleWebhook("mtn-momo", f.mtn.webhook(p,
                org.dusangire.payment.core.port.ProviderStatus.SUCCEEDED, "late-success"));

        assertThat(f.store.findById(p.id()).orElseThrow().status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(f.listener.anomalies()).hasSize(1);
    }
}
