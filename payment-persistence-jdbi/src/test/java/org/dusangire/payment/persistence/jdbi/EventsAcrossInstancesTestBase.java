package org.dusangire.payment.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dusangire.payment.testkit.TestPayments.T0;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.PaymentEvent;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.Test;

/**
 * The outbox across two repository instances, each with its own connection pool, on one
 * database: claims never hand one event to both and never a payment's later event before its
 * earlier one is delivered; concurrent sequencers, while writers commit, give every event one
 * position, without gaps, and a reader following the feed with a cursor misses none; positions
 * go on after a purge and are never given to an uncommitted event.
 */
abstract class EventsAcrossInstancesTestBase {
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final Instant NOW = T0.plus(Duration.ofDays(1));

    /** The first instance, on an empty store. */
    abstract JdbiPaymentRepository first();

    /** A second instance, with a pool of its own, on the store of {@link #first()}. */
    abstract JdbiPaymentRepository second();

    /** Plain connections to that store, for writes behind the repositories' backs. */
    abstract DataSource store();

    private static Payment paidThenRefunded(JdbiPaymentRepository repo, int i) {
        Payment p = repo.insert(TestPayments.pending("mtn-momo", T0.plusMillis(i)).build());
        Payment paid = repo.update(p.transition(PaymentStatus.SUCCEEDED, Trigger.WEBHOOK,
                T0.plusSeconds(1), null));
        return repo.update(paid.transition(PaymentStatus.REFUNDED, Trigger.REFUND,
                T0.plusSeconds(2), null).toBuilder().refundedAmount(paid.money()).build());
    }

