package org.dusangire.payment.reliability;

import com.zaxxer.hikari.HikariDataSource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.PaymentStatusChanged;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.persistence.jdbi.JdbiPaymentRepository;
import org.dusangire.payment.testkit.MutableClock;
import org.dusangire.payment.testkit.RecordingListener;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two service instances, each with its own connection pool and webhook servlet, on one PostgreSQL
 * schema. Every provider callback is delivered to both at once while both reconcile in a loop,
 * under the chaos faults: each payment gets exactly one final transition in its history and
 * exactly one listener event across the two instances, and agrees with the provider.
 */
class TwoInstancesTest {
    private static final int PAYMENTS = 600;
    private String schema;

    @AfterEach
    void dropSchema() {
        Databases.dropPostgresSchema(schema);
    }

    @Test
    void twoInstancesOnOnePostgresApplyEachPaymentOnce() throws Exception {
        schema = Databases.createPostgresSchema("two");
        List<ProviderRig> rigs = Rigs.all();
        MutableClock clock = new MutableClock(TestPayments.T0);
        RecordingListener heardByA = new RecordingListener();
        RecordingListener heardByB = new RecordingListener();
        int site = WebhookHost.freePort();
        String siteUrl = "http://127.0.0.1:" + site;
        try (HikariDataSource poolA = SimplePool.of(Databases.postgres(schema), 10);
                HikariDataSource poolB = SimplePool.of(Databases.postgres(schema), 10)) {
            JdbiPaymentRepository storeA = JdbiPaymentRepository.create(poolA);
            // the shared clock runs minutes ahead per millisecond here, so a reconcile lease runs
            // out while a listener call is under way; the event lease is what a host sets above
            // its slowest listener, and with it each event is heard exactly once
            PaymentConfig config = Services.configBuilder(siteUrl)
                    .eventLease(Services.EVENT_LEASE).build();
            PaymentService a = Services.service(config, storeA, clock, rigs, heardByA);
            PaymentService b = Services.service(config, JdbiPaymentRepository.create(poolB), clock,
                    rigs, heardByB);
            try (WebhookHost hostA = WebhookHost.start(a, 0); WebhookHost hostB = WebhookHost.start(b, 0);
                    FanOut front = new FanOut(site, List.of(hostA.baseUri(), hostB.baseUri()))) {
                long start = System.nanoTime();
                for (int i = 0; i < rigs.size(); i++) {
                    rigs.get(i).callbacksTo(java.net.URI.create(siteUrl));
                    rigs.get(i).faults(ChaosRun.FAULT_RATE, 77 + i);
                }
                AtomicBoolean done = new AtomicBoolean();
                ExecutorService pool = Executors.newFixedThreadPool(6);
                List<Future<?>> reconcilers = new ArrayList<>();
                for (PaymentService s : List.of(a, b)) {
                    reconcilers.add(pool.submit(() -> {
                        while (!done.get()) {
                            clock.advance(Duration.ofSeconds(10));
                            Services.drain(s);
                        }
                        return null;
                    }));
                }
                List<Future<?>> checkouts = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int worker = t;
                    checkouts.add(pool.submit(() -> {
                        for (int i = worker; i < PAYMENTS; i += 4) {
                            PaymentService s = i % 2 == 0 ? a : b;
                            ProviderRig rig = rigs.get(i % rigs.size());
                            try {
                                s.initiate(rig.checkout(ChaosRun.order("T", i), Fate.forIndex(i)));
                            } catch (PaymentException e) {
                                // the host would retry; reconciliation settles it either way
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : checkouts) {
                    f.get(3, TimeUnit.MINUTES);
                }
                rigs.forEach(ProviderRig::calm);
                long faults = rigs.stream().mapToLong(ProviderRig::faultsInjected).sum();
                long calls = rigs.stream().mapToLong(ProviderRig::providerCalls).sum();
                Thread.sleep(300);
                // both still reconcile at the same time until nothing is pending
                for (int round = 0; round < 40 && pending(storeA, rigs) > 0; round++) {
                    clock.advance(Duration.ofMinutes(5));
                    Thread.sleep(20);
                }
                done.set(true);
                for (Future<?> f : reconcilers) {
                    f.get(1, TimeUnit.MINUTES);
                }
                pool.shutdownNow();

                List<PaymentStatusChanged> events = new ArrayList<>(heardByA.events());
                events.addAll(heardByB.events());
                Verdict v = new Verdict();
                int wrongHistory = 0;
                List<Map<String, Set<String>>> refs = rigs.stream().map(ProviderRig::referencesByOrder).toList();
                for (int i = 0; i < PAYMENTS; i++) {
                    String order = ChaosRun.order("T", i);
                    ProviderRig rig = rigs.get(i % rigs.size());
                    v.judge(order, "key-" + order, rig, storeA, refs.get(i % rigs.size()), events,
                            clock.instant());
                    Payment p = storeA.findByIdempotencyKey("key-" + order).orElseThrow();
                    long transitions = p.history().stream().filter(c -> c.from() != null).count();
                    if (p.status().isFinal() && transitions != 1) {
                        wrongHistory++;
                    }
                }
                String line = Figures.of("twoInstances[postgresql]").put("payments", PAYMENTS)
                        .put("calls", calls).put("faults", faults).put("callbacksDelivered", front.deliveries.get())
                        .put("lost", v.lost).put("wrong", v.wrongFailed + v.wrongPaid)
                        .put("double", v.doubled).put("stuck", v.stuck)
                        .put("doubleTransitions", wrongHistory).put("doubleEvents", v.doubleEvents)
                        .put("eventsA", heardByA.events().size()).put("eventsB", heardByB.events().size())
                        .put("seconds", String.format("%.1f", (System.nanoTime() - start) / 1e9))
                        .print();
                assertThat(v.problems).as(line).isEmpty();
                assertThat(wrongHistory).as(line).isZero();
                assertThat(heardByA.events().size() + heardByB.events().size()).as(line)
                        .isEqualTo(PAYMENTS);
            }
        } finally {
            rigs.forEach(ProviderRig::close);
        }
    }

    private static long pending(JdbiPaymentRepository store, List<ProviderRig> rigs) {
        long n = 0;
        for (int i = 0; i < PAYMENTS; i++) {
            n += store.findByIdempotencyKey("key-" + ChaosRun.order("T", i))
                    .filter(p -> p.status() == PaymentStatus.PENDING).isPresent() ? 1 : 0;
        }
        return n;
    }
}
