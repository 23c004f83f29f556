package org.dusangire.payment.persistence.jdbi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * H2's settings that matter to this store. H2 keeps the statements it parsed per connection in
 * a small cache ({@code QUERY_CACHE_SIZE}, 8 by default, settable only in the URL). The store
 * runs more distinct statements than that on one connection (a webhook alone takes about ten), so
 * with the default each one is parsed again on every call; in the webhook benchmark's profile
 * that parsing was one sample in twenty of the library's webhook path.
 */
final class H2Settings {
    private static final Logger log = LoggerFactory.getLogger(H2Settings.class);
    /** What the store's statements fit in, with room for the host's own. */
    static final int RECOMMENDED_QUERY_CACHE_SIZE = 64;

    private H2Settings() {
    }

    /**
     * Warns once per store, when it first meets H2, if the statement cache is smaller. Advice
     * only: when the setting cannot be read (an H2 that names it otherwise), nothing is said and
     * nothing fails.
     */
    static void checkStatementCache(Connection c) {
        int size = queryCacheSize(c);
        if (size >= 0 && size < RECOMMENDED_QUERY_CACHE_SIZE) {
            log.warn("H2 caches {} parsed statements per connection and this store uses more: "
                    + "add ;QUERY_CACHE_SIZE={} to the H2 URL, or every statement is parsed on "
                    + "every call", size, RECOMMENDED_QUERY_CACHE_SIZE);
        }
    }

    /** H2's {@code QUERY_CACHE_SIZE}, or -1 when it cannot be read. */
    static int queryCacheSize(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT SETTING_VALUE FROM"
                + " INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'");
                ResultSet rs = ps.executeQuery()) {
            String value = rs.next() ? rs.getString(1) : null;
            return value == null ? -1 : Integer.parseInt(value.strip());
        } catch (SQLException | NumberFormatException e) {
            log.debug("H2's QUERY_CACHE_SIZE could not be read ({})", e.toString());
            return -1;
        }
    }
}
