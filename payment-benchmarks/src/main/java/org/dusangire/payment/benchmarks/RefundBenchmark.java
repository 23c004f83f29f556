package org.dusangire.payment.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.model.StatusChange;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.core.service.RefundCommand;
import org.dusangire.payment.gateway.mtn.MtnMomoGateway;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;

/**
 * Whole refunds of paid MTN payments: {@link PaymentService#refund(RefundCommand)} then
 * {@link PaymentService#verifyRefund} until the refund succeeded, against its store floor
 * ({@link RefundFloor}: the same rows and provider calls by hand in plain JDBC) on the same pool,
 * tables and simulator, from 16 callers each.
 *
 * <p>The simulator holds every refund PENDING and the benchmark pays it out in-process
 * ({@link MtnMomoSimulator#completeRefund}) between the send and the check, on both sides: the
 * simulator has no option that completes a refund when it is first asked about, and paying out
 * at once would let the library settle inside {@code refund()} and skip the answer's write the
 * floor makes.
 */
final class RefundBenchmark {
    /**
     * Refunds are asked for by the host's request threads, as checkouts are: the library has no
     * refund concurrency of its own, so both sides run at the checkout benchmarks' 16 callers.
     */
    static final int CALLERS = 16;
    private static final Money AMOUNT = Money.of(MtnFixture.AMOUNT, "UGX");
    private static final int MAX_CHECKS = 5;
    /**
     * Warm-up rounds of a fifth of the refunds each, the library's then the floor's, before the
     * measured ones, as {@link ReconciliationBenchmark#WARM_ROUNDS}: there and in initiation one
     * short warm-up measured the library's larger code before it was compiled.
     */
    static final int WARM_ROUNDS = 4;
    /**
     * Measured slices of each side, taken in turn, as finely as the webhooks'
     * ({@link WebhookBenchmark#ROUNDS}).
     */
    static final int ROUNDS = 10;

    private RefundBenchmark() {
    }

    static void run(Mode mode, ResultTable table) throws Exception {
        try (MtnFixture mtn = new MtnFixture(MtnMomoSimulator.builder().holdRefunds(true))) {
            mtn.bareLogin();
            mtn.bareDisbursementLogin();
            Database.onEachStore(table, "Refunds", "PostgreSQL, " + CALLERS + " callers",
                    db -> runOn(db, mtn, mode, table));
        }
        table.note("Refunds: library = PaymentService.refund (payment read, reserve transaction"
                + " - the idempotency key is looked up only when it is refused -, refund POST,"
                + " refund status query - PENDING -, answer written) then verifyRefund (refund"
                + " and payment read, refund status query, settle transaction) through HikariCP;"
                + " store floor = one payment read inside the reserve transaction, the refund"
                + " POST, the answer's guarded update, one refund status query, the settle"
                + " transaction (see RefundFloor). The simulator holds refunds PENDING and the"
                + " benchmark pays each out in-process between the send and the check, on both"
                + " sides. Four warm-up rounds of a fifth of the refunds each, then the measured"
                + " refunds in three slices per side, the two sides in turn.");
    }

