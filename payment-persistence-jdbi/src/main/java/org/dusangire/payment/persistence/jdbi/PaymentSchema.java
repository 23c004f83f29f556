package org.dusangire.payment.persistence.jdbi;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The library's tables, created and evolved by versioned Flyway migrations kept on the classpath
 * at {@value #MIGRATION_LOCATION}. The same scripts run on PostgreSQL and H2. The table prefix is
 * the Flyway placeholder {@value #PREFIX_PLACEHOLDER}, and the library keeps its own Flyway
 * history table ({@code <prefix>schema_history}), so a host's own Flyway and tables are untouched.
 */
public final class PaymentSchema {
    /** Where the migration scripts live, in Flyway's location syntax. */
    public static final String MIGRATION_LOCATION = "classpath:org/dusangire/payment/persistence/jdbi/migration";
    /** The Flyway placeholder that the scripts put in front of every table, index and constraint. */
    public static final String PREFIX_PLACEHOLDER = "table_prefix";
    /** The prefix used when none is given. */
    public static final String DEFAULT_TABLE_PREFIX = "pay_";

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,19}");

    private PaymentSchema() {
    }

    /**
     * Applies pending migrations with the default prefix {@value #DEFAULT_TABLE_PREFIX}.
     *
     * @throws org.flywaydb.core.api.FlywayException when the database cannot be reached or a
     *                                               migration fails (it is then rolled back)
     */
    public static void migrate(DataSource dataSource) {
        migrate(dataSource, DEFAULT_TABLE_PREFIX);
    }

    /**
     * Applies pending migrations for tables named with {@code tablePrefix}. Safe to call at every
     * start and from several instances at once (Flyway locks its history table); applied
     * migrations are never run again and existing rows are kept.
     *
     * @throws IllegalArgumentException when the prefix is not lower-case letters, digits and
     *                                  underscores starting with a letter (at most 20)
     * @throws org.flywaydb.core.api.FlywayException when the database cannot be reached or a
     *                                               migration fails (it is then rolled back)
     */
    public static void migrate(DataSource dataSource, String tablePrefix) {
        flyway(dataSource, tablePrefix).load().migrate();
    }

    /**
     * The Flyway configuration {@link #migrate(DataSource, String)} uses, for hosts that want to
     * adjust it (schemas, logging, validation) before calling {@code load().migrate()}.
     * It records its history in {@code <prefix>schema_history} and, when the schema already holds
     * a host's tables, starts from an empty baseline (version 0) so that V1 still runs.
     */
    public static FluentConfiguration flyway(DataSource dataSource, String tablePrefix) {
        Objects.requireNonNull(dataSource, "dataSource must not be null");
        String prefix = checkPrefix(tablePrefix);
        return Flyway.configure(PaymentSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATION_LOCATION)
                .table(prefix + "schema_history")
                .placeholders(placeholders(prefix))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("before dusangire payments");
    }

    /** The placeholders the scripts need, for hosts that run them with their own Flyway set-up. */
    public static Map<String, String> placeholders(String tablePrefix) {
        return Map.of(PREFIX_PLACEHOLDER, checkPrefix(tablePrefix));
    }

    static String checkPrefix(String tablePrefix) {
        Objects.requireNonNull(tablePrefix, "tablePrefix must not be null");
        if (!PREFIX.matcher(tablePrefix).matches()) {
            throw new IllegalArgumentException("tablePrefix '" + tablePrefix
                    + "' must be lower-case letters, digits and underscores, starting with a"
                    + " letter, at most 20 characters (e.g. pay_)");
        }
        return tablePrefix;
    }
}
