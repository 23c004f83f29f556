package org.dusangire.payment.reliability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/**
 * A real connection pool (HikariCP, as a host would run), so that "two instances, each with its
 * own pool" is literally true.
 */
final class SimplePool {
    private SimplePool() {
    }

    static HikariDataSource of(DataSource target, int size) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(target);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setPoolName("reliability-pool");
        return new HikariDataSource(config);
    }
}
