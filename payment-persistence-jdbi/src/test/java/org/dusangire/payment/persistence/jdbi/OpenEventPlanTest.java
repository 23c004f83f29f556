package org.dusangire.payment.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whether one payment has an open event (neither delivered nor parked) is asked on every change
 * that claims its own events and on every claim of one payment's events, and events named by id
 * are marked delivered (or failed) after each delivery; the store must read those few rows
 * through the payment's index or the ids', never filter the open events of every payment. On
 * PostgreSQL, with statistics that do not know the table yet (as between two autovacuum runs
 * after a burst of webhooks), the planner chose the open-event index for these questions, and
 * that index also holds the versions delivered marks leave behind until vacuum. A pooled
 * connection runs each statement on a generic plan after a few executions and keeps that plan, so
 * the generic plans are held to the same indexes. (On an empty table every one of them is a full
 * scan, whatever its form: that is why a host that runs without autovacuum analyses the tables
 * once they hold rows, as the persistence README says.)
 */
class OpenEventPlanTest {
    private static final int OTHERS = 3_000;

    private String schema;

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    @Test
    void onPostgresqlOnePaymentsOpenEventsAreReadThroughThatPaymentsIndex() throws SQLException {
        assertEveryStatementOnItsOwnIndex(false);
    }

    /**
     * The same statements as a pooled connection runs them after a few executions: a generic plan
     * (made once for any values, then kept), which must go through the same indexes.
     */
    @Test
    void onPostgresqlTheirGenericPlansGoThroughTheSameIndexes() throws SQLException {
        assertEveryStatementOnItsOwnIndex(true);
    }

    private void assertEveryStatementOnItsOwnIndex(boolean generic) throws SQLException {
        schema = TestDatabases.createPostgresSchema("open_events");
        DataSource ds = TestDatabases.postgres(schema);
        PaymentSchema.migrate(ds);
        // statistics held where a burst leaves them: autovacuum would analyse part way through
        TestDatabases.execute(ds, "ALTER TABLE pay_events SET (autovacuum_enabled = false)");
        // other payments' events, written open and then marked delivered, as deliveries do
        TestDatabases.execute(ds, "INSERT INTO pay_events (id, type, payment_id, to_status,"
                + " occurred_at) SELECT gen_random_uuid(), 'PAYMENT_STATUS_CHANGED',"
                + " gen_random_uuid(), 'SUCCEEDED', CURRENT_TIMESTAMP FROM generate_series(1, "
                + OTHERS + ")");
        TestDatabases.execute(ds, "UPDATE pay_events SET delivered_at = CURRENT_TIMESTAMP");
        EventRows.Statements sql = new EventRows.Statements("pay_");
        UUID payment = UUID.randomUUID();
        try (Connection c = ds.getConnection()) {
            // each statement, with the index it must be planned on
            Map<String, String> plans = new HashMap<>();
            Map<String, String> index = new HashMap<>();
            String byPayment = "pay_events_payment_ix";
            String byId = "pay_events_id_uk";
            plans.put("open-event check", plan(c, generic, sql.anyOpenOf(false), payment));
            index.put("open-event check", byPayment);
            plans.put("claim of written events", plan(c, generic, sql.claimWritten(1), payment));
            index.put("claim of written events", byPayment);
            plans.put("claim of the events a change writes", plan(c, generic, Positional.of(
                    "WITH u AS (SELECT CAST(:payment AS UUID) AS id) "
                            + sql.insertEventsFrom("u", 1, true)), payment));
            index.put("claim of the events a change writes", byPayment);
            plans.put("one payment's due events", plan(c, generic, sql.claimCandidatesFor,
                    payment));
            index.put("one payment's due events", byPayment);
            plans.put("claim of one payment's due events", plan(c, generic,
                    sql.claimSkipLockedFor, payment));
            index.put("claim of one payment's due events", byPayment);
            for (int marks : new int[] {1, 4}) {
                plans.put("mark of " + marks + " delivered", plan(c, generic,
                        sql.markDelivered(marks), payment));
                index.put("mark of " + marks + " delivered", byId);
            }
            plans.put("failed delivery", plan(c, generic, sql.markFailed, payment));
            index.put("failed delivery", byId);
            plans.put("failed and parked delivery", plan(c, generic, sql.markFailedAndPark,
                    payment));
            index.put("failed and parked delivery", byId);
            if (generic) {
                // a generic plan names the statement's parameters where a custom one has values
                assertThat(plans.values()).as("generic plans")
                        .allMatch(p -> p.matches("(?s).*\\$\\d.*"));
            }
            List<String> elsewhere = plans.entrySet().stream()
                    .filter(p -> !p.getValue().contains(index.get(p.getKey()))
                            || p.getValue().contains("pay_events_open_ix"))
                    .map(Map.Entry::getKey).sorted().toList();
            assertThat(elsewhere).as("statements not planned on their own index: %s", plans)
                    .isEmpty();
        }
    }

    /** The generic plan of {@code statement} when {@code generic}, else its plan for values. */
    private static String plan(Connection c, boolean generic, Positional statement, UUID payment)
            throws SQLException {
        return generic ? TestDatabases.explainGeneric(c, statement) : plan(c, statement, payment);
    }

    /**
     * PostgreSQL's plan for {@code statement} (nothing is executed): {@code payment} for the
     * payment, a random UUID for each id, now for each time, 10 for a limit, null for the rest.
     */
    private static String plan(Connection c, Positional statement, UUID payment)
            throws SQLException {
        Map<String, Object> values = new HashMap<>();
        for (String name : statement.parameterNames()) {
            values.put(name, name.equals("payment") || name.equals("only") ? payment
                    : name.matches("id\\d*") ? UUID.randomUUID()
                    : name.equals("limit") ? 10 : name.matches("now|until|retry|at")
                    ? Instant.now() : null);
        }
        return TestDatabases.explain(c, "EXPLAIN", statement, values);
    }
}
