package org.dusangire.payment.persistence.jdbi;

import java.util.Locale;

/**
 * The database family, read from the connection's metadata. Only claiming and inbox inserts
 * differ: PostgreSQL gets {@code FOR UPDATE SKIP LOCKED} and {@code ON CONFLICT DO NOTHING},
 * everything else a portable equivalent.
 */
enum Dialect {
    POSTGRESQL, OTHER;

    static Dialect fromProductName(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        return name.contains("postgresql") ? POSTGRESQL : OTHER;
    }
}
