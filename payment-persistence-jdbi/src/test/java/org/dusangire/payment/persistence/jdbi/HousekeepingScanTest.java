package org.dusangire.payment.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The queries every reconciliation pass runs to keep house (find interrupted webhooks, purge what
 * is past its retention) read the rows they are about, not every row the store keeps: a week of
 * processed webhooks, or every event no listener has taken, must not be walked on each pass. The
 * store plans are read back with {@code EXPLAIN ANALYZE}: H2 reports the rows each scan read,
 * PostgreSQL the plan it chose.
 */
class HousekeepingScanTest {
    private static final int KEPT = 3_000;
    private static final int OPEN = 3;
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private String schema;

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    @Test
    void onH2TheInboxRecoveryAndBothPurgesReadOnlyTheRowsTheyAreAbout() throws SQLException {
        DataSource ds = TestDatabases.freshH2();
        JdbiPaymentRepository repository = seeded(ds);
        Instant now = Instant.now();
        JdbiPaymentRepository.Statements sql = new JdbiPaymentRepository.Statements("pay_");
        EventRows.Statements eventSql = new EventRows.Statements("pay_");

        // what each finds is right ...
        assertThat(repository.findUnprocessedInbound(now, 100)).hasSize(OPEN);
        assertThat(repository.purgeDeliveredEvents(now.minus(Duration.ofDays(30)), 100)).isZero();
        assertThat(repository.purgeProcessedInbound(now.minus(Duration.ofDays(7)), 100)).isZero();

        // ... and none walks the kept rows to find it (before the V5 index and the lower bounds,
        // each read all of them: 3,003 for the recovery, 3,000 for the event purge)
        try (Connection c = ds.getConnection()) {
            assertThat(maxScanCount(c, sql.selectUnprocessedInbox,
                    Map.of("before", now, "limit", 100)))
                    .as("rows the inbox recovery read").isLessThanOrEqualTo(OPEN + 1);
            assertThat(maxScanCount(c, eventSql.purgeDelivered,
                    Map.of("before", now.minus(Duration.ofDays(30)), "limit", 100)))
                    .as("rows the event purge read").isLessThanOrEqualTo(1);
            assertThat(maxScanCount(c, sql.purgeProcessedInbox,
                    Map.of("before", now.minus(Duration.ofDays(7)), "limit", 100)))
                    .as("rows the inbox purge read").isLessThanOrEqualTo(1);
        }
        assertThat(repository.findUnprocessedInbound(now, 100)).hasSize(OPEN);
    }

    @Test
    void onPostgresqlTheInboxRecoveryGoesThroughItsIndex() throws SQLException {
        schema = TestDatabases.createPostgresSchema("housekeeping");
        DataSource ds = TestDatabases.postgres(schema);
        JdbiPaymentRepository repository = seeded(ds);
        TestDatabases.execute(ds, "ANALYZE");
        Instant now = Instant.now();
        assertThat(repository.findUnprocessedInbound(now, 100)).hasSize(OPEN);
        JdbiPaymentRepository.Statements sql = new JdbiPaymentRepository.Statements("pay_");
        try (Connection c = ds.getConnection()) {
            String plan = TestDatabases.explain(c, "EXPLAIN ANALYZE", sql.selectUnprocessedInbox,
                    Map.of("before", now, "limit", 100));
            // before V5 this was a sequential scan that removed the 3,000 processed rows
            assertThat(plan).contains("pay_inbox_open_ix").doesNotContain("Seq Scan");
        }
    }

    /**
     * A migrated store holding {@value #KEPT} processed inbox entries, {@value #OPEN} open ones,
     * and {@value #KEPT} events no listener has taken.
     */
    private static JdbiPaymentRepository seeded(DataSource ds) throws SQLException {
        PaymentSchema.migrate(ds);
        JdbiPaymentRepository repository = JdbiPaymentRepository.create(ds);
        OffsetDateTime hourAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement inbox = c.prepareStatement("INSERT INTO pay_inbox (gateway_name,"
                    + " event_key, payment_reference, received_at, payload, processed_at, outcome)"
                    + " VALUES ('mtn-momo', ?, 'ref', ?, '{}', ?, 'PROCESSED')");
                    PreparedStatement event = c.prepareStatement("INSERT INTO pay_events (id, type,"
                            + " to_status, occurred_at) VALUES (?, 'PAYMENT_STATUS_CHANGED',"
                            + " 'SUCCEEDED', ?)")) {
                for (int i = 0; i < KEPT; i++) {
                    inbox.setString(1, "kept-" + i);
                    inbox.setObject(2, hourAgo);
                    inbox.setObject(3, hourAgo.plusSeconds(1));
                    inbox.addBatch();
                    event.setObject(1, UUID.randomUUID());
                    event.setObject(2, hourAgo);
                    event.addBatch();
                }
                inbox.executeBatch();
                event.executeBatch();
            }
            c.commit();
        }
        for (int i = 0; i < OPEN; i++) {
            repository.recordInbound(InboxEntry.received(
                    new InboxKey("mtn-momo", "open-" + i), "ref",
                    Instant.now().minus(Duration.ofMinutes(30)), "{}"));
        }
        return repository;
    }

    /** The highest {@code scanCount} H2 reports for any table scan of the statement. */
    private static int maxScanCount(Connection c, Positional statement, Map<String, ?> values)
            throws SQLException {
        String plan = TestDatabases.explain(c, "EXPLAIN ANALYZE", statement, values);
        Matcher m = SCAN_COUNT.matcher(plan);
        List<Integer> counts = new ArrayList<>();
        while (m.find()) {
            counts.add(Integer.parseInt(m.group(1)));
        }
        assertThat(counts).as("scan counts in %s", plan).isNotEmpty();
        return counts.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
}
