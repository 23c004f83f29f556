package org.dusangire.payment.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dusangire.payment.core.error.IllegalPaymentStateException;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.service.RefundCommand;
import org.dusangire.payment.core.service.ReconcileReport;
import org.dusangire.payment.testkit.ScriptedPaymentGateway.RefundOutcome;
import org.junit.jupiter.api.Test;

/**
 * Refunds against the scripted provider, which keeps a ledger of what it paid back. Each of the
 * four failures found in the first round has a test here: a lost answer followed by a retry, two
 * refunds at the same moment, a refund the provider is still processing, and (in the Airtel
 * module) the refund's own provider id.
 */
class RefundTest {
    private static final Money UGX_1000 = Money.of("1000", "UGX");
    private static final Money UGX_1500 = Money.of("1500", "UGX");

    private final ServiceFixture f = new ServiceFixture();

    private Payment paid(ServiceFixture fixture) {
        Payment p = fixture.service.initiate(TestPayments.mtnCheckout().build()).payment();
        fixture.mtn.approve(p);
        return fixture.service.verify(p.id());
    }

    private Payment stored(PaymentId id) {
        return f.service.find(id).orElseThrow();
    }

    private ReconcileReport reconcileLater() {
        f.clock.advance(Duration.ofMinutes(5));
        return f.service.reconcile();
    }

