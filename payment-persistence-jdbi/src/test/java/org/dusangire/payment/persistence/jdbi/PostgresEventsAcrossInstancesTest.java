package org.dusangire.payment.persistence.jdbi;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The outbox across two instances on one PostgreSQL schema, each instance with a pool of its own
 * (claims with {@code FOR UPDATE SKIP LOCKED}, the sequencer's counter row locked across pools).
 */
class PostgresEventsAcrossInstancesTest extends EventsAcrossInstancesTestBase {
    private String schema;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private JdbiPaymentRepository first;

    @BeforeEach
    void createSchema() {
        schema = TestDatabases.createPostgresSchema("outbox");
        PaymentSchema.migrate(TestDatabases.postgres(schema));
        first = instance();
    }

    @AfterEach
    void dropSchema() {
        pools.forEach(HikariDataSource::close);
        TestDatabases.dropPostgresSchema(schema);
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
        return TestDatabases.postgres(schema);
    }

    private JdbiPaymentRepository instance() {
        HikariDataSource pool = TestPool.of(TestDatabases.postgres(schema), 4);
        pools.add(pool);
        return JdbiPaymentRepository.create(pool);
    }
}
