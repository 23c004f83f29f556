package org.dusangire.payment.benchmarks;

import java.time.Clock;
import java.util.UUID;
import org.dusangire.payment.core.service.NextAction;
import org.dusangire.payment.core.service.PaymentService;

/**
 * Checkout through the whole library (service, Jdbi on H2, MTN gateway, simulator on loopback)
 * against a bare {@code HttpClient} sending the same request-to-pay with a cached token.
 */
final class InitiationBenchmark {
    static final int[] CALLERS = {1, 4, 16};
    static final double TARGET_AT_16 = 0.8;

    private InitiationBenchmark() {
    }

    static void run(Mode mode, ResultTable table) throws Exception {
        try (MtnFixture mtn = new MtnFixture(); Database db = Database.h2()) {
            PaymentService payments = Checkouts.service(Checkouts.config("http://localhost:8080"),
                    db.repository, mtn.gateway(Clock.systemUTC()), Clock.systemUTC());
            mtn.bareLogin();
            String callback = "http://localhost:8080/payments/webhooks/mtn-momo/x/"
                    + "abcdefghijklmnopqrstuvwxyz012345";
            StoreFloor floor = new StoreFloor(db.dataSource, mtn, callback);
            // every path compiled before the first figure: the 1-caller rows come first
            LoadRunner.compile(16, mode.warmup(), seq -> payments.initiate(Checkouts.mtn(seq)).nextAction()
                    == NextAction.APPROVE_ON_PHONE);
            LoadRunner.compile(16, mode.warmup(), floor::checkout);
            LoadRunner.compile(16, mode.warmup(),
                    seq -> mtn.bareRequestToPay(UUID.randomUUID().toString(), callback));
            for (int callers : CALLERS) {
                Stats lib = LoadRunner.timed(callers, mode.warmup(), mode.measure(),
                        seq -> payments.initiate(Checkouts.mtn(seq)).nextAction()
                                == NextAction.APPROVE_ON_PHONE);
                Stats atFloor = callers == 16 ? LoadRunner.timed(callers, mode.warmup(), mode.measure(),
                        floor::checkout) : null;
                Stats bare = LoadRunner.timed(callers, mode.warmup(), mode.measure(),
                        seq -> mtn.bareRequestToPay(UUID.randomUUID().toString(), callback));
                table.add("Initiation", callers + " caller" + (callers == 1 ? "" : "s"),
                        ResultTable.cell(lib, "payments"), ResultTable.cell(bare, "requests"),
                        ResultTable.ratio(lib.perSecond(), bare.perSecond()),
                        callers == 16 ? ">= 0.80" : "",
                        callers == 16 ? ResultTable.meets(lib.perSecond(), bare.perSecond(), TARGET_AT_16) : "");
                System.out.printf("initiation %2d callers: library %s | bare %s%n", callers,
                        ResultTable.cell(lib, "payments"), ResultTable.cell(bare, "requests"));
                if (atFloor != null) {
                    table.add("Initiation", callers + " callers, store floor: the bare request between "
                            + "the same two H2 transactions in plain JDBC",
                            ResultTable.cell(atFloor, "payments") + "; library/floor "
                                    + ResultTable.ratio(lib.perSecond(), atFloor.perSecond()),
                            ResultTable.cell(bare, "requests"),
                            ResultTable.ratio(atFloor.perSecond(), bare.perSecond()), "", "");
                    System.out.printf("initiation %2d callers: store floor %s%n", callers,
                            ResultTable.cell(atFloor, "payments"));
                }
            }
            table.note("Initiation: library = PaymentService.initiate (insert with history - the "
                    + "idempotency key is looked up only when the insert is refused -, request-to-pay, "
                    + "guarded update) on H2 through HikariCP; bare = the same "
                    + "request-to-pay from one JDK HttpClient with a token fetched once. Closed loop, "
                    + "each caller sends its next request when the previous is answered. The store floor "
                    + "row is what any library pays that writes the payment before sending and the "
                    + "answer after (see StoreFloor): its ratio to bare is the best a library on this "
                    + "store can reach, and library/floor is the library's own cost.");
        }
    }
}
