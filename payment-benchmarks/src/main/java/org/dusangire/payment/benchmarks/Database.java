package org.dusangire.payment.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.dusangire.payment.persistence.jdbi.JdbiPaymentRepository;
import org.dusangire.payment.persistence.jdbi.PaymentSchema;

/**
 * A migrated payment store behind a HikariCP pool, as a host would run it: H2 in memory, or
 * PostgreSQL on 127.0.0.1:5432 in a schema of its own that is dropped on close.
 */
final class Database implements AutoCloseable {
    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String PG_USER = "postgres";
    /**
     * H2's statement cache as the persistence README recommends (the store warns without it);
     * the library and its floors share the URL. {@code -Dbench.h2Options=} runs with H2's default.
     */
    static final String H2_OPTIONS = ";QUERY_CACHE_SIZE=64";

    /**
     * Connections per pool: twice the cores, HikariCP's own sizing rule without disks, unless
     * {@code -Dbench.pool=N}. More connections than cores only adds writers that contend: H2's
     * copy-on-write maps retry when two sessions change the same map (20 connections cost a
     * fifth of the checkouts per second here, see BENCHMARKS.md).
     */
    static final int POOL_SIZE = Integer.getInteger("bench.pool",
            2 * Runtime.getRuntime().availableProcessors());

    final String name;
    /** The pool, seen through the {@link StatementCounter} when counting is on. */
    final DataSource dataSource;
    /** Null unless {@code -Dbench.countStatements=true}. */
    final StatementCounter counter;
    private final HikariDataSource pool;
    final JdbiPaymentRepository repository;
    private final String schema;

    private Database(String name, HikariConfig config, String schema) {
        this.name = name;
        this.schema = schema;
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName("bench-" + name);
        this.pool = new HikariDataSource(config);
        this.counter = Boolean.getBoolean("bench.countStatements") ? new StatementCounter() : null;
        this.dataSource = counter == null ? pool : counter.wrap(pool);
        PaymentSchema.migrate(dataSource);
        this.repository = JdbiPaymentRepository.create(dataSource);
    }

    static Database h2() {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + System.getProperty("bench.h2Options", H2_OPTIONS));
        return new Database("H2", c, null);
    }

    /**
     * PostgreSQL in a fresh schema.
     *
     * @throws SQLException when PostgreSQL cannot be reached (the caller reports it as down)
     */
    static Database postgres() throws SQLException {
        String schema = "bench_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(PG_URL + "?currentSchema=" + schema);
        c.setUsername(PG_USER);
        c.setSchema(schema);
        return new Database("PostgreSQL", c, schema);
    }

    /**
     * PostgreSQL: gathers the planner's statistics, as autovacuum does within a minute or so of a
     * bulk load, so that a pass over a backlog stored seconds ago runs on the plans a database in
     * service would use (without them the library's claim joined the history by a full scan:
     * 20 ms a claim instead of 6). Off with {@code -Dbench.analyze=false}; H2 has nothing to do.
     */
    void analyze() throws SQLException {
        if (schema != null && Boolean.parseBoolean(System.getProperty("bench.analyze", "true"))) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            }
        }
    }

    /** The single number a query answers (a count). */
    int count(String query) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Whether store calls are counted ({@code -Dbench.countStatements=true}). */
    boolean counting() {
        return counter != null;
    }

    /** Prints what the store was asked per operation since the last call, when counting is on. */
    void printCounts(String what, long operations) {
        if (counter != null) {
            System.out.println("   store calls per " + what + " on " + name + ": "
                    + counter.drain(operations));
        }
    }

    @Override
    public void close() {
        pool.close();
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                System.err.println("could not drop schema " + schema + ": " + e.getMessage());
            }
        }
    }

    /** A section's work on one store. */
    interface StoreRun {
        void run(Database db) throws Exception;
    }

    /**
     * Runs {@code body} on H2, then on PostgreSQL in a fresh schema; when PostgreSQL cannot be
     * reached, adds a row to {@code section} (scenario {@code pgScenario}) that says so instead.
     */
    static void onEachStore(ResultTable table, String section, String pgScenario, StoreRun body)
            throws Exception {
        try (Database h2 = h2()) {
            body.run(h2);
        }
        Database pg;
        try {
            pg = postgres();
        } catch (Exception e) {
            table.add(section, pgScenario, "NOT RUN: PostgreSQL unreachable at 127.0.0.1:5432 ("
                    + e.getClass().getSimpleName() + ")", "", "", "", "n/a");
            return;
        }
        try (pg) {
            body.run(pg);
        }
    }
}