    @Test
    void lostAnswerLeavesTheRefundPendingAndARetryNeverPaysTwice() {
        Payment p = paid(f);
        f.mtn.scriptRefunds(RefundOutcome.TIMEOUT_AFTER_PROVIDER);
        RefundCommand full = RefundCommand.full(p.id()).withIdempotencyKey("refund-bill-7");

        Refund first = f.service.refund(full);

        assertThat(first.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(first.outcomeUnknown()).isTrue();
        assertThat(stored(p.id()).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(stored(p.id()).refundReservedAmount()).isEqualTo(UGX_1500);
        // the caller retries with its key: the same refund, no second provider call
        Refund again = f.service.refund(full);
        assertThat(again.id()).isEqualTo(first.id());
        // a retry without the key finds nothing left to refund: the money is reserved
        assertThatThrownBy(() -> f.service.refund(p.id(), null, "retry"))
                .isInstanceOf(IllegalPaymentStateException.class)
                .hasMessageContaining("held by pending refunds");
        assertThat(f.mtn.refundCalls()).isEqualTo(1);

        ReconcileReport report = reconcileLater();

        assertThat(report.refundsChecked()).isEqualTo(1);
        assertThat(report.refundsSucceeded()).isEqualTo(1);
        Refund settled = f.service.findRefund(first.id()).orElseThrow();
        assertThat(settled.status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(stored(p.id()).status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(stored(p.id()).refundedAmount()).isEqualTo(UGX_1500);
        assertThat(stored(p.id()).refundReservedAmount().isZero()).isTrue();
        assertThat(f.mtn.refundedAtProvider(p)).isEqualTo(UGX_1500);
        assertThat(f.mtn.refundCalls()).isEqualTo(1);
    }

    @Test
    void refundTheProviderNeverReceivedIsSentAgainUnderTheSameId() {
        Payment p = paid(f);
        f.mtn.scriptRefunds(RefundOutcome.TIMEOUT_BEFORE_PROVIDER);

        Refund first = f.service.refund(p.id(), null, "duplicate order");
        assertThat(first.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(f.mtn.providerRefund(first.id().toString())).isNull();

        ReconcileReport report = reconcileLater();

        assertThat(report.refundsResent()).isEqualTo(1);
        assertThat(f.mtn.refundCalls(first.id().toString())).isEqualTo(2);
        assertThat(f.mtn.refundCalls()).isEqualTo(2);
        assertThat(f.service.findRefund(first.id()).orElseThrow().status())
                .isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(f.mtn.refundedAtProvider(p)).isEqualTo(UGX_1500);
        assertThat(stored(p.id()).status()).isEqualTo(PaymentStatus.REFUNDED);
    }

    @Test
    void refundIsNotSentAgainBeforeTheReconciliationDelayEvenWhenAskedAtOnce() {
        Payment p = paid(f);
        f.mtn.scriptRefunds(RefundOutcome.TIMEOUT_BEFORE_PROVIDER);
        Refund first = f.service.refund(p.id(), null, null);

        Refund asked = f.service.verifyRefund(first.id());

        assertThat(asked.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(f.mtn.refundCalls(first.id().toString())).isEqualTo(1);
        f.clock.advance(Duration.ofMinutes(2));
        assertThat(f.service.verifyRefund(first.id()).status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(f.mtn.refundCalls(first.id().toString())).isEqualTo(2);
        assertThat(f.mtn.refundedAtProvider(p)).isEqualTo(UGX_1500);
    }

    @Test
    void refundsStartedAtTheSameMomentNeverExceedWhatWasPaid() throws Exception {
        // both callers read the payment before either reserves: the store's version guard decides
        Race race = twoReadersOfOnePaidPayment();
        ServiceFixture racing = race.fixture();
        Payment p = race.paid();

        List<Object> outcomes = race(2, () -> racing.service.refund(
                RefundCommand.partial(p.id(), UGX_1000).withReason("two cashiers")));

        assertThat(outcomes).filteredOn(o -> o instanceof Refund).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof PaymentValidationException).hasSize(1);
        Payment after = racing.service.find(p.id()).orElseThrow();
        assertThat(after.refundedAmount()).isEqualTo(UGX_1000);
        assertThat(after.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(racing.mtn.refundedAtProvider(p)).isEqualTo(UGX_1000);
        assertThat(racing.mtn.refundCalls()).isEqualTo(1);
        assertThat(racing.service.refunds(p.id())).hasSize(1);
    }

    @Test
    void twoFullRefundsAtOnceSendOneAndRefuseTheOtherBeforeAnyMoneyLeaves() throws Exception {
        Race race = twoReadersOfOnePaidPayment();
        ServiceFixture racing = race.fixture();
        Payment p = race.paid();

        List<Object> outcomes = race(2, () -> racing.service.refund(p.id(), null, "full"));

        assertThat(outcomes).filteredOn(o -> o instanceof Refund).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof IllegalPaymentStateException).hasSize(1);
        assertThat(racing.mtn.refundCalls()).isEqualTo(1);
        assertThat(racing.mtn.refundedAtProvider(p)).isEqualTo(UGX_1500);
        assertThat(racing.service.find(p.id()).orElseThrow().refundedAmount()).isEqualTo(UGX_1500);
    }

    @Test
    void manyRacingPartialRefundsTogetherStayWithinThePayment() throws Exception {
        Payment p = paid(f);

        List<Object> outcomes = race(8, () -> f.service.refund(
                RefundCommand.partial(p.id(), Money.of("400", "UGX"))));

        long sent = outcomes.stream().filter(o -> o instanceof Refund).count();
        assertThat(sent).isEqualTo(3);
        assertThat(outcomes).allMatch(o -> o instanceof Refund || o instanceof PaymentException);
        assertThat(stored(p.id()).refundedAmount()).isEqualTo(Money.of("1200", "UGX"));
        assertThat(f.mtn.refundedAtProvider(p)).isEqualTo(Money.of("1200", "UGX"));
        assertThat(stored(p.id()).refundableAmount()).isEqualTo(Money.of("300", "UGX"));
    }

    @Test
    void refundTheProviderStillProcessesStaysPendingUntilTheProviderSaysItIsDone() {
        Payment p = paid(f);
        f.mtn.scriptRefunds(RefundOutcome.PROCESS_LATER);

        Refund refund = f.service.refund(RefundCommand.partial(p.id(), UGX_1000).withActor("Grace"));

        assertThat(refund.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(refund.outcomeUnknown()).isFalse();
        assertThat(refund.providerTransactionId()).startsWith("RF");
        Payment held = stored(p.id());
        assertThat(held.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(held.refundedAmount().isZero()).isTrue();
        assertThat(held.refundableAmount()).isEqualTo(Money.of("500", "UGX"));

        ReconcileReport stillProcessing = reconcileLater();
        assertThat(stillProcessing.refundsChecked()).isEqualTo(1);
        assertThat(f.service.findRefund(refund.id()).orElseThrow().status())
                .isEqualTo(RefundStatus.PENDING);
        assertThat(stored(p.id()).status()).isEqualTo(PaymentStatus.SUCCEEDED);

        f.mtn.completeRefund(refund.id().toString());
        reconcileLater();

        assertThat(f.service.findRefund(refund.id()).orElseThrow().status())
                .isEqualTo(RefundStatus.SUCCEEDED);
        Payment after = stored(p.id());
        assertThat(after.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(after.refundedAmount()).isEqualTo(UGX_1000);
        assertThat(after.refundReservedAmount().isZero()).isTrue();
        assertThat(f.listener.count(refund.id(), RefundStatus.PENDING)).isEqualTo(1);
        assertThat(f.listener.count(refund.id(), RefundStatus.SUCCEEDED)).isEqualTo(1);
        assertThat(f.listener.count(p.id(), PaymentStatus.PARTIALLY_REFUNDED)).isEqualTo(1);
        assertThat(after.history().get(after.history().size() - 1).detail())
                .contains(refund.id().toString());
    }

    @Test
    void refundTheProviderGivesUpReleasesItsReservation() {
        Payment p = paid(f);
        f.mtn.scriptRefunds(RefundOutcome.PROCESS_LATER);
        Refund refund = f.service.refund(p.id(), null, null);
        f.mtn.failRefund(refund.id().toString());

        ReconcileReport report = reconcileLater();

        assertThat(report.refundsFailed()).isEqualTo(1);
        assertThat(f.service.findRefund(refund.id()).orElseThrow().status())
                .isEqualTo(RefundStatus.FAILED);
        Payment after = stored(p.id());
        assertThat(after.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(after.refundableAmount()).isEqualTo(UGX_1500);
        assertThat(f.listener.count(p.id(), PaymentStatus.REFUNDED)).isZero();
    }

    @Test
    void refusedRefundIsStoredFailedAndTheMoneyCanBeRefundedAgain() {
        Payment p = paid(f);
        f.mtn.scriptRefunds(RefundOutcome.REJECT);

        Refund refused = f.service.refund(p.id(), null, null);

        assertThat(refused.status()).isEqualTo(RefundStatus.FAILED);
        assertThat(refused.failureReason()).isEqualTo("SCRIPTED_REFUND_REFUSAL");
        assertThat(stored(p.id()).refundableAmount()).isEqualTo(UGX_1500);

        Refund second = f.service.refund(p.id(), null, null);

        assertThat(second.status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(second.id()).isNotEqualTo(refused.id());
        assertThat(f.service.refunds(p.id())).extracting(Refund::status)
                .containsExactly(RefundStatus.FAILED, RefundStatus.SUCCEEDED);
        assertThat(f.mtn.refundedAtProvider(p)).isEqualTo(UGX_1500);
    }

    @Test
    void finalRefundNeverChangesAgain() {
        Payment p = paid(f);
        Refund done = f.service.refund(p.id(), null, null);
        assertThat(done.status()).isEqualTo(RefundStatus.SUCCEEDED);

        Refund verified = f.service.verifyRefund(done.id());
        ReconcileReport report = reconcileLater();

        assertThat(verified.version()).isEqualTo(done.version());
        assertThat(report.refundsChecked()).isZero();
        assertThat(f.listener.count(done.id(), RefundStatus.SUCCEEDED)).isEqualTo(1);
        assertThat(f.mtn.refundStatusChecks()).isZero();
    }

    @Test
    void sameKeyForAnotherAmountOrPaymentIsRefused() {
        Payment p = paid(f);
        Payment other = paid(f);
        f.service.refund(RefundCommand.partial(p.id(), Money.of("500", "UGX"))
                .withIdempotencyKey("k-1"));

        assertThatThrownBy(() -> f.service.refund(RefundCommand.partial(p.id(),
                Money.of("600", "UGX")).withIdempotencyKey("k-1")))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("different refund");
        assertThatThrownBy(() -> f.service.refund(RefundCommand.partial(other.id(),
                Money.of("500", "UGX")).withIdempotencyKey("k-1")))
                .isInstanceOf(PaymentValidationException.class);
        assertThat(f.mtn.refundCalls()).isEqualTo(1);
        assertThat(f.listener.refundEvents()).hasSize(2);
    }

    @Test
    void sameKeyIsAnsweredByItsRefundWhetherTheStoreOrTheChecksRefuseTheRepeat() {
        KeyLookups lookups = new KeyLookups(new InMemoryPaymentRepository());
        ServiceFixture keyed = new ServiceFixture(lookups);
        Payment p = paid(keyed);
        RefundCommand part = RefundCommand.partial(p.id(), Money.of("500", "UGX"))
                .withIdempotencyKey("k-part");

        Refund first = keyed.service.refund(part);

        // a new refund goes straight to the reserve: its key is not looked up
        assertThat(first.status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(lookups.count).hasValue(0);
        // 1000 is still refundable, so the repeat passes the checks and the store's unique key
        // refuses it
        assertThat(keyed.service.refund(part).id()).isEqualTo(first.id());
        assertThat(lookups.count).hasValue(1);
        RefundCommand rest = RefundCommand.full(p.id()).withIdempotencyKey("k-rest");
        Refund second = keyed.service.refund(rest);
        assertThat(keyed.service.find(p.id()).orElseThrow().status())
                .isEqualTo(PaymentStatus.REFUNDED);
        // nothing is refundable any more: the checks refuse both repeats before the store
        assertThat(keyed.service.refund(rest).id()).isEqualTo(second.id());
        assertThat(keyed.service.refund(part).id()).isEqualTo(first.id());
        assertThat(lookups.count).hasValue(3);
        assertThat(keyed.mtn.refundCalls()).isEqualTo(2);
        assertThat(keyed.mtn.refundedAtProvider(p)).isEqualTo(UGX_1500);
        assertThat(keyed.service.refunds(p.id())).hasSize(2);
        // without a key, the same refusal is the caller's answer
        assertThatThrownBy(() -> keyed.service.refund(p.id(), null, null))
                .isInstanceOf(IllegalPaymentStateException.class);
    }

    @Test
    void sameKeyFromTwoCallersAtOnceReservesAndSendsOneRefund() throws Exception {
        Race race = twoReadersOfOnePaidPayment();
        ServiceFixture racing = race.fixture();
        Payment p = race.paid();
        RefundCommand part = RefundCommand.partial(p.id(), UGX_1000).withIdempotencyKey("k-race");

        List<Object> outcomes = race(2, () -> racing.service.refund(part));

        // the loser's reserve loses the version race, and on the fresh payment only 500 is left:
        // the checks refuse it, and the key answers with the winner's refund
        assertThat(outcomes).allMatch(o -> o instanceof Refund);
        assertThat(outcomes).extracting(o -> ((Refund) o).id()).containsOnly(
                ((Refund) outcomes.get(0)).id());
        assertThat(racing.service.refunds(p.id())).hasSize(1);
        assertThat(racing.mtn.refundCalls()).isEqualTo(1);
        assertThat(racing.mtn.refundedAtProvider(p)).isEqualTo(UGX_1000);
        assertThat(racing.service.find(p.id()).orElseThrow().refundedAmount()).isEqualTo(UGX_1000);
    }

    @Test
    void refundInputThatForgesLogLinesIsRefusedAndNothingIsStored() {
        Payment p = paid(f);

        assertThatThrownBy(() -> f.service.refund(p.id(), null, "ok\nFAKE LOG LINE"))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> RefundCommand.partial(p.id(), Money.of("-5", "UGX")))
                .isInstanceOf(PaymentValidationException.class);
        assertThatThrownBy(() -> f.service.refund(RefundCommand.partial(p.id(),
                Money.of("10", "KES"))))
                .isInstanceOf(PaymentValidationException.class).hasMessageContaining("UGX");
        assertThat(f.service.refunds(p.id())).isEmpty();
        assertThat(f.mtn.refundCalls()).isZero();
    }

    @Test
    void unpaidPaymentCannotBeRefunded() {
        Payment p = f.service.initiate(TestPayments.mtnCheckout().build()).payment();

        assertThatThrownBy(() -> f.service.refund(p.id(), null, null))
                .isInstanceOf(IllegalPaymentStateException.class)
                .hasMessageContaining("only a paid payment");
        assertThat(f.service.refunds(p.id())).isEmpty();
    }

    @Test
    void cashRefundRecordsWhoHandedTheMoneyBack() {
        Payment cash = f.service.initiate(TestPayments.checkout(PaymentMethod.CASH_ON_DELIVERY,
                "5000", "UGX").build()).payment();
        f.service.confirmCashPayment(cash.id(), "cashier Grace");

        assertThatThrownBy(() -> f.service.refund(cash.id(), null, "order cancelled"))
                .isInstanceOf(PaymentValidationException.class).hasMessageContaining("who hands");
        Refund refund = f.service.refund(RefundCommand.partial(cash.id(), Money.of("2000", "UGX"))
                .withActor("cashier Grace").withReason("one item returned"));

        assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(refund.actor()).isEqualTo("cashier Grace");
        assertThat(refund.history().get(0).detail()).isEqualTo("asked by cashier Grace");
        Payment after = stored(cash.id());
        assertThat(after.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(after.refundedAmount()).isEqualTo(Money.of("2000", "UGX"));
    }

    /** A service whose store holds the first two reads of one paid payment until both are made. */
    private record Race(ServiceFixture fixture, Payment paid) {
    }

    private Race twoReadersOfOnePaidPayment() {
        BarrierRepository barrier = new BarrierRepository(new InMemoryPaymentRepository(), 2);
        ServiceFixture racing = new ServiceFixture(barrier);
        Payment p = paid(racing);
        barrier.arm(p.id());
        return new Race(racing, p);
    }

    /** Runs {@code work} on {@code n} threads at once; each slot holds the result or the exception. */
    private static List<Object> race(int n, java.util.concurrent.Callable<Object> work)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier start = new CyclicBarrier(n);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        return work.call();
                    } catch (PaymentException e) {
                        return e;
                    }
                }));
            }
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                outcomes.add(future.get(30, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Counts how often the service looks a refund's idempotency key up. */
    private static final class KeyLookups extends ForwardingPaymentRepository {
        final java.util.concurrent.atomic.AtomicInteger count =
                new java.util.concurrent.atomic.AtomicInteger();

        KeyLookups(PaymentRepository delegate) {
            super(delegate);
        }

        @Override
        public Optional<Refund> findRefundByIdempotencyKey(String key) {
            count.incrementAndGet();
            return super.findRefundByIdempotencyKey(key);
        }
    }

    /**
     * Holds the first {@code parties} reads of one payment until all of them have read it, so
     * that every racing refund decides on the same version of the payment.
     */
    private static final class BarrierRepository extends ForwardingPaymentRepository {
        private final CyclicBarrier barrier;
        private volatile PaymentId armed;
        private final java.util.concurrent.atomic.AtomicInteger waiting =
                new java.util.concurrent.atomic.AtomicInteger();

        BarrierRepository(PaymentRepository delegate, int parties) {
            super(delegate);
            this.barrier = new CyclicBarrier(parties);
        }

        void arm(PaymentId id) {
            armed = id;
        }

        @Override
        public Optional<Payment> findById(PaymentId id) {
            Optional<Payment> read = super.findById(id);
            if (id.equals(armed) && waiting.getAndIncrement() < barrier.getParties()) {
                try {
                    barrier.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("racing readers did not meet", e);
                }
            }
            return read;
        }
    }
}
