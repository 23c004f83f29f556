package org.dusangire.payment.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dusangire.payment.core.error.PaymentStoreUnavailableException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.ClaimedUpdate;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.service.ReconcileReport;
import org.junit.jupiter.api.Test;

/**
 * With several checks at once, a reconciliation pass claims its batch in chunks and checks the
 * first chunk while it claims the next: the pass's threads are not idle while a claim runs.
 */
class ReconcileClaimChunksTest {
    private static final int BATCH = 40;
    private static final int CHUNK = BATCH / 4;

    /** Counts claims, can fail one, and tells when a checker wrote a settled payment. */
    private static final class WatchedStore extends ForwardingPaymentRepository {
        final AtomicInteger claims = new AtomicInteger();
        final CountDownLatch firstWrite = new CountDownLatch(1);
        volatile boolean wroteBeforeSecondClaimEnded;
        volatile int failClaim = -1;

        WatchedStore() {
            super(new InMemoryPaymentRepository());
        }

        @Override
        public List<Payment> claimStalePending(Instant staleBefore, Instant now, Duration lease,
                int limit) {
            int n = claims.incrementAndGet();
            if (n == failClaim) {
                throw new PaymentStoreUnavailableException("claim " + n + " refused (scripted)",
                        null);
            }
            List<Payment> claimed = super.claimStalePending(staleBefore, now, lease, limit);
            if (n == 2) {
                try {
                    // the first chunk's checks run while this claim is still under way
                    wroteBeforeSecondClaimEnded = firstWrite.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return claimed;
        }

        @Override
        public ClaimedUpdate updateAndClaim(Payment payment, InboxKey processedEvent,
                PaymentAnomaly anomaly, List<UUID> eventIds, Instant now, Duration lease) {
            ClaimedUpdate written = super.updateAndClaim(payment, processedEvent, anomaly, eventIds,
                    now, lease);
            firstWrite.countDown();
            return written;
        }
    }

    private static List<Payment> approvedAndStale(ServiceFixture f, int count) {
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Payment p = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
            f.mtn.approve(p);
            payments.add(p);
        }
        f.clock.advance(Duration.ofMinutes(3));
        return payments;
    }

    private static long succeeded(ServiceFixture f, WatchedStore store, List<Payment> payments) {
        return payments.stream().filter(p -> store.findById(p.id()).orElseThrow().status()
                == PaymentStatus.SUCCEEDED).count();
    }

    @Test
    void aFullBatchIsClaimedInChunksWhileTheFirstIsChecked() {
        WatchedStore store = new WatchedStore();
        ServiceFixture f = new ServiceFixture(store,
                c -> c.reconcileParallelism(4).reconcileBatchSize(BATCH));
        List<Payment> payments = approvedAndStale(f, BATCH + 5);

        ReconcileReport report = f.service.reconcile();

        assertThat(store.claims.get()).as("a batch claimed in four chunks").isEqualTo(4);
        assertThat(store.wroteBeforeSecondClaimEnded)
                .as("a payment of the first chunk was settled while the second was claimed")
                .isTrue();
        assertThat(report.checked()).isEqualTo(BATCH);
        assertThat(report.succeeded()).isEqualTo(BATCH);
        assertThat(succeeded(f, store, payments)).isEqualTo(BATCH);
        assertThat(f.service.reconcile().succeeded()).as("the rest, next pass").isEqualTo(5);
        for (Payment p : payments) {
            assertThat(f.listener.count(p.id(), PaymentStatus.SUCCEEDED)).as("heard once")
                    .isEqualTo(1);
        }
    }

    @Test
    void aClaimThatFailsMidBatchStillChecksWhatWasClaimedThenFailsThePass() {
        WatchedStore store = new WatchedStore();
        store.failClaim = 3;
        ServiceFixture f = new ServiceFixture(store,
                c -> c.reconcileParallelism(4).reconcileBatchSize(BATCH));
        List<Payment> payments = approvedAndStale(f, BATCH);

        assertThatThrownBy(f.service::reconcile)
                .isInstanceOf(PaymentStoreUnavailableException.class)
                .hasMessageContaining("claim 3 refused");

        assertThat(succeeded(f, store, payments)).as("the two chunks claimed were settled")
                .isEqualTo(2 * CHUNK);
        f.clock.advance(Duration.ofSeconds(10));
        assertThat(f.service.reconcile().succeeded()).as("the others, next pass")
                .isEqualTo(BATCH - 2 * CHUNK);
    }

    @Test
    void oneAtATimeClaimsTheBatchInOneGo() {
        WatchedStore store = new WatchedStore();
        ServiceFixture f = new ServiceFixture(store,
                c -> c.reconcileParallelism(1).reconcileBatchSize(BATCH));
        approvedAndStale(f, BATCH);

        assertThat(f.service.reconcile().succeeded()).isEqualTo(BATCH);
        assertThat(store.claims.get()).isEqualTo(1);
    }
}
