package org.dusangire.payment.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.argument.Argument;

/**
 * Instants go to {@code TIMESTAMP WITH TIME ZONE} columns as UTC {@link OffsetDateTime}s, never
 * through {@link java.sql.Timestamp}, whose conversions use the JVM's default time zone.
 */
final class UtcTimestamps {
    /**
     * A lower bound for range conditions such as {@code delivered_at < :before} on a column that
     * is NULL while its row is open. H2 keeps NULLs first in an index, so without a lower bound
     * its range scan walks every open row before the first closed one (every event no listener
     * has taken, on every purge); with it the scan starts at the first closed row. PostgreSQL
     * keeps NULLs last and is unaffected. Every stored time comes from the clock, so none is
     * this old; a row that somehow were would only be kept, never lost.
     */
    static final String LONG_AGO = "TIMESTAMP WITH TIME ZONE '1900-01-01 00:00:00+00'";

    private UtcTimestamps() {
    }

    static Argument bind(Instant instant) {
        if (instant == null) {
            return (position, statement, ctx) ->
                    statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        OffsetDateTime utc = OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        return (position, statement, ctx) -> statement.setObject(position, utc);
    }

    static Instant read(ResultSet rs, String column) throws SQLException {
        return read(rs, rs.findColumn(column));
    }

    static Instant read(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