    private static void runOn(Database db, MtnFixture mtn, Mode mode, ResultTable table)
            throws Exception {
        int n = mode.refunds();
        int warm = Math.max(1, n / 5);
        int warmed = WARM_ROUNDS * warm;
        PaymentService payments = Checkouts.service(Checkouts.config("http://localhost:8080"),
                db.repository, mtn.gateway(Clock.systemUTC()), Clock.systemUTC());
        RefundFloor floor = new RefundFloor(db.dataSource, mtn, mtn.simulator::completeRefund);
        // each side refunds paid payments of its own, each once
        List<UUID> forLibrary = paid(db, mtn, warmed + n);
        List<UUID> forFloor = paid(db, mtn, warmed + n);
        db.analyze();
        db.printCounts("setup", 1);
        AtomicInteger checks = new AtomicInteger();
        LoadRunner.Operation library = seq -> libraryRefund(payments, mtn,
                forLibrary.get((int) seq), checks);
        LoadRunner.Operation atFloor = seq -> floor.refund(forFloor.get((int) seq),
                "floor-refund-" + forFloor.get((int) seq));
        // smaller rounds, the two sides in turn, compile both paths; the last one counts store
        // calls per side
        int last = WARM_ROUNDS - 1;
        for (int w = 0; w < last; w++) {
            int from = w * warm;
            LoadRunner.counted(CALLERS, 0, warm, seq -> library.run(from + seq));
            LoadRunner.counted(CALLERS, 0, warm, seq -> atFloor.run(from + seq));
        }
        db.analyze();
        db.printCounts("warm-up refund (both sides)", 2L * last * warm);
        int from = last * warm;
        LoadRunner.counted(CALLERS, 0, warm, seq -> library.run(from + seq));
        db.printCounts("library refund", warm);
        LoadRunner.counted(CALLERS, 0, warm, seq -> atFloor.run(from + seq));
        db.printCounts("floor refund", warm);
        checks.set(0);
        // the measured refunds in turn, ROUNDS slices each, so that what drifts (tables growing,
        // the store's background work) falls on both sides alike
        Stats[] both = LoadRunner.alternatingCounted("refunds-" + ResultTable.storeKey(db.name),
                CALLERS, LoadRunner.rounds(ROUNDS), n,
                seq -> library.run(warmed + seq), seq -> atFloor.run(warmed + seq));
        Stats lib = both[0];
        Stats atFloorStats = both[1];
        db.printCounts("measured refund (both sides)", 2L * n);

        int libDone = settled(db, "lib-refund-");
        int floorDone = settled(db, "floor-refund-");
        String on = db.name + ", " + CALLERS + " callers";
        table.add("Refunds", String.format(Locale.ROOT, "%,d paid MTN payments, %s: refund of the"
                        + " whole amount, then verifyRefund until SUCCEEDED", n, on),
                ResultTable.cell(lib, "refunds") + String.format(Locale.ROOT, " (%.2f verifyRefund"
                        + " calls per refund)", checks.get() / (double) Math.max(1, n)),
                "", "", "", "");
        table.add("Refunds", String.format(Locale.ROOT, "%,d paid MTN payments, %s, store floor:"
                        + " reserve transaction, refund POST, guarded answer update, refund status"
                        + " query, settle transaction, in plain JDBC (see RefundFloor)", n, on),
                ResultTable.cell(atFloorStats, "refunds") + "; library/floor "
                        + ResultTable.ratio(lib.perSecond(), atFloorStats.perSecond()),
                "", "", "", "");
        System.out.println(table.floorRatio("refunds", db.name, lib.perSecond(),
                atFloorStats.perSecond()));
        System.out.println(table.floorCpu("refunds", db.name, lib, atFloorStats));
        table.pausesShared("refunds", db.name, lib, atFloorStats).ifPresent(System.out::println);
        System.out.printf(Locale.ROOT, "refunds %s: library %s | floor %s | SUCCEEDED with the payment"
                + " REFUNDED: library %d of %d, floor %d of %d%n", on, ResultTable.cell(lib, "refunds"),
                ResultTable.cell(atFloorStats, "refunds"), libDone, warmed + n, floorDone,
                warmed + n);
        if (libDone != warmed + n || floorDone != warmed + n) {
            table.note(String.format(Locale.ROOT, "Refunds on %s: only %d (library) and %d (floor)"
                    + " of %d refunds each ended SUCCEEDED with the payment REFUNDED: a figure is"
                    + " not the full path.", db.name, libDone, floorDone, warmed + n));
        }
        String libRows = rowsPerRefund(db, "lib-refund-");
        String floorRows = rowsPerRefund(db, "floor-refund-");
        System.out.println("refunds " + db.name + ": rows per refunded payment, library "
                + libRows + " | floor " + floorRows);
        if (!libRows.equals(floorRows)) {
            table.note("Refunds on " + db.name + ": the library and the floor did not write the"
                    + " same rows per refunded payment (library " + libRows + ", floor "
                    + floorRows + ").");
        }
    }

    /** One refund through the library; true when it ended SUCCEEDED. */
    private static boolean libraryRefund(PaymentService payments, MtnFixture mtn, UUID paymentId,
            AtomicInteger checks) {
        Refund refund = payments.refund(new RefundCommand(new PaymentId(paymentId), AMOUNT, null,
                null, "lib-refund-" + paymentId));
        if (refund.status() == RefundStatus.PENDING && !refund.outcomeUnknown()) {
            mtn.simulator.completeRefund(refund.id().toString());
        }
        for (int i = 0; i < MAX_CHECKS && refund.status() == RefundStatus.PENDING; i++) {
            checks.incrementAndGet();
            refund = payments.verifyRefund(refund.id());
        }
        return refund.status() == RefundStatus.SUCCEEDED;
    }

