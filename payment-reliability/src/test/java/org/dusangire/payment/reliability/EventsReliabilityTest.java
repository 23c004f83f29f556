package org.dusangire.payment.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentEvent;
import org.dusangire.payment.core.port.PaymentEventListener;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.port.PaymentStatusChanged;
import org.dusangire.payment.core.port.RefundChanged;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.persistence.jdbi.JdbiPaymentRepository;
import org.dusangire.payment.testkit.MutableClock;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every stored change reaches the host although the process dies between the commit and the
 * listener, and the host's own database is down for its first deliveries. The first instance
 * stores payments, their settlement and refunds, and dies: most changes before any listener ran
 * (its listener was never called), some in the middle of a delivery (the event stays claimed).
 * A new instance (two on one PostgreSQL in the two-instance run) then delivers to a host that
 * fails its first calls and keeps the event ids it has applied. Prints
 * {@code events[h2|postgresql|twoInstances]: changes=N delivered=N lost=0 duplicatesAfterDedupe=0
 * parked=0 ...}, counted by comparing the stored events with what the host recorded.
 */
class EventsReliabilityTest {
    private static final int PAYMENTS = 60;
    private static final int HOST_FAILURES = 25;
    private String schema;

    @AfterEach
    void dropSchema() {
        Databases.dropPostgresSchema(schema);
    }

    @Test
    void everyChangeReachesTheHostAfterACrashOnH2() throws Exception {
        DataSource ds = Databases.freshH2();
        run("h2", JdbiPaymentRepository.create(ds), JdbiPaymentRepository.create(ds), false);
    }

    @Test
    void everyChangeReachesTheHostAfterACrashOnPostgres() throws Exception {
        schema = Databases.createPostgresSchema("events");
        try (HikariDataSource pool = SimplePool.of(Databases.postgres(schema), 8)) {
            run("postgresql", JdbiPaymentRepository.create(pool), JdbiPaymentRepository.create(pool),
                    false);
        }
    }

    @Test
    void twoInstancesOnOnePostgresDeliverEveryChange() throws Exception {
        schema = Databases.createPostgresSchema("events_two");
        try (HikariDataSource poolA = SimplePool.of(Databases.postgres(schema), 8);
                HikariDataSource poolB = SimplePool.of(Databases.postgres(schema), 8)) {
            run("twoInstances", JdbiPaymentRepository.create(poolA),
                    JdbiPaymentRepository.create(poolB), true);
        }
    }

    /** Thrown where the process dies: an Error, so nothing in the library catches it. */
    private static final class ProcessKilled extends Error {
        private static final long serialVersionUID = 1L;

        ProcessKilled() {
            super("the process died between the commit and the listener");
        }
    }

    /** A listener whose process dies whenever it is called. */
    private static final class Killer implements PaymentEventListener {
        final AtomicInteger kills = new AtomicInteger();

        @Override
        public void onStatusChanged(PaymentStatusChanged event) {
            kills.incrementAndGet();
            throw new ProcessKilled();
        }

        @Override
        public void onRefundChanged(RefundChanged event) {
            kills.incrementAndGet();
            throw new ProcessKilled();
        }

        @Override
        public void onAnomaly(PaymentAnomaly anomaly) {
            kills.incrementAndGet();
            throw new ProcessKilled();
        }
    }

    /**
     * The host: its order database is down for the first calls; it keeps the ids of the events it
     * applied and applies an event id once.
     */
    private static final class Host implements PaymentEventListener {
        final AtomicInteger failuresLeft = new AtomicInteger(HOST_FAILURES);
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger deliveries = new AtomicInteger();
        final Map<UUID, Integer> applied = new ConcurrentHashMap<>();
        final Map<String, Set<UUID>> changes = new ConcurrentHashMap<>();

        private void take(UUID id, String change) {
            deliveries.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                failures.incrementAndGet();
                throw new IllegalStateException("the host's order database is down");
            }
            if (applied.merge(id, 1, Integer::sum) == 1) {
                changes.computeIfAbsent(change, k -> ConcurrentHashMap.newKeySet()).add(id);
            }
        }

        @Override
        public void onStatusChanged(PaymentStatusChanged e) {
            take(e.eventId(), e.payment().id() + ":" + e.from() + ">" + e.to() + "@" + e.at());
        }

        @Override
        public void onRefundChanged(RefundChanged e) {
            take(e.eventId(), e.refund().id() + ":" + e.from() + ">" + e.to() + "@" + e.at());
        }

