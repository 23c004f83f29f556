package org.dusangire.payment.persistence.jdbi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Fresh H2 databases and PostgreSQL schemas for the tests. */
final class TestDatabases {
    static final String PG_START_HINT = "PostgreSQL must run at 127.0.0.1:5432 (trust auth, user"
            + " postgres, database test) for these tests; start it with:"
            + " pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
    /** Empties every table of the default prefix but the position counter, which goes on. */
    static final String TRUNCATE_ALL = "TRUNCATE pay_events, pay_anomalies, pay_refund_history,"
            + " pay_refunds, pay_payment_history, pay_payments, pay_inbox";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestDatabases() {
    }

    /** A new, empty in-memory H2 database (kept open until the JVM ends). */
    static DataSource freshH2() {
        return h2("jdbc:h2:mem:payments-" + COUNTER.incrementAndGet() + "-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1");
    }

    static DataSource h2(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        return ds;
    }

    /** A data source whose search path is {@code schema}; every call opens a new connection. */
    static DataSource postgres(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {5432});
        ds.setDatabaseName("test");
        ds.setUser("postgres");
        ds.setCurrentSchema(schema);
        ds.setConnectTimeout(5);
        return ds;
    }

    /**
     * Creates a new schema; fails (never skips) with the start command when PostgreSQL is down.
     */
    static String createPostgresSchema(String purpose) {
        String schema = "pay_test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8);
        execute(postgres("public"), "CREATE SCHEMA " + schema);
        return schema;
    }

    /**
     * Runs {@code test} on a data source of a new PostgreSQL schema and drops the schema after;
     * fails (never skips) with the start command when PostgreSQL is down.
     */
    static void inPostgresSchema(String purpose, Consumer<DataSource> test) {
        String schema = createPostgresSchema(purpose);
        try {
            test.accept(postgres(schema));
        } finally {
            dropPostgresSchema(schema);
        }
    }

    static void dropPostgresSchema(String schema) {
        execute(postgres("public"), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(PG_START_HINT + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * What {@code explain} ({@code EXPLAIN}, or {@code EXPLAIN ANALYZE}, which runs it) says of
     * {@code statement} bound to {@code values}, one line of the plan per line.
     */
    static String explain(Connection c, String explain, Positional statement,
            Map<String, ?> values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(explain + " " + statement.sql)) {
            statement.bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                return lines(rs);
            }
        }
    }

    /**
     * PostgreSQL's generic plan for {@code statement}, the one a connection keeps for a statement
     * it has run a few times (nothing is executed): prepared under {@code force_generic_plan} and
     * explained with every value null, which a generic plan does not look at.
     */
    static String explainGeneric(Connection c, Positional statement) throws SQLException {
        StringBuilder numbered = new StringBuilder();
        int count = 0;
        for (char ch : statement.sql.toCharArray()) {
            if (ch == '?') {
                numbered.append('$').append(++count);
            } else {
                numbered.append(ch);
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = force_generic_plan");
            s.execute("PREPARE generic_plan AS " + numbered);
            try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE generic_plan("
                    + String.join(", ", Collections.nCopies(count, "NULL")) + ")")) {
                return lines(rs);
            } finally {
                s.execute("DEALLOCATE generic_plan");
                s.execute("RESET plan_cache_mode");
            }
        }
    }

    /** The first column of every row, one line each: an EXPLAIN's plan. */
    private static String lines(ResultSet rs) throws SQLException {
        StringBuilder plan = new StringBuilder();
        while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
        }
        return plan.toString();
    }
}
