package org.dusangire.payment.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.dusangire.payment.core.service.NextAction;
import org.dusangire.payment.core.service.PaymentService;

/**
 * Checkout through the whole library (service, Jdbi on H2 and on PostgreSQL, MTN gateway,
 * simulator on loopback) against its store floor ({@link StoreFloor}) and a bare
 * {@code HttpClient} sending the same request-to-pay with a cached token.
 */
final class InitiationBenchmark {
    static final int[] CALLERS = {1, 4, 16};
    static final double TARGET_AT_16 = 0.8;
    /** Issue 19: the library at 16 callers against its store floor, on H2 and PostgreSQL. */
    static final double FLOOR_TARGET = 0.95;
    /**
     * Rounds of the library and of its floor, taken in turn, at 16 callers (0.2 s each in quick
     * mode, 1 s in long mode). With 3 rounds of 1 s the library measured against itself
     * ({@link LoadRunner#sameCode}) read 0.61 to 0.99 on H2 in five measurements of one run; with
     * 15 rounds of 0.2 s, 0.92 to 1.02.
     */
    static final int ROUNDS = 15;
    /**
     * How long each path (library, floor, bare request) runs before the first figure, in both
     * modes. With the 2 s warm-up as compile phase the library spent more CPU per payment than
     * after 10 s (medians of three full quick runs each on H2: 305 against 263 us) while its
     * floor's did not move (261 and 263): the library's larger code was still being compiled in
     * its first measured rounds, as reconciliation's was
     * ({@link ReconciliationBenchmark#WARM_ROUNDS}).
     */
    static final Duration COMPILE = Duration.ofSeconds(10);

    private InitiationBenchmark() {
    }

    static void run(Mode mode, ResultTable table) throws Exception {
        try (MtnFixture mtn = new MtnFixture()) {
            mtn.bareLogin();
            // every caller count on H2; PostgreSQL at 16 callers only
            Database.onEachStore(table, "Initiation", "PostgreSQL, 16 callers",
                    db -> runOn(db, mtn, mode, table, ResultTable.isPostgres(db.name)
                            ? new int[] {16} : CALLERS));
        }
        table.note("Initiation: library = PaymentService.initiate (insert with history - the "
                + "idempotency key is looked up only when the insert is refused -, request-to-pay, "
                + "guarded update) through HikariCP; bare = the same "
                + "request-to-pay from one JDK HttpClient with a token fetched once. Closed loop, "
                + "each caller sends its next request when the previous is answered. The store floor "
                + "row is what any library pays that writes the payment before sending and the "
                + "answer after (see StoreFloor): its ratio to bare is the best a library on this "
                + "store can reach, and library/floor is the library's own cost.");
    }

    private static void runOn(Database db, MtnFixture mtn, Mode mode, ResultTable table,
            int[] callerCounts) throws Exception {
        PaymentService payments = Checkouts.service(Checkouts.config("http://localhost:8080"),
                db.repository, mtn.gateway(Clock.systemUTC()), Clock.systemUTC());
        String callback = "http://localhost:8080/payments/webhooks/mtn-momo/x/"
                + "abcdefghijklmnopqrstuvwxyz012345";
        StoreFloor floor = new StoreFloor(db.dataSource, ResultTable.isPostgres(db.name), mtn,
                callback);
        // every path compiled before the first figure: the 1-caller rows come first
        LoadRunner.compile(16, COMPILE, seq -> payments.initiate(Checkouts.mtn(seq)).nextAction()
                == NextAction.APPROVE_ON_PHONE);
        LoadRunner.compile(16, COMPILE, floor::checkout);
        LoadRunner.compile(16, COMPILE,
                seq -> mtn.bareRequestToPay(UUID.randomUUID().toString(), callback));
        String on = db.name.equals("H2") ? "" : db.name + ", ";
        LoadRunner.Operation library = seq -> payments.initiate(Checkouts.mtn(seq)).nextAction()
                == NextAction.APPROVE_ON_PHONE;
        for (int callers : callerCounts) {
            Stats lib;
            Stats atFloor = null;
            if (callers == 16) {
                // the library and its floor in turn, ROUNDS rounds each, so that drift during the
                // run (tables growing, the store's background work) falls on both alike
                Stats[] both = LoadRunner.alternating("initiation-16-" + ResultTable.storeKey(db.name),
                        callers, LoadRunner.rounds(ROUNDS),
                        mode.warmup(), mode.measure(), library,
                        LoadRunner.sameCode() ? library : floor::checkout);
                lib = both[0];
                atFloor = both[1];
            } else {
                lib = LoadRunner.timed(callers, mode.warmup(), mode.measure(), library);
            }
            Stats bare = LoadRunner.timed(callers, mode.warmup(), mode.measure(),
                    seq -> mtn.bareRequestToPay(UUID.randomUUID().toString(), callback));
            boolean target = callers == 16 && db.name.equals("H2");
            table.add("Initiation", on + callers + " caller" + (callers == 1 ? "" : "s"),
                    ResultTable.cell(lib, "payments"), ResultTable.cell(bare, "requests"),
                    ResultTable.ratio(lib.perSecond(), bare.perSecond()),
                    target ? ">= 0.80" : "",
                    target ? ResultTable.meets(lib.perSecond(), bare.perSecond(), TARGET_AT_16) : "");
            System.out.printf("initiation %s%2d callers: library %s | bare %s%n", on, callers,
                    ResultTable.cell(lib, "payments"), ResultTable.cell(bare, "requests"));
            if (atFloor != null) {
                table.add("Initiation", on + callers + " callers, store floor: the bare request "
                        + "between the same two " + db.name + " transactions in plain JDBC",
                        ResultTable.cell(atFloor, "payments") + "; library/floor "
                                + ResultTable.ratio(lib.perSecond(), atFloor.perSecond()),
                        ResultTable.cell(bare, "requests"),
                        ResultTable.ratio(atFloor.perSecond(), bare.perSecond()), ">= 0.95 of floor",
                        ResultTable.meets(lib.perSecond(), atFloor.perSecond(), FLOOR_TARGET));
                System.out.printf("initiation %s%2d callers: store floor %s%n", on, callers,
                        ResultTable.cell(atFloor, "payments"));
                System.out.println(table.floorRatio("initiation-16", db.name, lib.perSecond(),
                        atFloor.perSecond()));
                System.out.println(table.floorCpu("initiation-16", db.name, lib, atFloor));
                table.pausesShared("initiation-16", db.name, lib, atFloor)
                        .ifPresent(System.out::println);
            }
        }
    }
}
