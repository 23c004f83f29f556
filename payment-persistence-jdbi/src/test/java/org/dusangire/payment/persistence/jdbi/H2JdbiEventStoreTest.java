package org.dusangire.payment.persistence.jdbi;

import javax.sql.DataSource;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.testkit.PaymentEventStoreContract;

/** The outbox contract on an in-memory H2 database (regular mode), one fresh database per test. */
class H2JdbiEventStoreTest extends PaymentEventStoreContract {
    @Override
    protected PaymentRepository createRepository() {
        DataSource ds = TestDatabases.freshH2();
        PaymentSchema.migrate(ds);
        return JdbiPaymentRepository.create(ds);
    }
}
