package org.dusangire.payment.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.core.service.ReconcileReport;

/**
 * A reconciliation pass with nothing to settle, on a store in service: it still looks for
 * interrupted webhooks and purges what is past its retention, every few seconds. The store
 * holds what a week brings and keeps: {@code n} processed webhooks in the inbox (the inbox
 * retention is a week) and {@code n} events that no listener took (a host that reads the feed
 * instead of registering listeners). The figure is the time per idle pass; the work of such a
 * pass should not grow with what the store keeps.
 */
final class HousekeepingBenchmark {
    private HousekeepingBenchmark() {
    }

    static void run(Mode mode, ResultTable table) throws Exception {
        Database.onEachStore(table, "Housekeeping", "PostgreSQL", db -> runOn(db, mode, table));
    }

    private static void runOn(Database db, Mode mode, ResultTable table) throws Exception {
        int kept = mode.reconcilePayments() * 5;
        int passes = 50;
        seed(db, kept);
        db.analyze();
        try (MtnFixture mtn = new MtnFixture()) {
            PaymentConfig config = Checkouts.config("http://localhost:8080");
            PaymentService payments = Checkouts.service(config, db.repository,
                    mtn.gateway(Clock.systemUTC()), Clock.systemUTC());
            for (int i = 0; i < passes; i++) { // compiles the pass
                idle(payments);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < passes; i++) {
                idle(payments);
            }
            double millis = (System.nanoTime() - t0) / 1e6 / passes;
            String line = String.format(Locale.ROOT,
                    "IDLE-PASS %s kept=%d passes=%d ms/pass=%.2f", db.name.toLowerCase(Locale.ROOT),
                    kept, passes, millis);
            System.out.println(line);
            table.add("Housekeeping", String.format(Locale.ROOT, "idle reconciliation pass, %s,"
                    + " %,d processed webhooks and %,d events no listener took", db.name, kept,
                    kept), String.format(Locale.ROOT, "%.2f ms a pass", millis), "", "", "", "");
        }
    }

    /** A pass that must find nothing: anything it settled or purged would skew the figure. */
    private static void idle(PaymentService payments) {
        ReconcileReport r = payments.reconcile();
        if (r.checked() + r.inboxRecovered() + r.inboxPurged() + r.eventsPurged() != 0) {
            throw new IllegalStateException("the idle pass did work: " + r);
        }
    }

    /** {@code kept} processed inbox entries from the last hour and as many open events. */
    private static void seed(Database db, int kept) throws SQLException {
        OffsetDateTime hourAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        try (Connection c = db.dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement inbox = c.prepareStatement("INSERT INTO pay_inbox (gateway_name,"
                    + " event_key, payment_reference, received_at, payload, processed_at, outcome)"
                    + " VALUES ('mtn-momo', ?, ?, ?, '{}', ?, 'PROCESSED')");
                    PreparedStatement event = c.prepareStatement("INSERT INTO pay_events (id, type,"
                            + " payment_id, to_status, occurred_at) VALUES (?,"
                            + " 'PAYMENT_STATUS_CHANGED', ?, 'SUCCEEDED', ?)")) {
                for (int i = 0; i < kept; i++) {
                    inbox.setString(1, "evt-" + i);
                    inbox.setString(2, UUID.randomUUID().toString());
                    inbox.setObject(3, hourAgo);
                    inbox.setObject(4, hourAgo.plusSeconds(1));
                    inbox.addBatch();
                    event.setObject(1, UUID.randomUUID());
                    event.setObject(2, UUID.randomUUID());
                    event.setObject(3, hourAgo);
                    event.addBatch();
                    if (i % 1_000 == 999) {
                        inbox.executeBatch();
                        event.executeBatch();
                    }
                }
                inbox.executeBatch();
                event.executeBatch();
            }
            c.commit();
        }
    }
}
