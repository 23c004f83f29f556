package org.dusangire.payment.persistence.jdbi;

import javax.sql.DataSource;

/** The repository on an in-memory H2 database (regular mode), one fresh database per test. */
class H2JdbiPaymentRepositoryTest extends JdbiPaymentRepositoryTestBase {
    private DataSource current;

    @Override
    JdbiPaymentRepository newRepository() {
        current = TestDatabases.freshH2();
        PaymentSchema.migrate(current);
        return JdbiPaymentRepository.create(current);
    }

    @Override
    DataSource store() {
        return current;
    }

    @Override
    JdbiPaymentRepository secondInstance() {
        return JdbiPaymentRepository.create(TestDatabases.h2(
                ((org.h2.jdbcx.JdbcDataSource) current).getURL()));
    }
}