    @Test
    void claimersOnTwoInstancesNeverShareAnEventAndDeliverEachPaymentInOrder() throws Exception {
        JdbiPaymentRepository a = first();
        JdbiPaymentRepository b = second();
        int payments = 150;
        Map<UUID, Payment> byEvent = new HashMap<>();
        for (int i = 0; i < payments; i++) {
            Payment p = paidThenRefunded(i % 2 == 0 ? a : b, i);
            byEvent.put(PaymentEvent.ofPaymentChange(p, 1).id(), p);
            byEvent.put(PaymentEvent.ofPaymentChange(p, 2).id(), p);
        }
        int total = 2 * payments;
        AtomicLong clock = new AtomicLong();
        Map<UUID, Long> claimedAt = new ConcurrentHashMap<>();
        Map<UUID, Long> deliveredAt = new ConcurrentHashMap<>();
        List<UUID> twice = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger delivered = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> claimers = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int t = 0; t < 4; t++) {
            JdbiPaymentRepository repo = t % 2 == 0 ? a : b;
            claimers.add(pool.submit(() -> {
                start.await();
                while (delivered.get() < total && System.nanoTime() < deadline) {
                    List<PaymentEvent> batch = repo.claimEvents(NOW, LEASE, 7, null);
                    for (PaymentEvent e : batch) {
                        if (claimedAt.putIfAbsent(e.id(), clock.incrementAndGet()) != null) {
                            twice.add(e.id());
                        }
                    }
                    for (PaymentEvent e : batch) {
                        // ticked before the mark: a later event claimed after the mark commits
                        // is ticked after this, whichever thread claims it
                        deliveredAt.put(e.id(), clock.incrementAndGet());
                        repo.markEventDelivered(e.id(), NOW);
                        delivered.incrementAndGet();
                    }
                    if (batch.isEmpty()) {
                        Thread.sleep(2);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> claimer : claimers) {
            claimer.get(90, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(twice).as("events claimed twice").isEmpty();
        assertThat(claimedAt.keySet()).as("every event claimed").isEqualTo(byEvent.keySet());
        for (Payment p : new HashSet<>(byEvent.values())) {
            UUID earlier = PaymentEvent.ofPaymentChange(p, 1).id();
            UUID later = PaymentEvent.ofPaymentChange(p, 2).id();
            assertThat(deliveredAt.get(earlier)).as("payment %s: its first event delivered before"
                    + " its second was claimed", p.id()).isLessThan(claimedAt.get(later));
        }
        assertThat(a.claimEvents(NOW.plus(LEASE), LEASE, 100, null)).isEmpty();
    }

    @Test
    void sequencersOnTwoInstancesWhileWritersCommitGiveGapFreePositionsAndTheFeedMissesNone()
            throws Exception {
        JdbiPaymentRepository a = first();
        JdbiPaymentRepository b = second();
        int writes = 120;
        AtomicBoolean writing = new AtomicBoolean(true);
        Set<UUID> read = ConcurrentHashMap.newKeySet();
        List<String> misordered = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            JdbiPaymentRepository repo = t == 0 ? a : b;
            int offset = t;
            writers.add(pool.submit(() -> {
                start.await();
                for (int i = offset; i < writes; i += 2) {
                    paidThenRefunded(repo, i);
                }
                return null;
            }));
        }
        List<Future<?>> sequencers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            JdbiPaymentRepository repo = t % 2 == 0 ? a : b;
            sequencers.add(pool.submit(() -> {
                start.await();
                while (writing.get()) {
                    repo.sequenceEvents(7);
                }
                return null;
            }));
        }
        // a host following the feed: its cursor only moves forward, so an event that got a
        // position at or below the cursor after the cursor passed it would be missed for good
        Future<?> reader = pool.submit(() -> {
            start.await();
            long cursor = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((writing.get() || read.size() < 2 * writes) && System.nanoTime() < deadline) {
                List<PaymentEvent> page = b.findEvents(cursor, 25);
                for (PaymentEvent e : page) {
                    if (e.position() <= cursor) {
                        misordered.add(e.id() + " at " + e.position() + " after " + cursor);
                    }
                    cursor = e.position();
                    read.add(e.id());
                }
                if (page.isEmpty() && !writing.get()) {
                    a.sequenceEvents(100);
                }
            }
            return null;
        });
        start.countDown();
        for (Future<?> writer : writers) {
            writer.get(90, TimeUnit.SECONDS);
        }
        writing.set(false);
        for (Future<?> sequencer : sequencers) {
            sequencer.get(90, TimeUnit.SECONDS);
        }
        reader.get(90, TimeUnit.SECONDS);
        pool.shutdown();

        List<PaymentEvent> feed = a.findEvents(0, 10 * writes);
        assertThat(feed).hasSize(2 * writes);
        assertThat(misordered).as("positions read out of order").isEmpty();
        assertThat(read).as("events the feed reader saw").hasSize(2 * writes);
        long first = feed.get(0).position();
        for (int i = 0; i < feed.size(); i++) {
            assertThat(feed.get(i).position()).as("position %d of the feed", i).isEqualTo(first + i);
        }
        assertThat(a.sequenceEvents(100)).isZero();
    }

    @Test
    void positionsGoOnAfterEveryPositionedEventWasPurged() {
        JdbiPaymentRepository a = first();
        paidThenRefunded(a, 0);
        assertThat(a.sequenceEvents(10)).isEqualTo(2);
        long highest = a.findEvents(0, 10).get(1).position();
        List<PaymentEvent> claimed;
        while (!(claimed = a.claimEvents(NOW, LEASE, 10, null)).isEmpty()) {
            claimed.forEach(e -> a.markEventDelivered(e.id(), NOW));
        }
        assertThat(a.purgeDeliveredEvents(NOW.plusSeconds(1), 10)).isEqualTo(2);
        assertThat(a.findEvents(0, 10)).isEmpty();

        Payment later = paidThenRefunded(second(), 1);

        assertThat(second().sequenceEvents(10)).isEqualTo(2);
        assertThat(a.findEvents(0, 10)).extracting(PaymentEvent::position)
                .containsExactly(highest + 1, highest + 2);
        assertThat(a.findEvents(highest, 10)).extracting(PaymentEvent::paymentId)
                .containsOnly(later.id());
    }

    @Test
    void anEventNotYetCommittedGetsNoPositionUntilItIs() throws SQLException {
        JdbiPaymentRepository a = first();
        paidThenRefunded(a, 0);
        UUID pending = UUID.randomUUID();
        try (Connection writer = store().getConnection()) {
            writer.setAutoCommit(false);
            try (PreparedStatement ps = writer.prepareStatement("INSERT INTO pay_events (id, type,"
                    + " to_status, occurred_at) VALUES (?, 'ANOMALY', 'UNKNOWN_REFERENCE', ?)")) {
                ps.setObject(1, pending);
                ps.setObject(2, java.time.OffsetDateTime.parse("2026-03-01T08:00:00Z"));
                ps.executeUpdate();
            }
            // the open transaction wrote first (its seq is lower) but has not committed
            paidThenRefunded(a, 1);

            assertThat(second().sequenceEvents(100)).isEqualTo(4);
            assertThat(a.findEvents(0, 100)).extracting(PaymentEvent::id).doesNotContain(pending);

            writer.commit();
        }
        long highest = a.findEvents(0, 100).get(3).position();
        assertThat(a.sequenceEvents(100)).isEqualTo(1);
        assertThat(a.findEvents(highest, 100)).extracting(PaymentEvent::id)
                .containsExactly(pending);
    }
}
