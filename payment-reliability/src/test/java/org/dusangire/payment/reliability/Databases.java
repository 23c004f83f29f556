package org.dusangire.payment.reliability;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.dusangire.payment.persistence.jdbi.PaymentSchema;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The two stores the suite runs on: a fresh in-memory H2 database, or a fresh schema in the local
 * PostgreSQL that the test drops afterwards. PostgreSQL being down fails the test, never skips it.
 */
final class Databases {
    static final String PG_START_HINT = "PostgreSQL must run at 127.0.0.1:5432 (trust auth, user"
            + " postgres, database test) for the reliability suite; start it with:"
            + " pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";

    private Databases() {
    }

    /** A migrated, empty in-memory H2 database. */
    static DataSource freshH2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:reliability-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        PaymentSchema.migrate(ds);
        return ds;
    }

    /** Creates and migrates a new schema, named after the test class. */
    static String createPostgresSchema(String purpose) {
        String schema = "rel_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8);
        execute(postgres("public"), "CREATE SCHEMA " + schema);
        PaymentSchema.migrate(postgres(schema));
        return schema;
    }

    static void dropPostgresSchema(String schema) {
        if (schema != null) {
            execute(postgres("public"), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** Unpooled connections whose search path is {@code schema}. */
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

    private static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(PG_START_HINT + " (" + e.getMessage() + ")", e);
        }
    }
}
