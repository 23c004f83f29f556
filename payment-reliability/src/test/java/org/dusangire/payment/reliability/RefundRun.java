package org.dusangire.payment.reliability;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.core.service.ReconcileReport;
import org.dusangire.payment.core.service.RefundCommand;
import org.dusangire.payment.testkit.MutableClock;

/**
 * Refunds under chaos: paid payments on every provider, then refunds sent while about one
 * provider call in five fails (answers lost after the provider acted among them), racing
 * refunds for the same money, a cashier repeating a refund with its key, and, where a crashing
 * store is given, the process dying between the provider's answer and our commit. Then the faults
 * stop and reconciliation runs until no refund is pending. The verdict compares each provider's
 * own ledger of money paid back with the store.
 */
final class RefundRun {
    private static final int WORKERS = 8;
    private static final int MAX_ROUNDS = 40;

    private final List<ProviderRig> rigs;
    private final MutableClock clock;
    final AtomicInteger callerErrors = new AtomicInteger();
    final AtomicInteger crashes = new AtomicInteger();
    int rounds;

    RefundRun(List<ProviderRig> rigs, MutableClock clock) {
        this.rigs = rigs;
        this.clock = clock;
    }

    /** Takes {@code payments} payments to SUCCEEDED through {@code service}, no faults. */
    List<Payment> paid(PaymentService service, String tag, int payments) {
        List<Payment> created = new ArrayList<>();
        for (int i = 0; i < payments; i++) {
            ProviderRig rig = rigs.get(i % rigs.size());
            created.add(service.initiate(rig.checkout(ChaosRun.order(tag, i), Fate.PAY)).payment());
        }
        List<Payment> paid = new ArrayList<>();
        for (int round = 0; round < 20 && paid.size() < created.size(); round++) {
            clock.advance(Duration.ofMinutes(2));
            Services.drain(service);
            paid.clear();
            for (Payment p : created) {
                service.find(p.id()).filter(s -> s.status() == PaymentStatus.SUCCEEDED)
                        .ifPresent(paid::add);
            }
        }
        if (paid.size() != created.size()) {
            throw new AssertionError("only " + paid.size() + " of " + created.size()
                    + " payments were paid before the refunds; the premise does not hold");
        }
        return paid;
    }

    /**
     * Refunds every payment, spread over {@code instances} (payment i goes through instance
     * i % size, its racing twin through the next): two refunds race for more than was paid, then
     * a keyed refund is sent and repeated by the cashier. Airtel, which only reverses in full,
     * gets two racing full refunds and the repeated keyed one.
     */
    void refundUnderChaos(List<PaymentService> instances, List<Payment> payments, String tag,
            long seed) throws Exception {
        for (int i = 0; i < rigs.size(); i++) {
            rigs.get(i).faults(ChaosRun.FAULT_RATE, seed + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < payments.size(); i++) {
                Payment p = payments.get(i);
                PaymentService first = instances.get(i % instances.size());
                PaymentService second = instances.get((i + 1) % instances.size());
                boolean partial = first.gatewayFor(p.method()).orElseThrow().supportsPartialRefunds();
                Money big = partial ? share(p.money(), "0.6") : null;
                String key = "refund-" + tag + "-" + i;
                RefundCommand keyed = partial
                        ? RefundCommand.partial(p.id(), share(p.money(), "0.3")).withIdempotencyKey(key)
                        : RefundCommand.full(p.id()).withIdempotencyKey(key);
                // the two racing refunds go out at once, on two workers (and two instances)
                work.add(pool.submit(() -> attempt(() -> first.refund(
                        new RefundCommand(p.id(), big, "race A", "cashier A", null)))));
                work.add(pool.submit(() -> attempt(() -> second.refund(
                        new RefundCommand(p.id(), big, "race B", "cashier B", null)))));
                work.add(pool.submit(() -> {
                    attempt(() -> first.refund(keyed.withReason("keyed")));
                    // the cashier saw an error or a pending refund and presses "refund" again
                    attempt(() -> second.refund(keyed.withReason("keyed")));
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            rigs.forEach(ProviderRig::calm);
        }
        // a request delayed past our timeout is still being processed at the provider for up to
        // the injected latency: let it land before reconciliation asks, as real time would
        Thread.sleep(SimulatorFaults.LATENCY.toMillis() + 300);
    }

    private Object attempt(Callable<Refund> call) {
        try {
            return call.call();
        } catch (CrashingRefunds.Crash e) {
            crashes.incrementAndGet();
            return e;
        } catch (PaymentException e) {
            callerErrors.incrementAndGet();
            return e;
        } catch (Exception e) {
            throw new AssertionError("unexpected failure of a refund call", e);
        }
    }

    /**
     * Reconciliation on every instance at once, round after round, until a round checks no refund
     * and none is pending; between rounds the providers finish the refunds they were processing.
     */
    void reconcileUntilSettled(List<PaymentService> instances, PaymentRepository store,
            List<Payment> payments) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        try {
            for (rounds = 1; rounds <= MAX_ROUNDS; rounds++) {
                clock.advance(Duration.ofMinutes(2));
                rigs.forEach(ProviderRig::finishRefunds);
                List<Future<Integer>> passes = new ArrayList<>();
                for (PaymentService s : instances) {
                    passes.add(pool.submit(() -> drainRefunds(s)));
                }
                int checked = 0;
                for (Future<Integer> f : passes) {
                    checked += f.get(2, TimeUnit.MINUTES);
                }
                if (checked == 0 && pendingRefunds(store, payments) == 0) {
                    return;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int drainRefunds(PaymentService s) {
        int checked = 0;
        for (int pass = 0; pass < 20; pass++) {
            ReconcileReport r = s.reconcile();
            checked += r.refundsChecked();
            if (r.refundsChecked() < Services.BATCH) {
                break;
            }
        }
        return checked;
    }

    static long pendingRefunds(PaymentRepository store, List<Payment> payments) {
        return payments.stream().flatMap(p -> store.findRefunds(p.id()).stream())
                .filter(r -> r.status() == RefundStatus.PENDING).count();
    }

    /** {@code fraction} of the amount, down to the currency's smallest unit. */
    private static Money share(Money money, String fraction) {
        BigDecimal part = money.amount().multiply(new BigDecimal(fraction))
                .setScale(Money.fractionDigits(money.currency()), RoundingMode.DOWN);
        return Money.of(part, money.currency());
    }

    /** Compares each provider's ledger of money paid back with the store, payment by payment. */
    RefundVerdict judge(PaymentRepository store, List<Payment> payments) {
        RefundVerdict v = new RefundVerdict();
        for (int i = 0; i < payments.size(); i++) {
            Payment before = payments.get(i);
            ProviderRig rig = rigs.get(i % rigs.size());
            Payment p = store.findById(before.id()).orElseThrow();
            v.judge(p, store.findRefunds(p.id()), rig.refundedAtProvider(p.providerReference()));
        }
        return v;
    }
}
