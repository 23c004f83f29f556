package org.dusangire.payment.persistence.jdbi;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.testkit.PaymentEventStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The outbox contract on a real PostgreSQL, in a schema of its own that is dropped afterwards,
 * through a small connection pool. Fails, never skips, when PostgreSQL is down.
 */
class PostgresJdbiEventStoreTest extends PaymentEventStoreContract {
    private static String schema;
    private final List<HikariDataSource> pools = new ArrayList<>();

    @BeforeAll
    static void createSchema() {
        schema = TestDatabases.createPostgresSchema("events");
        PaymentSchema.migrate(TestDatabases.postgres(schema));
    }

    @AfterAll
    static void dropSchema() {
        TestDatabases.dropPostgresSchema(schema);
    }

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
    }

    @Override
    protected PaymentRepository createRepository() {
        // the position counter is left as it is: positions go on after a purge, as in production
        TestDatabases.execute(TestDatabases.postgres(schema), TestDatabases.TRUNCATE_ALL);
        HikariDataSource pool = TestPool.of(TestDatabases.postgres(schema), 4);
        pools.add(pool);
        return JdbiPaymentRepository.create(pool);
    }
}
