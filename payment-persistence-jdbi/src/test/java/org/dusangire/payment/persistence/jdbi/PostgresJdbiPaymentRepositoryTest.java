package org.dusangire.payment.persistence.jdbi;

import com.zaxxer.hikari.HikariDataSource;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The repository on a real PostgreSQL, in a schema of its own that is dropped afterwards. Each
 * instance gets its own small connection pool. Fails, never skips, when PostgreSQL is down.
 */
class PostgresJdbiPaymentRepositoryTest extends JdbiPaymentRepositoryTestBase {
    private static String schema;
    private final List<HikariDataSource> pools = new ArrayList<>();

    @BeforeAll
    static void createSchema() {
        schema = TestDatabases.createPostgresSchema("repo");
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
    JdbiPaymentRepository newRepository() {
        TestDatabases.execute(TestDatabases.postgres(schema), TestDatabases.TRUNCATE_ALL);
        return secondInstance();
    }

    @Override
    DataSource store() {
        return TestDatabases.postgres(schema);
    }

    @Override
    JdbiPaymentRepository secondInstance() {
        HikariDataSource pool = TestPool.of(TestDatabases.postgres(schema), 4);
        pools.add(pool);
        return JdbiPaymentRepository.create(pool);
    }
}
