package org.dusangire.payment.persistence.jdbi;

import java.util.Locale;

/**
 * The database family, read from the connection's metadata. Only claiming, inbox and anomaly
 * inserts and the one-statement writes differ: PostgreSQL gets {@code FOR UPDATE SKIP LOCKED},
 * {@code ON CONFLICT DO NOTHING} and data-modifying {@code WITH}, H2 an index hint where its
 * planner chose badly, everything else a portable equivalent.
 */
enum Dialect {
    POSTGRESQL, H2, OTHER;

    static Dialect fromProductName(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        return name.contains("postgresql") ? POSTGRESQL : name.equals("h2") ? H2 : OTHER;
    }
}
