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
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
