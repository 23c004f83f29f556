package org.dusangire.payment.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dusangire.payment.core.error.ConcurrentPaymentModificationException;
import org.dusangire.payment.core.error.DuplicatePaymentException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundChange;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.port.PendingBacklog;
import org.dusangire.payment.core.port.RefundWrite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PaymentRepository} adapter must show. Extend it and implement
 * {@link #createRepository()}; the same tests then run against your store. They check what money
 * safety rests on: unique idempotency keys and inbox keys, version-guarded updates, claims that
 * never hand one payment to two reconcilers, refunds stored together with the amount they reserve
 * so that racing refunds never reserve more than was paid, and all of it under many threads at
 * once. Override {@link #sameStoreInstance()} to run the races across two instances as well.
 */
public abstract class PaymentRepositoryContract {
    private static final Duration LEASE = Duration.ofMinutes(1);

    /** The repository under test, fresh for each test. */
    protected PaymentRepository repository;

    /** Returns a repository over an empty store; called before each test. */
    protected abstract PaymentRepository createRepository();

    @BeforeEach
    void createFreshRepository() {
        repository = createRepository();
    }

    /**
     * Another repository on the same store as {@link #repository} (its own connections, as a
     * second instance of the host would have), for the races that must hold across instances;
     * by default {@link #repository} itself. Called after {@link #createRepository()}.
     */
    protected PaymentRepository sameStoreInstance() {
        return repository;
    }

    protected Payment.Builder newPayment() {
        return TestPayments.pending("contract-gw");
    }

    @Test
    void insertedPaymentIsFoundByIdIdempotencyKeyAndProviderReference() {
        Payment stored = repository.insert(newPayment().build());

        assertThat(stored.version()).isZero();
        assertThat(repository.findById(stored.id())).contains(stored);
        assertThat(repository.findByIdempotencyKey(stored.idempotencyKey())).contains(stored);
        assertThat(repository.findByProviderReference("contract-gw", stored.providerReference()))
                .contains(stored);
        assertThat(repository.findByProviderReference("other-gw", stored.providerReference())).isEmpty();
        assertThat(repository.findById(PaymentId.random())).isEmpty();
        assertThat(repository.findByIdempotencyKey("never-used")).isEmpty();
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        Payment original = newPayment()
                .money(Money.of("2499.50", "KES"))
                .method(PaymentMethod.CARD)
                .payer(new Payer(null, "payer@example.org", "Amina N."))
                .paymentLink(URI.create("https://checkout.example/pay/abc"))
                .providerTransactionId("FLW-123")
                .lastGatewayResponse("{\"status\":\"success\"}")
                .outcomeUnknown(true)
                .refundReservedAmount(Money.of("100.25", "KES"))
                .build();
        repository.insert(original);

        Payment found = repository.findById(original.id()).orElseThrow();

        assertThat(found.money()).isEqualTo(Money.of("2499.50", "KES"));
        assertThat(found.money().amount().scale()).isEqualTo(2);
        assertThat(found.method()).isEqualTo(PaymentMethod.CARD);
        assertThat(found.payer()).isEqualTo(original.payer());
        assertThat(found.orderReference()).isEqualTo(original.orderReference());
        assertThat(found.description()).isEqualTo(original.description());
        assertThat(found.paymentLink()).isEqualTo(original.paymentLink());
        assertThat(found.providerTransactionId()).isEqualTo("FLW-123");
        assertThat(found.lastGatewayResponse()).isEqualTo("{\"status\":\"success\"}");
        assertThat(found.callbackToken()).isEqualTo(original.callbackToken());
        assertThat(found.outcomeUnknown()).isTrue();
        assertThat(found.createdAt()).isEqualTo(original.createdAt());
        assertThat(found.updatedAt()).isEqualTo(original.updatedAt());
        assertThat(found.expiresAt()).isEqualTo(original.expiresAt());
        assertThat(found.refundedAmount()).isEqualTo(Money.zero(original.money().currency()));
        assertThat(found.refundReservedAmount()).isEqualTo(Money.of("100.25", "KES"));
        assertThat(found.history()).containsExactlyElementsOf(original.history());
    }

    @Test
    void mobileMoneyPayerAndZeroDecimalAmountSurvive() {
        Payment original = newPayment().money(Money.of("150000", "UGX")).build();
        repository.insert(original);

        Payment found = repository.findById(original.id()).orElseThrow();

        assertThat(found.payer().msisdn()).isEqualTo(original.payer().msisdn());
        assertThat(found.money().toPlainString()).isEqualTo("150000");
    }

    @Test
    void secondPaymentWithSameIdempotencyKeyIsRefused() {
        Payment first = repository.insert(newPayment().idempotencyKey("same-key").build());

        assertThatThrownBy(() -> repository.insert(newPayment().idempotencyKey("same-key").build()))
                .isInstanceOf(DuplicatePaymentException.class);
        assertThat(repository.findByIdempotencyKey("same-key")).contains(first);
    }

    @Test
    void secondPaymentWithSameGatewayAndProviderReferenceIsRefused() {
        repository.insert(newPayment().providerReference("shared-ref").build());

        assertThatThrownBy(() -> repository.insert(newPayment().providerReference("shared-ref").build()))
                .isInstanceOf(DuplicatePaymentException.class);
        Payment otherGateway = repository.insert(newPayment().gatewayName("other-gw")
                .providerReference("shared-ref").build());
        assertThat(otherGateway.version()).isZero();
    }

    @Test
    void paymentsAwaitingTheProvidersOwnReferenceCoexistAndLearnItOnce() {
        Payment first = repository.insert(newPayment().awaitingProviderReference().build());
        Payment second = repository.insert(newPayment().awaitingProviderReference().build());

        assertThat(repository.findById(first.id()).orElseThrow().providerReferenceKnown()).isFalse();
        assertThat(repository.findById(second.id()).orElseThrow().providerReference()).isNull();

        Payment told = repository.update(first.toBuilder().providerReference("ws_CO_1").build(),
                null, null);
        assertThat(told.providerReference()).isEqualTo("ws_CO_1");
        assertThat(repository.findByProviderReference("contract-gw", "ws_CO_1")).map(Payment::id)
                .contains(first.id());
        assertThatThrownBy(() -> repository.update(second.toBuilder().providerReference("ws_CO_1")
                .build(), null, null)).isInstanceOf(DuplicatePaymentException.class);
        assertThat(repository.findById(second.id()).orElseThrow().providerReferenceKnown()).isFalse();
    }

    @Test
    void updateIncrementsVersionAndKeepsTheHistory() {
        Payment stored = repository.insert(newPayment().build());
        Instant at = stored.createdAt().plusSeconds(5);

        Payment updated = repository.update(stored.transition(PaymentStatus.SUCCEEDED,
                Trigger.WEBHOOK, at, null).toBuilder().providerTransactionId("MTN-9").build());

        assertThat(updated.version()).isEqualTo(1);
        Payment found = repository.findById(stored.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(found.version()).isEqualTo(1);
        assertThat(found.providerTransactionId()).isEqualTo("MTN-9");
        assertThat(found.updatedAt()).isEqualTo(at);
        assertThat(found.history()).hasSize(2);
        assertThat(found.history().get(1).from()).isEqualTo(PaymentStatus.PENDING);
        assertThat(found.history().get(1).to()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(found.history().get(1).trigger()).isEqualTo(Trigger.WEBHOOK);
    }

    @Test
    void anUpdateStoresEveryFieldThatCanChangeAfterCreation() {
        Payment stored = repository.insert(newPayment().money(Money.of("2000", "UGX")).build());
        Instant at = stored.createdAt().plusSeconds(30);
        Payment paid = repository.update(stored.transition(PaymentStatus.SUCCEEDED, Trigger.VERIFY,
                at, "paid"));
        Payment changed = paid.transition(PaymentStatus.PARTIALLY_REFUNDED, Trigger.REFUND,
                        at.plusSeconds(1), "part back").toBuilder()
                .providerReference("contract-ref-" + stored.id())
                .providerTransactionId("TX-42")
                .paymentLink(URI.create("https://checkout.example/pay/42"))
                .lastGatewayResponse("{\"status\":\"SUCCESSFUL\"}")
                .failureReason("kept for the record")
                .outcomeUnknown(true)
                .refundedAmount(Money.of("500", "UGX"))
                .refundReservedAmount(Money.of("250", "UGX"))
                .updatedAt(at.plusSeconds(2))
                .build();

        Payment updated = repository.update(changed);

        Payment found = repository.findById(stored.id()).orElseThrow();
        assertThat(found).usingRecursiveComparison()
                .isEqualTo(changed.toBuilder().version(paid.version() + 1).build());
        assertThat(updated).usingRecursiveComparison().isEqualTo(found);
    }

    @Test
    void failureReasonAndRefundedAmountAreKept() {
        Payment stored = repository.insert(newPayment().build());
        Payment paid = repository.update(stored.transition(PaymentStatus.SUCCEEDED, Trigger.VERIFY,
                stored.createdAt().plusSeconds(1), null));
        Payment refunded = repository.update(paid.transition(PaymentStatus.PARTIALLY_REFUNDED,
                Trigger.REFUND, stored.createdAt().plusSeconds(2), "refunded 500 UGX").toBuilder()
                .refundedAmount(Money.of("500", "UGX")).build());

        Payment found = repository.findById(stored.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(found.refundedAmount()).isEqualTo(Money.of("500", "UGX"));
        assertThat(found.version()).isEqualTo(refunded.version());
        assertThat(found.history()).extracting(c -> c.to()).containsExactly(
                PaymentStatus.PENDING, PaymentStatus.SUCCEEDED, PaymentStatus.PARTIALLY_REFUNDED);

        Payment other = repository.insert(newPayment().build());
        repository.update(other.transition(PaymentStatus.FAILED, Trigger.RECONCILE,
                other.createdAt().plusSeconds(1), "APPROVAL_REJECTED"));
        assertThat(repository.findById(other.id()).orElseThrow().failureReason())
                .isEqualTo("APPROVAL_REJECTED");
    }

    @Test
    void updateWithAStaleVersionIsRefusedAndChangesNothing() {
        Payment stored = repository.insert(newPayment().build());
        repository.update(stored.transition(PaymentStatus.SUCCEEDED, Trigger.WEBHOOK,
                stored.createdAt().plusSeconds(1), null));

        assertThatThrownBy(() -> repository.update(stored.transition(PaymentStatus.FAILED,
                Trigger.RECONCILE, stored.createdAt().plusSeconds(2), "late")))
                .isInstanceOf(ConcurrentPaymentModificationException.class);
        Payment found = repository.findById(stored.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(found.history()).hasSize(2);
    }

    @Test
    void aChangeOfTheRowAloneIsStoredOnceAndAStaleOneChangesNothing() {
        Payment stored = repository.insert(newPayment().build());
        Instant at = stored.createdAt().plusSeconds(1);
        Payment answered = repository.update(stored.toBuilder().providerTransactionId("TX-7")
                .lastGatewayResponse("{\"status\":202}").updatedAt(at).build());

        assertThatThrownBy(() -> repository.update(stored.toBuilder().outcomeUnknown(true)
                .updatedAt(at.plusSeconds(1)).build()))
                .isInstanceOf(ConcurrentPaymentModificationException.class);
        Payment found = repository.findById(stored.id()).orElseThrow();
        assertThat(answered.version()).isEqualTo(1);
        assertThat(found).usingRecursiveComparison().isEqualTo(answered);
        assertThat(found.outcomeUnknown()).isFalse();
        assertThat(found.history()).hasSize(1);
    }

    @Test
    void inboxRecordsAnEventOnceAndReportsTheDuplicate() {
        InboxKey key = new InboxKey("contract-gw", "event-1");
        Instant at = TestPayments.T0;

        assertThat(repository.recordInbound(InboxEntry.received(key, "ref-1", at, "{}"))).isTrue();
        assertThat(repository.recordInbound(InboxEntry.received(key, "ref-1", at, "{}"))).isFalse();
        assertThat(repository.recordInbound(InboxEntry.received(new InboxKey("other-gw", "event-1"),
                "ref-1", at, "{}"))).isTrue();
        InboxEntry found = repository.findInbound(key).orElseThrow();
        assertThat(found.paymentReference()).isEqualTo("ref-1");
        assertThat(found.payload()).isEqualTo("{}");
        assertThat(found.isProcessed()).isFalse();
    }

    @Test
    void unprocessedInboxEventsAreListedUntilMarkedProcessedOnce() {
        Instant at = TestPayments.T0;
        InboxKey first = new InboxKey("contract-gw", "e1");
        InboxKey second = new InboxKey("contract-gw", "e2");
        repository.recordInbound(InboxEntry.received(first, "r1", at, "{}"));
        repository.recordInbound(InboxEntry.received(second, "r2", at.plusSeconds(60), "{}"));

        assertThat(repository.findUnprocessedInbound(at.plusSeconds(30), 10))
                .extracting(InboxEntry::key).containsExactly(first);

        repository.markInboundProcessed(first, at.plusSeconds(90), "PROCESSED");
        repository.markInboundProcessed(first, at.plusSeconds(95), "AGAIN");

        assertThat(repository.findUnprocessedInbound(at.plusSeconds(120), 10))
                .extracting(InboxEntry::key).containsExactly(second);
        InboxEntry done = repository.findInbound(first).orElseThrow();
        assertThat(done.processedAt()).isEqualTo(at.plusSeconds(90));
        assertThat(done.outcome()).isEqualTo("PROCESSED");
    }

    @Test
    void purgeRemovesOnlyProcessedEventsOlderThanTheCutOffAndCountsThem() {
        Instant at = TestPayments.T0;
        InboxKey oldDone1 = new InboxKey("contract-gw", "old-done-1");
        InboxKey oldDone2 = new InboxKey("contract-gw", "old-done-2");
        InboxKey recentDone = new InboxKey("contract-gw", "recent-done");
        InboxKey oldOpen = new InboxKey("contract-gw", "old-open");
        for (InboxKey key : List.of(oldDone1, oldDone2, recentDone, oldOpen)) {
            repository.recordInbound(InboxEntry.received(key, "r", at, "{}"));
        }
        repository.markInboundProcessed(oldDone1, at.plusSeconds(10), "PROCESSED");
        repository.markInboundProcessed(oldDone2, at.plusSeconds(20), "PROCESSED");
        repository.markInboundProcessed(recentDone, at.plusSeconds(100), "PROCESSED");
        Instant cutOff = at.plusSeconds(50);

        assertThat(repository.purgeProcessedInbound(cutOff, 1)).isEqualTo(1);
        assertThat(repository.purgeProcessedInbound(cutOff, 10)).isEqualTo(1);
        assertThat(repository.purgeProcessedInbound(cutOff, 10)).isZero();

        assertThat(repository.findInbound(oldDone1)).isEmpty();
        assertThat(repository.findInbound(oldDone2)).isEmpty();
        assertThat(repository.findInbound(recentDone)).isPresent();
        assertThat(repository.findInbound(oldOpen)).isPresent();
        // never-processed events survive any cut-off; reconciliation must still finish them
        assertThat(repository.purgeProcessedInbound(at.plus(Duration.ofDays(3650)), 10)).isEqualTo(1);
        assertThat(repository.findInbound(oldOpen)).isPresent();
        assertThat(repository.findInbound(recentDone)).isEmpty();
        // a purged key is forgotten: the same event is recorded as new
        assertThat(repository.recordInbound(InboxEntry.received(oldDone1, "r", at, "{}"))).isTrue();
    }

    @Test
    void updateMarksItsInboxEventProcessedInTheSameCall() {
        Payment stored = repository.insert(newPayment().build());
        InboxKey key = new InboxKey("contract-gw", "evt-ok");
        repository.recordInbound(InboxEntry.received(key, stored.id().toString(), stored.createdAt(), "{}"));

        repository.update(stored.transition(PaymentStatus.SUCCEEDED, Trigger.WEBHOOK,
                stored.createdAt().plusSeconds(1), null), key);

        assertThat(repository.findInbound(key).orElseThrow().isProcessed()).isTrue();
    }

    @Test
    void claimHandsOutOnlyStalePendingUnclaimedPayments() {
        Instant t0 = TestPayments.T0;
        Payment stale = repository.insert(TestPayments.pending("contract-gw", t0).build());
        Payment fresh = repository.insert(TestPayments.pending("contract-gw", t0.plusSeconds(600)).build());
        Payment done = repository.insert(TestPayments.pending("contract-gw", t0).build());
        repository.update(done.transition(PaymentStatus.FAILED, Trigger.WEBHOOK, t0, "x"));
        Instant now = t0.plusSeconds(700);

        List<Payment> claimed = repository.claimStalePending(t0.plusSeconds(300), now, LEASE, 10);

        assertThat(claimed).extracting(Payment::id).containsExactly(stale.id());
        assertThat(repository.claimStalePending(t0.plusSeconds(300), now.plusSeconds(30), LEASE, 10))
                .as("claimed again while the lease holds").isEmpty();
        assertThat(repository.claimStalePending(t0.plusSeconds(300), now.plus(LEASE), LEASE, 10))
                .as("claimable again once the lease ran out").extracting(Payment::id)
                .containsExactly(stale.id());
        assertThat(fresh.status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void claimRespectsTheLimitAndOldestComeFirst() {
        Instant t0 = TestPayments.T0;
        List<PaymentId> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(repository.insert(TestPayments.pending("contract-gw", t0.plusSeconds(i)).build()).id());
        }

        List<Payment> first = repository.claimStalePending(t0.plusSeconds(100), t0.plusSeconds(200), LEASE, 3);
        List<Payment> rest = repository.claimStalePending(t0.plusSeconds(100), t0.plusSeconds(200), LEASE, 3);

        assertThat(first).extracting(Payment::id).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(rest).extracting(Payment::id).containsExactlyElementsOf(ids.subList(3, 5));
    }

    @Test
    void recentPaymentsComeNewestFirst() {
        Instant t0 = TestPayments.T0;
        Payment older = repository.insert(TestPayments.pending("contract-gw", t0).build());
        Payment newer = repository.insert(TestPayments.pending("contract-gw", t0.plusSeconds(10)).build());

        assertThat(repository.findRecent(10)).extracting(Payment::id)
                .containsExactly(newer.id(), older.id());
        assertThat(repository.findRecent(1)).extracting(Payment::id).containsExactly(newer.id());
    }

    @Test
    void backlogCountsPendingAndOutcomeUnknownAndFindsTheOldest() {
        Instant t0 = TestPayments.T0;
        assertThat(repository.pendingBacklog()).contains(PendingBacklog.EMPTY);

        repository.insert(TestPayments.pending("contract-gw", t0.plusSeconds(30)).build());
        Payment oldest = repository.insert(TestPayments.pending("contract-gw", t0)
                .outcomeUnknown(true).build());
        repository.insert(TestPayments.pending("other-gw", t0.plusSeconds(60))
                .outcomeUnknown(true).build());
        Payment settled = repository.insert(TestPayments.pending("contract-gw", t0.minusSeconds(600))
                .outcomeUnknown(true).build());
        repository.update(settled.transition(PaymentStatus.SUCCEEDED, Trigger.WEBHOOK,
                t0.plusSeconds(90), null));

        PendingBacklog backlog = repository.pendingBacklog().orElseThrow();

        assertThat(backlog.pending()).isEqualTo(3);
        assertThat(backlog.outcomeUnknown()).isEqualTo(2);
        assertThat(backlog.oldestCreatedAt()).isEqualTo(oldest.createdAt());
    }

    @Test
    void manyThreadsInsertingOneIdempotencyKeyStoreOnePayment() throws Exception {
        int threads = 16;
        AtomicInteger refused = new AtomicInteger();
        List<Payment> winners = runConcurrently(threads, i -> () -> {
            try {
                return repository.insert(newPayment().idempotencyKey("contended").build());
            } catch (DuplicatePaymentException e) {
                refused.incrementAndGet();
                return null;
            }
        });

        assertThat(winners).hasSize(1);
        assertThat(refused).hasValue(threads - 1);
        assertThat(repository.findByIdempotencyKey("contended")).contains(winners.get(0));
    }

    @Test
    void manyThreadsUpdatingOneVersionLetExactlyOneWin() throws Exception {
        Payment stored = repository.insert(newPayment().build());
        int threads = 16;
        AtomicInteger conflicts = new AtomicInteger();
        List<Payment> winners = runConcurrently(threads, i -> () -> {
            try {
                return repository.update(stored.transition(PaymentStatus.SUCCEEDED, Trigger.WEBHOOK,
                        stored.createdAt().plusSeconds(i + 1), "thread " + i));
            } catch (ConcurrentPaymentModificationException e) {
                conflicts.incrementAndGet();
                return null;
            }
        });

        assertThat(winners).hasSize(1);
        assertThat(conflicts).hasValue(threads - 1);
        assertThat(repository.findById(stored.id()).orElseThrow().history()).hasSize(2);
    }

    @Test
    void manyThreadsRecordingOneInboxEventSeeOneFirstDelivery() throws Exception {
        InboxKey key = new InboxKey("contract-gw", "hot-event");
        List<Boolean> firsts = runConcurrently(16, i -> () ->
                repository.recordInbound(InboxEntry.received(key, "r", TestPayments.T0, "{}")) ? Boolean.TRUE : null);

        assertThat(firsts).hasSize(1);
    }

    @Test
    void concurrentClaimersNeverReceiveTheSamePayment() throws Exception {
        Instant t0 = TestPayments.T0;
        int count = 200;
        for (int i = 0; i < count; i++) {
            repository.insert(TestPayments.pending("contract-gw", t0).build());
        }
        Set<PaymentId> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        runConcurrently(4, i -> () -> {
            while (true) {
                List<Payment> batch = repository.claimStalePending(t0.plusSeconds(1),
                        t0.plusSeconds(10), LEASE, 7);
                if (batch.isEmpty()) {
                    return null;
                }
                for (Payment p : batch) {
                    if (!seen.add(p.id())) {
                        duplicates.incrementAndGet();
                    }
                }
            }
        });

        assertThat(duplicates).hasValue(0);
        assertThat(seen).hasSize(count);
    }

    // ------------------------------------------------------------------ refunds

    @Test
    void insertRefundStoresTheRefundAndItsReservationTogether() {
        Payment paid = paidPayment();
        Instant at = paid.updatedAt().plusSeconds(10);
        Refund refund = newRefund(paid, "500", at).idempotencyKey("refund-key-1")
                .providerTransactionId("AIR-R-1").lastGatewayResponse("{\"status\":\"PENDING\"}")
                .version(7).build();

        RefundWrite written = reserve(paid, refund);

        assertThat(written.refund().version()).as("a new refund is stored at version 0").isZero();
        assertThat(written.payment().version()).isEqualTo(paid.version() + 1);
        assertThat(written.payment().refundReservedAmount()).isEqualTo(ugx("500"));
        Payment found = repository.findById(paid.id()).orElseThrow();
        assertThat(found.version()).isEqualTo(paid.version() + 1);
        assertThat(found.refundReservedAmount()).isEqualTo(ugx("500"));
        assertThat(found.refundedAmount()).isEqualTo(ugx("0"));
        assertThat(found.refundableAmount()).isEqualTo(ugx("1000"));
        assertThat(found.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(found.updatedAt()).isEqualTo(at);
        assertThat(found.history()).containsExactlyElementsOf(paid.history());
        Refund stored = repository.findRefund(refund.id()).orElseThrow();
        assertThat(stored).usingRecursiveComparison()
                .isEqualTo(refund.toBuilder().version(0).build());
        assertThat(repository.findRefundByIdempotencyKey("refund-key-1")).get()
                .usingRecursiveComparison().isEqualTo(stored);
        assertThat(repository.findRefund(RefundId.random())).isEmpty();
    }

    @Test
    void insertRefundOnAStalePaymentVersionIsRefusedAndWritesNothing() {
        Payment paid = paidPayment();
        Payment changed = repository.update(paid.toBuilder()
                .lastGatewayResponse("{\"verified\":true}").build());
        Refund refund = newRefund(paid, "500", paid.updatedAt().plusSeconds(10))
                .idempotencyKey("late-key").build();

        assertThatThrownBy(() -> reserve(paid, refund))
                .isInstanceOf(ConcurrentPaymentModificationException.class);

        assertThat(repository.findRefund(refund.id())).isEmpty();
        assertThat(repository.findRefundByIdempotencyKey("late-key")).isEmpty();
        assertThat(repository.findRefunds(paid.id())).isEmpty();
        Payment found = repository.findById(paid.id()).orElseThrow();
        assertThat(found.version()).isEqualTo(changed.version());
        assertThat(found.refundReservedAmount()).isEqualTo(ugx("0"));
        assertThat(found.lastGatewayResponse()).isEqualTo("{\"verified\":true}");
        // nothing of the refused write is left behind: the same refund fits on the fresh version
        assertThat(reserve(found, refund).payment().refundReservedAmount()).isEqualTo(ugx("500"));
    }

    @Test
    void refundWithATakenIdOrIdempotencyKeyIsRefusedAndWritesNothing() {
        Payment paid = paidPayment();
        Instant at = paid.updatedAt().plusSeconds(10);
        Refund first = newRefund(paid, "500", at).idempotencyKey("refund-key").build();
        Payment afterFirst = reserve(paid, first).payment();
        Payment otherPaid = paidPayment();

        Refund sameKey = newRefund(afterFirst, "300", at.plusSeconds(1))
                .idempotencyKey("refund-key").build();
        Refund sameId = newRefund(afterFirst, "300", at.plusSeconds(2)).id(first.id())
                .idempotencyKey("other-key").build();
        Refund sameKeyElsewhere = newRefund(otherPaid, "300", at.plusSeconds(3))
                .idempotencyKey("refund-key").build();
        assertThatThrownBy(() -> reserve(afterFirst, sameKey))
                .isInstanceOf(DuplicatePaymentException.class);
        assertThatThrownBy(() -> reserve(afterFirst, sameId))
                .isInstanceOf(DuplicatePaymentException.class);
        assertThatThrownBy(() -> reserve(otherPaid, sameKeyElsewhere))
                .as("refund idempotency keys are unique across payments")
                .isInstanceOf(DuplicatePaymentException.class);

        Payment found = repository.findById(paid.id()).orElseThrow();
        assertThat(found.version()).isEqualTo(afterFirst.version());
        assertThat(found.refundReservedAmount()).isEqualTo(ugx("500"));
        Payment otherFound = repository.findById(otherPaid.id()).orElseThrow();
        assertThat(otherFound.version()).isEqualTo(otherPaid.version());
        assertThat(otherFound.refundReservedAmount()).isEqualTo(ugx("0"));
        assertThat(repository.findRefunds(paid.id())).extracting(Refund::id)
                .containsExactly(first.id());
        assertThat(repository.findRefunds(otherPaid.id())).isEmpty();
        assertThat(repository.findRefund(first.id()).orElseThrow().amount()).isEqualTo(ugx("500"));
        assertThat(repository.findRefundByIdempotencyKey("refund-key").orElseThrow().id())
                .isEqualTo(first.id());
        assertThat(repository.findRefundByIdempotencyKey("other-key")).isEmpty();
        assertThat(repository.findRefundByIdempotencyKey("never-used")).isEmpty();
    }

    @Test
    void refundsOfAPaymentComeOldestFirstAndRefundsWithoutKeyNeverCollide() {
        Payment paid = paidPayment();
        Instant at = paid.updatedAt().plusSeconds(10);
        Refund third = newRefund(paid, "100", at.plusSeconds(30)).build();
        Payment p = reserve(paid, third).payment();
        Refund first = newRefund(p, "200", at.plusSeconds(10)).build();
        p = reserve(p, first).payment();
        Refund second = newRefund(p, "300", at.plusSeconds(20)).idempotencyKey("keyed").build();
        p = reserve(p, second).payment();
        Payment other = paidPayment();
        reserve(other, newRefund(other, "400", at).build());

        List<Refund> found = repository.findRefunds(paid.id());

        assertThat(found).extracting(Refund::id).containsExactly(first.id(), second.id(), third.id());
        assertThat(found).extracting(Refund::idempotencyKey).containsExactly(null, "keyed", null);
        assertThat(found).allSatisfy(r -> assertThat(r.history()).hasSize(1));
        assertThat(p.refundReservedAmount()).isEqualTo(ugx("600"));
        assertThat(repository.findById(paid.id()).orElseThrow().refundReservedAmount())
                .isEqualTo(ugx("600"));
        assertThat(repository.findRefunds(PaymentId.random())).isEmpty();
    }

    @Test
    void updateRefundWithItsPaymentStoresBothAndIncrementsBothVersions() {
        Payment paid = paidPayment();
        Instant at = paid.updatedAt().plusSeconds(10);
        RefundWrite reserved = reserve(paid, newRefund(paid, "500", at).build());
        Instant done = at.plusSeconds(30);
        Refund succeeded = reserved.refund().toBuilder().providerTransactionId("MTN-R-9")
                .lastGatewayResponse("{\"status\":\"SUCCESSFUL\"}").build()
                .transition(RefundStatus.SUCCEEDED, Trigger.RECONCILE, done, null);
        Payment refunded = reserved.payment().transition(PaymentStatus.PARTIALLY_REFUNDED,
                        Trigger.REFUND, done, "refund of 500 UGX").toBuilder()
                .refundedAmount(ugx("500")).refundReservedAmount(ugx("0")).build();

        RefundWrite written = repository.updateRefund(succeeded, refunded);

        assertThat(written.refund().version()).isEqualTo(1);
        assertThat(written.payment().version()).isEqualTo(reserved.payment().version() + 1);
        Refund storedRefund = repository.findRefund(succeeded.id()).orElseThrow();
        assertThat(storedRefund).usingRecursiveComparison().isEqualTo(written.refund());
        assertThat(storedRefund.status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(storedRefund.outcomeUnknown()).isFalse();
        assertThat(storedRefund.providerTransactionId()).isEqualTo("MTN-R-9");
        assertThat(storedRefund.history()).extracting(RefundChange::to)
                .containsExactly(RefundStatus.PENDING, RefundStatus.SUCCEEDED);
        Payment storedPayment = repository.findById(paid.id()).orElseThrow();
        assertThat(storedPayment.version()).isEqualTo(written.payment().version());
        assertThat(storedPayment.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(storedPayment.refundedAmount()).isEqualTo(ugx("500"));
        assertThat(storedPayment.refundReservedAmount()).isEqualTo(ugx("0"));
        assertThat(storedPayment.refundableAmount()).isEqualTo(ugx("1000"));
        assertThat(storedPayment.history()).containsExactlyElementsOf(refunded.history());
    }

    @Test
    void updateRefundWithoutPaymentLeavesThePaymentAlone() {
        Payment paid = paidPayment();
        Instant at = paid.updatedAt().plusSeconds(10);
        RefundWrite reserved = reserve(paid, newRefund(paid, "500", at).build());
        Refund answered = reserved.refund().toBuilder().outcomeUnknown(false)
                .providerTransactionId("AIR-77").updatedAt(at.plusSeconds(5)).build();

        RefundWrite written = repository.updateRefund(answered, null);

        assertThat(written.payment()).isNull();
        assertThat(written.refund().version()).isEqualTo(1);
        Refund found = repository.findRefund(answered.id()).orElseThrow();
        assertThat(found.version()).isEqualTo(1);
        assertThat(found.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(found.outcomeUnknown()).isFalse();
        assertThat(found.providerTransactionId()).isEqualTo("AIR-77");
        assertThat(found.updatedAt()).isEqualTo(at.plusSeconds(5));
        assertThat(found.history()).hasSize(1);
        Payment payment = repository.findById(paid.id()).orElseThrow();
        assertThat(payment.version()).isEqualTo(reserved.payment().version());
        assertThat(payment.refundReservedAmount()).isEqualTo(ugx("500"));
    }

    @Test
    void updateRefundWithAStaleRefundVersionIsRefusedAndWritesNeither() {
        Payment paid = paidPayment();
        Instant at = paid.updatedAt().plusSeconds(10);
        RefundWrite reserved = reserve(paid, newRefund(paid, "500", at).build());
        repository.updateRefund(reserved.refund().toBuilder().outcomeUnknown(false)
                .updatedAt(at.plusSeconds(5)).build(), null);
        Refund late = reserved.refund().transition(RefundStatus.FAILED, Trigger.RECONCILE,
                at.plusSeconds(10), "REJECTED");
        Payment released = reserved.payment().toBuilder().refundReservedAmount(ugx("0"))
                .updatedAt(at.plusSeconds(10)).build();

        assertThatThrownBy(() -> repository.updateRefund(late, released))
                .isInstanceOf(ConcurrentPaymentModificationException.class);

        Refund found = repository.findRefund(late.id()).orElseThrow();
        assertThat(found.version()).isEqualTo(1);
        assertThat(found.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(found.failureReason()).isNull();
        assertThat(found.history()).hasSize(1);
        Payment payment = repository.findById(paid.id()).orElseThrow();
        assertThat(payment.version()).isEqualTo(reserved.payment().version());
        assertThat(payment.refundReservedAmount()).isEqualTo(ugx("500"));
        assertThat(payment.updatedAt()).isEqualTo(reserved.payment().updatedAt());
    }

    @Test
    void updateRefundWithAStalePaymentVersionIsRefusedAndWritesNeither() {
        Payment paid = paidPayment();
        Instant at = paid.updatedAt().plusSeconds(10);
        RefundWrite reserved = reserve(paid, newRefund(paid, "500", at).build());
        Payment touched = repository.update(reserved.payment().toBuilder()
                .lastGatewayResponse("{\"verified\":true}").build());
        Refund failed = reserved.refund().transition(RefundStatus.FAILED, Trigger.RECONCILE,
                at.plusSeconds(10), "REJECTED");
        Payment released = reserved.payment().toBuilder().refundReservedAmount(ugx("0"))
                .updatedAt(at.plusSeconds(10)).build();

        assertThatThrownBy(() -> repository.updateRefund(failed, released))
                .isInstanceOf(ConcurrentPaymentModificationException.class);

        Refund found = repository.findRefund(failed.id()).orElseThrow();
        assertThat(found.version()).isZero();
        assertThat(found.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(found.failureReason()).isNull();
        assertThat(found.history()).hasSize(1);
        Payment payment = repository.findById(paid.id()).orElseThrow();
        assertThat(payment.version()).isEqualTo(touched.version());
        assertThat(payment.refundReservedAmount()).isEqualTo(ugx("500"));
        assertThat(payment.lastGatewayResponse()).isEqualTo("{\"verified\":true}");
        // retried on the fresh payment, the same change is stored once, with one new entry
        RefundWrite retried = repository.updateRefund(failed, touched.toBuilder()
                .refundReservedAmount(ugx("0")).updatedAt(at.plusSeconds(10)).build());
        assertThat(retried.payment().version()).isEqualTo(touched.version() + 1);
        assertThat(repository.findRefund(failed.id()).orElseThrow().history())
                .containsExactlyElementsOf(failed.history());
        assertThat(repository.findById(paid.id()).orElseThrow().refundReservedAmount())
                .isEqualTo(ugx("0"));
    }

    @Test
    void refundHistoryRoundTripsEveryEntryInOrder() {
        Payment paid = paidPayment();
        Instant at = paid.updatedAt().plusSeconds(10);
        Refund created = newRefund(paid, "500", at)
                .history(List.of(new RefundChange(null, RefundStatus.PENDING, at, Trigger.REFUND,
                        null)))
                .build();
        RefundWrite reserved = reserve(paid, created);
        Refund resentThenFailed = reserved.refund().toBuilder()
                .addHistory(new RefundChange(RefundStatus.PENDING, RefundStatus.PENDING,
                        at.plusMillis(60_123), Trigger.RECONCILE, "sent again under the same id"))
                .updatedAt(at.plusMillis(60_123)).build()
                .transition(RefundStatus.FAILED, Trigger.VERIFY, at.plusSeconds(90),
                        "PAYEE_NOT_FOUND");

        repository.updateRefund(resentThenFailed, reserved.payment().toBuilder()
                .refundReservedAmount(ugx("0")).updatedAt(at.plusSeconds(90)).build());

        Refund found = repository.findRefund(created.id()).orElseThrow();
        assertThat(found.history()).hasSize(3)
                .containsExactlyElementsOf(resentThenFailed.history());
        assertThat(found.history().get(0).from()).isNull();
        assertThat(found.history().get(0).detail()).isNull();
        assertThat(found.history().get(1).at()).isEqualTo(at.plusMillis(60_123));
        assertThat(found.history().get(2).trigger()).isEqualTo(Trigger.VERIFY);
        assertThat(found.status()).isEqualTo(RefundStatus.FAILED);
        assertThat(found.failureReason()).isEqualTo("PAYEE_NOT_FOUND");
        assertThat(repository.findRefunds(paid.id()).get(0).history())
                .containsExactlyElementsOf(resentThenFailed.history());
    }

    @Test
    void claimHandsOutOnlyStalePendingUnclaimedRefunds() {
        Payment paid = paidPayment();
        Instant t0 = paid.updatedAt();
        RefundWrite stale = reserve(paid, newRefund(paid, "100", t0.plusSeconds(10)).build());
        RefundWrite fresh = reserve(stale.payment(),
                newRefund(paid, "100", t0.plusSeconds(600)).build());
        RefundWrite succeeded = reserve(fresh.payment(),
                newRefund(paid, "100", t0.plusSeconds(20)).build());
        RefundWrite failed = reserve(succeeded.payment(),
                newRefund(paid, "100", t0.plusSeconds(25)).build());
        repository.updateRefund(succeeded.refund().transition(RefundStatus.SUCCEEDED,
                Trigger.RECONCILE, t0.plusSeconds(30), null), null);
        repository.updateRefund(failed.refund().transition(RefundStatus.FAILED,
                Trigger.RECONCILE, t0.plusSeconds(35), "REJECTED"), null);
        Instant staleBefore = t0.plusSeconds(300);
        Instant now = t0.plusSeconds(700);

        List<Refund> claimed = repository.claimStalePendingRefunds(staleBefore, now, LEASE, 10);

        assertThat(claimed).extracting(Refund::id).containsExactly(stale.refund().id());
        assertThat(claimed.get(0)).usingRecursiveComparison().isEqualTo(stale.refund());
        assertThat(repository.claimStalePendingRefunds(staleBefore, now.plusSeconds(30), LEASE, 10))
                .as("claimed again while the lease holds").isEmpty();
        assertThat(repository.claimStalePendingRefunds(staleBefore, now.plus(LEASE), LEASE, 10))
                .as("claimable again once the lease ran out").extracting(Refund::id)
                .containsExactly(stale.refund().id());
        assertThat(repository.claimStalePendingRefunds(t0.plusSeconds(3600),
                now.plus(LEASE.multipliedBy(3)), LEASE, 10))
                .as("final refunds are never handed out, however old").extracting(Refund::id)
                .containsExactly(stale.refund().id(), fresh.refund().id());
        // a claim does not change the version: the claimer can still update
        RefundWrite answered = repository.updateRefund(claimed.get(0).toBuilder()
                .outcomeUnknown(false).updatedAt(now).build(), null);
        assertThat(answered.refund().version()).isEqualTo(1);
    }

    @Test
    void refundClaimRespectsTheLimitAndOldestComeFirst() {
        Payment p = paidPayment();
        Instant t0 = p.updatedAt();
        List<RefundId> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RefundWrite w = reserve(p, newRefund(p, "100", t0.plusSeconds(50 - i * 10L)).build());
            ids.add(0, w.refund().id());
            p = w.payment();
        }
        Instant staleBefore = t0.plusSeconds(100);
        Instant now = t0.plusSeconds(200);

        List<Refund> first = repository.claimStalePendingRefunds(staleBefore, now, LEASE, 3);
        List<Refund> rest = repository.claimStalePendingRefunds(staleBefore, now, LEASE, 3);

        assertThat(first).extracting(Refund::id).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(rest).extracting(Refund::id).containsExactlyElementsOf(ids.subList(3, 5));
        assertThat(repository.claimStalePendingRefunds(staleBefore, now, LEASE, 0)).isEmpty();
    }

    @Test
    void concurrentRefundClaimersNeverReceiveTheSameRefund() throws Exception {
        Payment p = paidPayment();
        Instant t0 = p.updatedAt();
        int count = 60;
        for (int i = 0; i < count; i++) {
            p = reserve(p, newRefund(p, "10", t0.plusMillis(i + 1)).build()).payment();
        }
        PaymentRepository other = sameStoreInstance();
        Set<RefundId> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        runConcurrently(4, i -> () -> {
            PaymentRepository repo = i % 2 == 0 ? repository : other;
            while (true) {
                List<Refund> batch = repo.claimStalePendingRefunds(t0.plusSeconds(1),
                        t0.plusSeconds(10), LEASE, 7);
                if (batch.isEmpty()) {
                    return null;
                }
                for (Refund r : batch) {
                    if (!seen.add(r.id())) {
                        duplicates.incrementAndGet();
                    }
                }
            }
        });

        assertThat(duplicates).hasValue(0);
        assertThat(seen).hasSize(count);
    }

    /**
     * The race refunds exist for: eight refunds of 400 UGX, each alone within the 1,500 UGX paid,
     * are reserved at once; every loser of a version race re-reads the payment and checks what is
     * still refundable, as the refund desk does. Exactly three fit; the payment holds exactly what
     * the stored refunds hold.
     */
    @Test
    void racingRefundsNeverReserveMoreThanWasPaid() throws Exception {
        Payment paid = paidPayment();
        Money wanted = ugx("400");
        int threads = 8;
        PaymentRepository other = sameStoreInstance();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger lostRaces = new AtomicInteger();

        List<Refund> reserved = runConcurrently(threads, i -> () -> {
            PaymentRepository repo = i % 2 == 0 ? repository : other;
            for (int attempt = 0; attempt < 100; attempt++) {
                Payment current = repo.findById(paid.id()).orElseThrow();
                if (!current.refundableAmount().isAtLeast(wanted)) {
                    refused.incrementAndGet();
                    return null;
                }
                Refund refund = newRefund(current, wanted.toPlainString(),
                        current.updatedAt().plusMillis(i + 1)).build();
                try {
                    return repo.insertRefund(refund, reserving(current, refund)).refund();
                } catch (ConcurrentPaymentModificationException e) {
                    lostRaces.incrementAndGet();
                }
            }
            throw new AssertionError("thread " + i + " lost 100 races in a row");
        });

        List<Refund> stored = repository.findRefunds(paid.id());
        Money held = stored.stream().map(Refund::amount).reduce(ugx("0"), Money::plus);
        assertThat(paid.money().isAtLeast(held)).as("%s reserved of %s paid (%s lost races)",
                held, paid.money(), lostRaces).isTrue();
        assertThat(stored).hasSize(3).allSatisfy(r ->
                assertThat(r.status()).isEqualTo(RefundStatus.PENDING));
        assertThat(reserved).extracting(Refund::id)
                .containsExactlyInAnyOrderElementsOf(stored.stream().map(Refund::id).toList());
        assertThat(refused).hasValue(threads - 3);
        Payment found = repository.findById(paid.id()).orElseThrow();
        assertThat(found.refundReservedAmount()).isEqualTo(held);
        assertThat(found.refundableAmount()).isEqualTo(ugx("300"));
        assertThat(found.version()).isEqualTo(paid.version() + 3);
    }

    /**
     * Two reconcilers settle one refund at once with opposite answers, each from the same read:
     * exactly one is stored, and the payment moves exactly once, as that one says.
     */
    @Test
    void concurrentSettlementsOfOneRefundHaveExactlyOneWinner() throws Exception {
        Payment paid = paidPayment();
        Instant at = paid.updatedAt().plusSeconds(10);
        RefundWrite reserved = reserve(paid, newRefund(paid, "500", at).build());
        Refund pending = reserved.refund();
        Payment holding = reserved.payment();
        PaymentRepository other = sameStoreInstance();
        int threads = 6;
        AtomicInteger conflicts = new AtomicInteger();

        List<RefundWrite> winners = runConcurrently(threads, i -> () -> {
            PaymentRepository repo = i % 2 == 0 ? repository : other;
            Instant done = at.plusSeconds(i + 1);
            boolean success = i % 2 == 0;
            Refund settled = pending.transition(success ? RefundStatus.SUCCEEDED
                    : RefundStatus.FAILED, Trigger.RECONCILE, done, success ? null : "REJECTED");
            Payment moved = success
                    ? holding.transition(PaymentStatus.PARTIALLY_REFUNDED, Trigger.REFUND, done,
                            null).toBuilder().refundedAmount(ugx("500"))
                            .refundReservedAmount(ugx("0")).build()
                    : holding.toBuilder().refundReservedAmount(ugx("0")).updatedAt(done).build();
            try {
                return repo.updateRefund(settled, moved);
            } catch (ConcurrentPaymentModificationException e) {
                conflicts.incrementAndGet();
                return null;
            }
        });

        assertThat(winners).hasSize(1);
        assertThat(conflicts).hasValue(threads - 1);
        Refund found = repository.findRefund(pending.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(winners.get(0).refund().status());
        assertThat(found.version()).isEqualTo(1);
        assertThat(found.history()).hasSize(2);
        Payment payment = repository.findById(paid.id()).orElseThrow();
        assertThat(payment.version()).isEqualTo(holding.version() + 1);
        assertThat(payment.refundReservedAmount()).isEqualTo(ugx("0"));
        assertThat(payment.refundedAmount()).isEqualTo(
                found.status() == RefundStatus.SUCCEEDED ? ugx("500") : ugx("0"));
        assertThat(payment.history()).hasSize(
                found.status() == RefundStatus.SUCCEEDED ? 3 : 2);
    }

    @Test
    void paymentUpdatesKeepTheReservedAmountAndStoreAChangedOne() {
        Payment paid = paidPayment();
        RefundWrite reserved = reserve(paid, newRefund(paid, "500",
                paid.updatedAt().plusSeconds(10)).build());

        Payment touched = repository.update(reserved.payment().toBuilder()
                .lastGatewayResponse("{\"verified\":true}").build());

        assertThat(touched.refundReservedAmount()).isEqualTo(ugx("500"));
        assertThat(repository.findById(paid.id()).orElseThrow().refundReservedAmount())
                .isEqualTo(ugx("500"));
        // read through one instance and stored through another, which has not seen it
        Payment seen = repository.findById(paid.id()).orElseThrow();
        sameStoreInstance().update(seen.toBuilder().refundReservedAmount(ugx("200")).build());
        Payment found = repository.findById(paid.id()).orElseThrow();
        assertThat(found.refundReservedAmount()).isEqualTo(ugx("200"));
        assertThat(found.refundableAmount()).isEqualTo(ugx("1300"));
        Payment settled = repository.update(found.transition(PaymentStatus.PARTIALLY_REFUNDED,
                        Trigger.REFUND, found.updatedAt().plusSeconds(1), null).toBuilder()
                .refundedAmount(ugx("200")).build());
        assertThat(settled.refundReservedAmount()).isEqualTo(ugx("200"));
        Payment last = repository.findById(paid.id()).orElseThrow();
        assertThat(last.refundReservedAmount()).isEqualTo(ugx("200"));
        assertThat(last.refundedAmount()).isEqualTo(ugx("200"));
        assertThat(last.refundableAmount()).isEqualTo(ugx("1100"));
    }

    /** A succeeded payment of 1,500 UGX as stored (version 1). */
    private Payment paidPayment() {
        Payment stored = repository.insert(newPayment().build());
        return repository.update(stored.transition(PaymentStatus.SUCCEEDED, Trigger.VERIFY,
                stored.createdAt().plusSeconds(1), null));
    }

    private static Refund.Builder newRefund(Payment payment, String amount, Instant at) {
        return TestPayments.pendingRefund(payment, amount, at);
    }

    /** {@code payment} with {@code refund}'s amount added to what it holds reserved. */
    private static Payment reserving(Payment payment, Refund refund) {
        return payment.toBuilder()
                .refundReservedAmount(payment.refundReservedAmount().plus(refund.amount()))
                .updatedAt(refund.createdAt())
                .build();
    }

    /** Reserves {@code refund} on {@code payment} as read; returns what was stored. */
    private RefundWrite reserve(Payment payment, Refund refund) {
        return repository.insertRefund(refund, reserving(payment, refund));
    }

    private static Money ugx(String amount) {
        return Money.of(amount, "UGX");
    }

    /**
     * Runs {@code threads} tasks that start together and returns their non-null results.
     */
    protected static <T> List<T> runConcurrently(int threads, TaskFactory<T> factory) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<T> task = factory.task(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            Set<Throwable> failures = new HashSet<>();
            for (Future<T> f : futures) {
                try {
                    T r = f.get(60, TimeUnit.SECONDS);
                    if (r != null) {
                        results.add(r);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            assertThat(failures).as("unexpected failures in concurrent tasks").isEmpty();
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Makes the task for thread {@code i}. */
    @FunctionalInterface
    protected interface TaskFactory<T> {
        Callable<T> task(int i);
    }
}
