package org.dusangire.payment.persistence.jdbi;

import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The repository on the host's own {@link Jdbi} ({@link JdbiPaymentRepository#create(Jdbi)}),
 * in-memory H2: its statements go through the host's handles, where a repository made on a
 * {@link DataSource} takes connections from the pool directly. The same contract holds on both.
 */
class H2HostJdbiPaymentRepositoryTest extends JdbiPaymentRepositoryTestBase {
    private DataSource current;

    @Override
    JdbiPaymentRepository newRepository() {
        current = TestDatabases.freshH2();
        PaymentSchema.migrate(current);
        return JdbiPaymentRepository.create(Jdbi.create(current));
    }

    @Override
    DataSource store() {
        return current;
    }

    @Override
    JdbiPaymentRepository secondInstance() {
        return JdbiPaymentRepository.create(Jdbi.create(TestDatabases.h2(
                ((org.h2.jdbcx.JdbcDataSource) current).getURL())));
    }
}
