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
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PaymentRepository} adapter must show. Extend it and implement
 * {@link #createRepository()}; the same tests then run against your store. They check what money
 * safety rests on: unique idempotency keys and inbox keys, version-guarded updates, claims that
 * never hand one payment to two reconcilers, and all of it under many threads at once.
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
