package org.dusangire.payment.persistence.jdbi;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The outbox across two instances on one H2 database, each instance with a pool of its own
 * (claims by conditional updates, the sequencer's counter row locked across pools).
 */
class H2EventsAcrossInstancesTest extends EventsAcrossInstancesTestBase {
    private DataSource store;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private JdbiPaymentRepository first;

    @BeforeEach
    void createDatabase() {
        store = TestDatabases.freshH2();
        PaymentSchema.migrate(store);
        first = instance();
    }

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    @Override
    JdbiPaymentRepository first() {
        return first;
    }

    @Override
    JdbiPaymentRepository second() {
        return instance();
    }

    @Override
    DataSource store() {
        return store;
    }

    private JdbiPaymentRepository instance() {
        HikariDataSource pool = TestPool.of(store, 4);
        pools.add(pool);
        return JdbiPaymentRepository.create(pool);
    }
}
