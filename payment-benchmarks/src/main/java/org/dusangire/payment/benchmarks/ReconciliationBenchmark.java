package org.dusangire.payment.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.StatusChange;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.core.service.ReconcileReport;
import org.dusangire.payment.gateway.mtn.MtnMomoGateway;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;

/**
 * Stale pending payments (the customer approved, the callback was lost) settled by
 * {@link PaymentService#reconcile()} passes, against the same number of bare status queries
 * from one thread (the target's baseline), and from as many threads as the library checks
 * payments at once (the fair comparison at equal concurrency), and against its store floor
 * ({@link ReconcileFloor}) at the same concurrency.
 */
final class ReconciliationBenchmark {
    static final double TARGET = 0.8;
    /** Issue 19: the library against its store floor, on H2 and PostgreSQL. */
    static final double FLOOR_TARGET = 0.8;
    /**
     * Warm-up rounds of a fifth of the payments each, both sides, before the reported round.
     * After one such round the library still spent more CPU per payment than after four (medians
     * of three quick runs: H2 646 against 575 us, PostgreSQL 839 against 718) while its floor's
     * moved less and not one way (462 against 420, 831 against 899): the library's larger code
     * was still being compiled while it was measured, and it is measured before its floor.
     */
    static final int WARM_ROUNDS = 4;

    private ReconciliationBenchmark() {
    }

    static void run(Mode mode, ResultTable table, boolean postgres) throws Exception {
        if (postgres) {
            Database.onEachStore(table, "Reconciliation", "PostgreSQL", db -> runOn(db, mode, table));
            return;
        }
        try (Database h2 = Database.h2()) {
            runOn(h2, mode, table);
        }
    }

    private static void runOn(Database db, Mode mode, ResultTable table) throws Exception {
        int n = mode.reconcilePayments();
        // the customer approves on the first status query: the bare pass sees the same answers
        try (MtnFixture mtn = new MtnFixture(MtnMomoSimulator.builder().autoApproveAfterPolls(1))) {
            mtn.bareLogin();
            PaymentConfig config = Checkouts.config("http://localhost:8080");
            PaymentService payments = Checkouts.service(config, db.repository,
                    mtn.gateway(Clock.systemUTC()), Clock.systemUTC());
            int inFlight = config.reconcileParallelism();
            // smaller rounds first compile both paths; only the last round is reported
            for (int w = 0; w < WARM_ROUNDS; w++) {
                round(db, mtn, payments, config, Math.max(1, n / 5), inFlight);
            }
            Round r = round(db, mtn, payments, config, n, inFlight);
            table.add("Reconciliation", String.format(Locale.ROOT, "%,d stale payments, %s, 1 reconciler",
                    n, db.name), String.format(Locale.ROOT, "%,.0f payments/s (%,d settled in %d passes, %.1f s)",
                    r.libRate(), r.succeeded(), r.passes(), r.seconds()),
                    String.format(Locale.ROOT, "%,.0f status queries/s, p50 %.2f ms, p99 %.2f ms",
                            r.bare().perSecond(), r.bare().p50Millis(), r.bare().p99Millis()),
                    ResultTable.ratio(r.libRate(), r.bare().perSecond()), db.name.equals("H2") ? ">= 0.80" : "",
                    db.name.equals("H2") ? ResultTable.meets(r.libRate(), r.bare().perSecond(), TARGET) : "");
            table.add("Reconciliation", String.format(Locale.ROOT, "%,d stale payments, %s, the bare "
                    + "queries %d at a time, as many as the library checks at once", n, db.name, inFlight),
                    "(as above)", String.format(Locale.ROOT, "%,.0f status queries/s, p50 %.2f ms, p99 %.2f ms",
                            r.bareInFlight().perSecond(), r.bareInFlight().p50Millis(),
                            r.bareInFlight().p99Millis()),
                    ResultTable.ratio(r.libRate(), r.bareInFlight().perSecond()), "", "");
            table.add("Reconciliation", String.format(Locale.ROOT, "%,d stale payments, %s, store floor: "
                    + "claim, status query, guarded update with history and event row in plain JDBC, %d "
                    + "at a time (see ReconcileFloor)", n, db.name, inFlight),
                    String.format(Locale.ROOT, "%,.0f payments/s (%,d settled); library/floor %s",
                            r.floorRate(), r.floorSettled(), ResultTable.ratio(r.libRate(), r.floorRate())),
                    String.format(Locale.ROOT, "%,.0f status queries/s, %d at a time",
                            r.bareInFlight().perSecond(), inFlight),
                    ResultTable.ratio(r.floorRate(), r.bareInFlight().perSecond()), ">= 0.80 of floor",
                    ResultTable.meets(r.libRate(), r.floorRate(), FLOOR_TARGET));
            System.out.println(table.floorRatio("reconcile", db.name, r.libRate(), r.floorRate()));
            System.out.println(table.floorCpu("reconcile", db.name, r.libCpu(), r.succeeded(),
                    r.floorCpu(), r.floorSettled()));
            table.pausesShared("reconcile", db.name,
                    new Stats(r.succeeded(), 0, r.libRate(), 0, 0, r.libCpu()),
                    new Stats(r.floorSettled(), 0, r.floorRate(), 0, 0, r.floorCpu()))
                    .ifPresent(System.out::println);
            System.out.printf(Locale.ROOT, "reconciliation %s: floor %.0f/s (%d settled)%n", db.name,
                    r.floorRate(), r.floorSettled());
            System.out.printf(Locale.ROOT, "reconciliation %s: library %.0f/s (%d settled, %d passes) | bare %.0f/s,"
                    + " %d at a time %.0f/s%n", db.name, r.libRate(), r.succeeded(), r.passes(),
                    r.bare().perSecond(), inFlight, r.bareInFlight().perSecond());
        }
    }

