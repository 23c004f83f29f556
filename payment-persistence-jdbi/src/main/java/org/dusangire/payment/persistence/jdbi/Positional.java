package org.dusangire.payment.persistence.jdbi;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of our named-parameter statements turned into plain JDBC ({@code ?} placeholders and the
 * parameter names in order), for the statements on every payment's path: run on the Jdbi
 * handle's connection (so inside its transaction), they skip Jdbi's per-statement work
 * (configuration copy, argument-factory lookup, named-parameter binding), which the profile
 * showed as about a third of the time spent in the store. Instants are bound as UTC
 * {@link OffsetDateTime}s, like {@link UtcTimestamps}; nulls with the column's SQL type.
 */
final class Positional {
    private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):([A-Za-z_][A-Za-z0-9_]*)");
    /** Parameters that are timestamps (for typed nulls). */
    private static final Set<String> TIMESTAMPS = Set.of("created_at", "updated_at", "expires_at",
            "at", "received", "processed", "until", "stale", "now", "before");

    final String sql;
    private final String[] names;

    private Positional(String sql, String[] names) {
        this.sql = sql;
        this.names = names;
    }

    static Positional of(String namedSql) {
        Matcher m = NAMED.matcher(namedSql);
        List<String> names = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(sb, "?");
        }
        m.appendTail(sb);
        return new Positional(sb.toString(), names.toArray(new String[0]));
    }

    /** Named parameters {@code :name0, :name1, ...} for an {@code IN} list of {@code count}. */
    static String names(String name, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? ":" : ", :").append(name).append(i);
        }
        return sb.toString();
    }

    /** The named parameters in the order they are bound, a name once for each use. */
    List<String> parameterNames() {
        return List.of(names);
    }

    PreparedStatement prepare(Connection c) throws SQLException {
        return c.prepareStatement(sql);
    }

    /** Binds every parameter from {@code values}; a missing name is a programming error. */
    void bind(PreparedStatement ps, Map<String, ?> values) throws SQLException {
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            Object value = values.get(name);
            if (value == null && !values.containsKey(name)) {
                throw new IllegalStateException("no value for :" + name + " in " + sql);
            }
            set(ps, i + 1, name, value);
        }
    }

    private static void set(PreparedStatement ps, int i, String name, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(i, TIMESTAMPS.contains(name) ? Types.TIMESTAMP_WITH_TIMEZONE : Types.VARCHAR);
        } else if (v instanceof String s) {
            ps.setString(i, s);
        } else if (v instanceof Instant t) {
            ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        } else if (v instanceof UUID u) {
            ps.setObject(i, u);
        } else if (v instanceof BigDecimal d) {
            ps.setBigDecimal(i, d);
        } else if (v instanceof Boolean b) {
            ps.setBoolean(i, b);
        } else if (v instanceof Integer n) {
            ps.setInt(i, n);
        } else if (v instanceof Long n) {
            ps.setLong(i, n);
        } else {
            throw new IllegalArgumentException("cannot bind " + v.getClass() + " to :" + name);
        }
    }
}
