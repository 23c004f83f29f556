package org.dusangire.payment.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import javax.sql.DataSource;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.Test;

/**
 * Writes run at READ COMMITTED whatever the pool's default, and on a pool that already runs at
 * READ COMMITTED they do not ask for or switch the level: on PostgreSQL each switch is a round
 * trip (three per transaction), so it is counted at the driver's door.
 */
class TransactionIsolationTest {

    @Test
    void aReadCommittedPoolIsNeverAskedOrSwitchedAfterTheFirstTransaction_h2() {
        runAtDefaultLevel(TestDatabases.freshH2());
    }

    @Test
    void aReadCommittedPoolIsNeverAskedOrSwitchedAfterTheFirstTransaction_postgres() {
        TestDatabases.inPostgresSchema("iso",
                TransactionIsolationTest::runAtDefaultLevel);
    }

    @Test
    void aSerializablePoolStillGetsItsWritesAtReadCommittedAndItsLevelBack_h2() {
        runOnSerializablePool(TestDatabases.freshH2());
    }

    @Test
    void aSerializablePoolStillGetsItsWritesAtReadCommittedAndItsLevelBack_postgres() {
        TestDatabases.inPostgresSchema("iso",
                TransactionIsolationTest::runOnSerializablePool);
    }

    private static void runAtDefaultLevel(DataSource target) {
        CountingDataSource counting = new CountingDataSource(target);
        try (HikariDataSource pool = pool(counting.dataSource, null)) {
            PaymentSchema.migrate(pool);
            JdbiPaymentRepository repository = JdbiPaymentRepository.create(pool);
            writeOne(repository);
            counting.reset();
            for (int i = 0; i < 10; i++) {
                writeOne(repository);
            }
            assertThat(counting.sets.get()).as("isolation switches after the first transaction").isZero();
            assertThat(counting.gets.get()).as("isolation questions after the first transaction").isZero();
        }
    }

    private static void runOnSerializablePool(DataSource target) {
        CountingDataSource counting = new CountingDataSource(target);
        try (HikariDataSource pool = pool(counting.dataSource, "TRANSACTION_SERIALIZABLE")) {
            PaymentSchema.migrate(pool);
            JdbiPaymentRepository repository = JdbiPaymentRepository.create(pool);
            writeOne(repository);
            counting.reset();
            Payment stored = writeOne(repository);
            assertThat(counting.readCommittedSets.get()).as("writes switched to READ COMMITTED")
                    .isGreaterThanOrEqualTo(2);
            assertThat(repository.findById(stored.id())).get()
                    .extracting(Payment::status).isEqualTo(PaymentStatus.SUCCEEDED);
            try (Connection c = pool.getConnection()) {
                assertThat(c.getTransactionIsolation()).as("the pool's own level is given back")
                        .isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** An insert and an update that settles the payment: the two writes of every payment. */
    private static Payment writeOne(JdbiPaymentRepository repository) {
        Payment inserted = repository.insert(TestPayments.pending("mtn-momo").build());
        Payment settled = inserted.transition(PaymentStatus.SUCCEEDED, Trigger.VERIFY,
                TestPayments.T0.plusSeconds(60), null);
        return repository.update(settled, null);
    }

    private static HikariDataSource pool(DataSource target, String isolation) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(target);
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(2);
        config.setPoolName("isolation-test");
        if (isolation != null) {
            config.setTransactionIsolation(isolation);
        }
        return new HikariDataSource(config);
    }
}