    private record Round(Stats bare, Stats bareInFlight, double libRate, int succeeded, int passes,
            double seconds, double floorRate, int floorSettled, Cpu.Spent libCpu, Cpu.Spent floorCpu) {
    }

    /**
     * Stores {@code n} stale payments, times one bare status query for each, then reconciles
     * them all; then stores {@code n} more and settles them at the floor.
     */
    private static Round round(Database db, MtnFixture mtn, PaymentService payments,
            PaymentConfig config, int n, int inFlight) throws Exception {
        List<String> ids = stale(db, mtn, n);
        db.analyze();
        db.printCounts("setup", 1);
        Stats bare = LoadRunner.counted(1, 0, n, seq -> mtn.bareStatus(ids.get((int) seq)));
        Stats bareInFlight = LoadRunner.counted(inFlight, 0, n, seq -> mtn.bareStatus(ids.get((int) seq)));
        int succeeded = 0;
        int passes = 0;
        Cpu.Spent c0 = Cpu.now();
        long t0 = System.nanoTime();
        while (true) {
            ReconcileReport r = payments.reconcile();
            passes++;
            succeeded += r.succeeded();
            if (r.checked() == 0) {
                break;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Cpu.Spent libCpu = Cpu.now().minus(c0);
        db.printCounts("payment reconciled by the library", n);
        // the floor settles payments of its own, stale and unasked like the library's
        stale(db, mtn, n);
        db.analyze();
        db.printCounts("setup", 1);
        int floorSettled;
        Cpu.Spent f0Cpu = Cpu.now();
        long f0 = System.nanoTime();
        try (ReconcileFloor floor = new ReconcileFloor(db.dataSource, !db.name.equals("H2"), mtn,
                config.reconcileBatchSize(), inFlight)) {
            floorSettled = floor.settleAll(config.reconcileAfter(), config.reconcileLease());
        }
        double floorSeconds = (System.nanoTime() - f0) / 1e9;
        Cpu.Spent floorCpu = Cpu.now().minus(f0Cpu);
        db.printCounts("payment reconciled by the floor", n);
        return new Round(bare, bareInFlight, succeeded / seconds, succeeded, passes, seconds,
                floorSettled / floorSeconds, floorSettled, libCpu, floorCpu);
    }

    /**
     * Stores {@code n} payments that went stale ten minutes ago, their request-to-pay sent by
     * hand; their ids.
     */
    private static List<String> stale(Database db, MtnFixture mtn, int n) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant stale = now.minus(Duration.ofMinutes(10));
        List<String> ids = new ArrayList<>(n);
        Money money = Money.of(MtnFixture.AMOUNT, "UGX");
        Payer payer = Payer.ofPhone(Msisdn.parse("+" + MtnFixture.PAYER));
        for (int i = 0; i < n; i++) {
            ids.add(PaymentId.random().toString());
        }
        String callback = "http://localhost:8080/payments/webhooks/mtn-momo/x/"
                + "abcdefghijklmnopqrstuvwxyz012345";
        LoadRunner.counted(16, 0, n, seq -> {
            String id = ids.get((int) seq);
            db.repository.insert(Payment.builder().id(PaymentId.parse(id))
                    .orderReference("BILL-" + seq).idempotencyKey("rec-" + id).money(money)
                    .method(PaymentMethod.MTN_MOBILE_MONEY).payer(payer)
                    .description("Hospital bill").status(PaymentStatus.PENDING)
                    .gatewayName(MtnMomoGateway.NAME).providerReference(id)
                    .callbackToken("tok" + id.replace("-", "")).createdAt(stale).updatedAt(stale)
                    .expiresAt(now.plus(Duration.ofDays(1)))
                    .addHistory(new StatusChange(null, PaymentStatus.PENDING, stale,
                            Trigger.INITIATION, null))
                    .build());
            return mtn.bareRequestToPay(id, callback);
        });
        return ids;
    }
}