        @Override
        public void onAnomaly(PaymentAnomaly a) {
            take(a.id(), "anomaly:" + a.id());
        }
    }

    private void run(String part, PaymentRepository storeA, PaymentRepository storeB,
            boolean twoInstances) throws Exception {
        List<ProviderRig> rigs = Rigs.all();
        MutableClock clock = new MutableClock(TestPayments.T0);
        String site = "http://127.0.0.1:" + WebhookHost.freePort();
        try {
            // the first instance: its listener never runs (the process is discarded after each
            // commit), so the payments and their refunds are stored and nobody hears of them
            Killer killer = new Killer();
            PaymentService first = Services.service(site, storeA, clock, rigs, killer);
            List<Payment> payments = new ArrayList<>();
            int killed = 0;
            for (int i = 0; i < PAYMENTS; i++) {
                ProviderRig rig = rigs.get(i % rigs.size());
                try {
                    payments.add(first.initiate(rig.checkout(ChaosRun.order("E" + part.charAt(0), i),
                            Fate.forIndex(i))).payment());
                } catch (ProcessKilled e) {
                    killed++;
                }
            }
            // every later pass of the dying instance dies at its first delivery: the changes are
            // committed, the event it had claimed stays claimed until its lease runs out
            for (int round = 0; round < 12; round++) {
                clock.advance(Duration.ofMinutes(5));
                try {
                    Services.drain(first);
                } catch (ProcessKilled e) {
                    killed++;
                }
            }
            for (Payment p : storeA.findRecent(PAYMENTS * 2)) {
                if (p.status() == PaymentStatus.SUCCEEDED) {
                    try {
                        first.refund(p.id(), null, "cancelled order");
                    } catch (ProcessKilled e) {
                        killed++;
                    } catch (PaymentException e) {
                        // a gateway may refuse; its refund is still a stored change
                    }
                }
            }
            long pendingBefore = storeA.findRecent(PAYMENTS * 2).stream()
                    .filter(p -> p.status() == PaymentStatus.PENDING).count();

            // the restart: one instance, or two on one database, deliver to the host
            Host host = new Host();
            List<PaymentService> restarted = new ArrayList<>();
            restarted.add(Services.service(site, storeA, clock, rigs, host));
            if (twoInstances) {
                restarted.add(Services.service(site, storeB, clock, rigs, host));
            }
            int rounds = deliverUntilQuiet(restarted, clock);

            // the verdict: the stored events (the changes feed holds every one) against the host
            PaymentService reader = restarted.get(0);
            List<PaymentEvent> stored = new ArrayList<>();
            for (List<PaymentEvent> page = reader.events(0, 500); !page.isEmpty();
                    page = reader.events(page.get(page.size() - 1).position(), 500)) {
                stored.addAll(page);
            }
            long lost = stored.stream().filter(e -> !host.applied.containsKey(e.id())).count();
            long delivered = stored.stream().filter(e -> host.applied.containsKey(e.id())).count();
            long duplicates = host.changes.values().stream().filter(ids -> ids.size() > 1).count();
            long redelivered = host.deliveries.get() - host.failures.get() - host.applied.size();
            long parked = reader.parkedEvents();
            String line = Figures.of("events[" + part + "]").put("changes", stored.size())
                    .put("delivered", delivered).put("lost", lost)
                    .put("duplicatesAfterDedupe", duplicates).put("parked", parked)
                    .put("payments", PAYMENTS).put("killed", killer.kills.get())
                    .put("hostFailures", host.failures.get()).put("redelivered", redelivered)
                    .put("instances", restarted.size()).put("rounds", rounds)
                    .put("pendingAtCrash", pendingBefore).print();
            // a pass's parallel threads may each die before the pass gives up, so the caller sees
            // fewer deaths than the listener caused: both must have happened
            assertThat(killed).as(line).isPositive();
            assertThat(killer.kills.get()).as(line).isGreaterThanOrEqualTo(killed);
            assertThat(stored).as(line).isNotEmpty();
            assertThat(lost).as(line).isZero();
            assertThat(duplicates).as(line).isZero();
            assertThat(parked).as(line).isZero();
            assertThat(host.applied.keySet()).as(line)
                    .containsExactlyInAnyOrderElementsOf(stored.stream().map(PaymentEvent::id).toList());
            assertThat(host.failures.get()).as(line).isEqualTo(HOST_FAILURES);
        } finally {
            rigs.forEach(ProviderRig::close);
        }
    }

    /** Every instance runs reconcile passes at once, the clock past leases and backoffs, until quiet. */
    private static int deliverUntilQuiet(List<PaymentService> instances, MutableClock clock)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        try {
            for (int round = 1; round <= 60; round++) {
                clock.advance(Duration.ofMinutes(2));
                List<Future<Integer>> passes = new ArrayList<>();
                for (PaymentService s : instances) {
                    passes.add(pool.submit(() -> {
                        var r = s.reconcile();
                        return r.events().delivered() + r.events().failed();
                    }));
                }
                int work = 0;
                for (Future<Integer> f : passes) {
                    work += f.get(2, TimeUnit.MINUTES);
                }
                if (work == 0 && round > 1) {
                    return round;
                }
            }
            return 60;
        } finally {
            pool.shutdownNow();
        }
    }
}
