package org.dusangire.payment.reliability;

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
import java.util.concurrent.atomic.AtomicInteger;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.service.CheckoutRequest;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.testkit.MutableClock;
import org.dusangire.payment.testkit.RecordingListener;
import org.dusangire.payment.testkit.TestPayments;

/**
 * The chaos run: checkouts spread over the providers while about one provider call in five fails
 * (latency past the timeout, 500, 503, 429, dropped connections before and after processing,
 * malformed bodies) and as many callbacks are lost, with reconciliation running alongside. Then
 * the faults stop and reconciliation runs, on an injected clock, until a pass finds nothing left;
 * the time to live passes on that clock too, so nothing may remain PENDING.
 */
final class ChaosRun {
    static final double FAULT_RATE = 0.2;
    private static final int CHECKOUT_THREADS = 8;
    private static final int HOST_ATTEMPTS = 3;
    private static final int MAX_ROUNDS = 60;

    private final List<ProviderRig> rigs;
    private final PaymentRepository store;
    private final MutableClock clock = new MutableClock(TestPayments.T0);
    private final RecordingListener listener = new RecordingListener();
    final AtomicInteger hostErrors = new AtomicInteger();
    int rounds;
    long faults;
    long calls;
    long checkoutMillis;
    long reconcileMillis;

    ChaosRun(List<ProviderRig> rigs, PaymentRepository store) {
        this.rigs = rigs;
        this.store = store;
    }

    Verdict run(String tag, int payments, long seed) throws Exception {
        int port = WebhookHost.freePort();
        String site = "http://127.0.0.1:" + port;
        // the clock jumps 20 s every few real milliseconds, then 5 minutes a round
        PaymentService service = Services.service(
                Services.configBuilder(site).eventLease(Services.EVENT_LEASE).build(), store,
                clock, rigs, listener);
        try (WebhookHost host = WebhookHost.start(service, port)) {
            for (int i = 0; i < rigs.size(); i++) {
                rigs.get(i).callbacksTo(host.baseUri());
                rigs.get(i).faults(FAULT_RATE, seed + i);
            }
            long t0 = System.nanoTime();
            checkoutsUnderChaos(service, tag, payments);
            rigs.forEach(ProviderRig::calm);
            faults = rigs.stream().mapToLong(ProviderRig::faultsInjected).sum();
            calls = rigs.stream().mapToLong(ProviderRig::providerCalls).sum();
            long t1 = System.nanoTime();
            reconcileUntilQuiet(service);
            checkoutMillis = (t1 - t0) / 1_000_000;
            reconcileMillis = (System.nanoTime() - t1) / 1_000_000;
            Verdict verdict = new Verdict();
            List<Map<String, Set<String>>> refs = rigs.stream().map(ProviderRig::referencesByOrder).toList();
            var events = listener.events();
            for (int i = 0; i < payments; i++) {
                int r = i % rigs.size();
                String order = order(tag, i);
                verdict.judge(order, "key-" + order, rigs.get(r), store, refs.get(r), events,
                        clock.instant());
            }
            return verdict;
        }
    }

    static String order(String tag, int i) {
        return "ORD" + tag + String.format("%06d", i);
    }

    private void checkoutsUnderChaos(PaymentService service, String tag, int payments)
            throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(CHECKOUT_THREADS + 1);
        try {
            Future<?> reconciler = pool.submit(() -> {
                while (!done.get()) {
                    clock.advance(Duration.ofSeconds(20));
                    Services.drain(service);
                    sleep(50);
                }
                return null;
            });
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < CHECKOUT_THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < payments; i = next.getAndIncrement()) {
                        ProviderRig rig = rigs.get(i % rigs.size());
                        checkout(service, rig.checkout(order(tag, i), Fate.forIndex(i)));
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(5, TimeUnit.MINUTES);
            }
            done.set(true);
            reconciler.get(1, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
    }

    /** As a host would: an error is shown, and the cashier presses "pay" again with the same key. */
    private void checkout(PaymentService service, CheckoutRequest request) {
        for (int attempt = 1; attempt <= HOST_ATTEMPTS; attempt++) {
            try {
                service.initiate(request);
                return;
            } catch (PaymentException e) {
                hostErrors.incrementAndGet();
            }
        }
    }

    private void reconcileUntilQuiet(PaymentService service) {
        sleep(300); // let callbacks already on the wire arrive
        for (rounds = 1; rounds <= MAX_ROUNDS; rounds++) {
            // each step outlasts the lease and the reconcile delay, so every pending payment
            // is asked again; seven steps pass the 30-minute time to live
            clock.advance(Duration.ofMinutes(5));
            int[] r = Services.drain(service);
            if (r[0] == 0 && r[1] == 0) {
                return;
            }
        }
    }

    RecordingListener listener() {
        return listener;
    }

    MutableClock clock() {
        return clock;
    }

    static Figures figures(String part, Verdict v, ChaosRun run, List<ProviderRig> rigs, long millis) {
        StringBuilder providers = new StringBuilder();
        for (ProviderRig r : rigs) {
            providers.append(providers.length() == 0 ? "" : ",").append(r.name());
        }
        return Figures.of(part).put("payments", v.payments).put("calls", run.calls).put("faults", run.faults)
                .put("lost", v.lost).put("wrongFailed", v.wrongFailed).put("wrongPaid", v.wrongPaid)
                .put("double", v.doubled).put("stuck", v.stuck).put("doubleEvents", v.doubleEvents)
                .put("unverified", v.unverified).put("unverifiedPaid", v.unverifiedPaid)
                .put("succeeded", v.outcome(PaymentStatus.SUCCEEDED))
                .put("failed", v.outcome(PaymentStatus.FAILED))
                .put("expired", v.outcome(PaymentStatus.EXPIRED))
                .put("hostRetries", run.hostErrors.get()).put("reconcileRounds", run.rounds)
                .put("providers", providers)
                .put("chaosSeconds", String.format("%.1f", run.checkoutMillis / 1000.0))
                .put("reconcileSeconds", String.format("%.1f", run.reconcileMillis / 1000.0)).put("seconds", String.format("%.1f", millis / 1000.0));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
