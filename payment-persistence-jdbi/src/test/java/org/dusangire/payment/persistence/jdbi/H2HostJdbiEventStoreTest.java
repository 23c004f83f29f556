package org.dusangire.payment.persistence.jdbi;

import javax.sql.DataSource;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.testkit.PaymentEventStoreContract;
import org.jdbi.v3.core.Jdbi;

/** The outbox contract on the host's own {@link Jdbi}, in-memory H2 (see H2HostJdbiPaymentRepositoryTest). */
class H2HostJdbiEventStoreTest extends PaymentEventStoreContract {
    @Override
    protected PaymentRepository createRepository() {
        DataSource ds = TestDatabases.freshH2();
        PaymentSchema.migrate(ds);
        return JdbiPaymentRepository.create(Jdbi.create(ds));
    }
}