    /**
     * The setup's request-to-pay, sent once more when the connection failed under it (the JDK
     * client now and then reuses a connection the server has just closed): the reference is
     * fresh; when the first did arrive, the second is refused as a duplicate and the simulator
     * already knows the payment.
     */
    private static boolean requestToPay(MtnFixture mtn, String id, String callback)
            throws Exception {
        try {
            return mtn.bareRequestToPay(id, callback);
        } catch (java.io.IOException e) {
            return mtn.bareRequestToPay(id, callback) || mtn.bareStatus(id);
        }
    }

    /**
     * Stores {@code n} payments paid an hour ago, each a request-to-pay sent by hand and approved
     * at the simulator, SUCCEEDED with both history entries; their ids.
     */
    private static List<UUID> paid(Database db, MtnFixture mtn, int n) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant asked = now.minus(Duration.ofHours(1));
        Instant approved = asked.plusSeconds(20);
        Payer payer = Payer.ofPhone(Msisdn.parse("+" + MtnFixture.PAYER));
        List<UUID> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(UUID.randomUUID());
        }
        String callback = "http://localhost:8080/payments/webhooks/mtn-momo/x/"
                + "abcdefghijklmnopqrstuvwxyz012345";
        Stats setup = LoadRunner.counted(CALLERS, 0, n, seq -> {
            String id = ids.get((int) seq).toString();
            if (!requestToPay(mtn, id, callback) || !mtn.simulator.approve(id)) {
                return false;
            }
            db.repository.insert(Payment.builder().id(PaymentId.parse(id))
                    .orderReference("BILL-" + seq).idempotencyKey("paid-" + id).money(AMOUNT)
                    .method(PaymentMethod.MTN_MOBILE_MONEY).payer(payer)
                    .description("Hospital bill").status(PaymentStatus.SUCCEEDED)
                    .gatewayName(MtnMomoGateway.NAME).providerReference(id)
                    .callbackToken("tok" + id.replace("-", "")).createdAt(asked)
                    .updatedAt(approved).expiresAt(asked.plus(Duration.ofDays(1)))
                    .addHistory(new StatusChange(null, PaymentStatus.PENDING, asked,
                            Trigger.INITIATION, null))
                    .addHistory(new StatusChange(PaymentStatus.PENDING, PaymentStatus.SUCCEEDED,
                            approved, Trigger.WEBHOOK, null))
                    .build());
            return true;
        });
        if (setup.operations() != n) {
            throw new IllegalStateException("only " + setup.operations() + " of " + n
                    + " payments were paid at the simulator and stored");
        }
        return ids;
    }

    /** Refunds with this key prefix that ended SUCCEEDED, their payment fully REFUNDED. */
    private static int settled(Database db, String keyPrefix) throws Exception {
        return db.count("SELECT COUNT(*) FROM pay_refunds r JOIN pay_payments p"
                + " ON p.id = r.payment_id WHERE r.idempotency_key LIKE '" + keyPrefix + "%'"
                + " AND r.status = 'SUCCEEDED' AND p.status = 'REFUNDED'"
                + " AND p.refunded_amount = p.amount AND p.refund_reserved_amount = 0");
    }

    /** Refund history, payment history and event rows per refunded payment of one side. */
    private static String rowsPerRefund(Database db, String keyPrefix) throws Exception {
        String of = " JOIN pay_refunds r ON r.%s = x.%s WHERE r.idempotency_key LIKE '"
                + keyPrefix + "%%'";
        int refunds = Math.max(1, db.count("SELECT COUNT(*) FROM pay_refunds r"
                + " WHERE r.idempotency_key LIKE '" + keyPrefix + "%'"));
        int refundHistory = db.count("SELECT COUNT(*) FROM pay_refund_history x"
                + String.format(Locale.ROOT, of, "id", "refund_id"));
        int paymentHistory = db.count("SELECT COUNT(*) FROM pay_payment_history x"
                + String.format(Locale.ROOT, of, "payment_id", "payment_id"));
        int events = db.count("SELECT COUNT(*) FROM pay_events x"
                + String.format(Locale.ROOT, of, "payment_id", "payment_id"));
        return String.format(Locale.ROOT, "refund history %.2f, payment history %.2f, events %.2f",
                refundHistory / (double) refunds, paymentHistory / (double) refunds,
                events / (double) refunds);
    }
}
