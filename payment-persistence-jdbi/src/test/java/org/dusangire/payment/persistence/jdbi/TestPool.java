package org.dusangire.payment.persistence.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/** A real connection pool (HikariCP, as a host would run) over a test database. */
final class TestPool {
    private TestPool() {
    }

    /** A pool of {@code size} connections over {@code target}; close it after the test. */
    static HikariDataSource of(DataSource target, int size) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(target);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setPoolName("test-pool");
        return new HikariDataSource(config);
    }
}
