package org.dusangire.payment.persistence.jdbi;

import com.zaxxer.hikari.HikariDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.dusangire.payment.core.error.PaymentStoreUnavailableException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** A store that cannot be reached or refuses writes ends in PaymentStoreUnavailableException. */
class StoreUnavailableTest {
    private static final InboxKey KEY = new InboxKey("mtn-momo", "e1");
    private static final Payment PAYMENT = TestPayments.pending("mtn-momo").build();
    private static final Refund REFUND = TestPayments.pendingRefund(PAYMENT, "500",
            TestPayments.T0).build();
    private static final List<Consumer<PaymentRepository>> EVERY_METHOD = List.of(
            r -> r.insert(TestPayments.pending("mtn-momo").build()),
            r -> r.findById(PaymentId.random()),
            r -> r.findByIdempotencyKey("k"),
            r -> r.findByProviderReference("g", "r"),
            r -> r.update(TestPayments.pending("mtn-momo").build(), KEY),
            r -> r.claimStalePending(TestPayments.T0, TestPayments.T0, Duration.ofMinutes(1), 5),
            r -> r.recordInbound(InboxEntry.received(KEY, null, TestPayments.T0, "{}")),
            r -> r.markInboundProcessed(KEY, TestPayments.T0, "PROCESSED"),
            r -> r.findUnprocessedInbound(TestPayments.T0, 5),
            r -> r.findInbound(KEY),
            r -> r.findRecent(5),
            r -> r.pendingBacklog(),
            r -> r.insertRefund(REFUND, PAYMENT),
            r -> r.updateRefund(REFUND, PAYMENT),
            r -> r.findRefund(RefundId.random()),
            r -> r.findRefundByIdempotencyKey("k"),
            r -> r.findRefunds(PaymentId.random()),
            r -> r.claimStalePendingRefunds(TestPayments.T0, TestPayments.T0,
                    Duration.ofMinutes(1), 5));

    @Test
    void closedDataSourceFailsEveryMethodAsUnavailable() {
        DataSource h2 = TestDatabases.freshH2();
        PaymentSchema.migrate(h2);
        HikariDataSource pool = TestPool.of(h2, 1);
        JdbiPaymentRepository repo = JdbiPaymentRepository.create(pool);
        repo.findRecent(1);
        pool.close();
        {
            for (Consumer<PaymentRepository> call : EVERY_METHOD) {
                assertThatThrownBy(() -> call.accept(repo))
                        .isInstanceOf(PaymentStoreUnavailableException.class)
                        .hasMessageContaining("payment store");
            }
        }
    }

    @Test
    void unreachablePostgresIsReportedAsUnreachable() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {1});
        ds.setDatabaseName("test");
        ds.setUser("postgres");
        ds.setConnectTimeout(2);
        JdbiPaymentRepository repo = JdbiPaymentRepository.create(ds);

        assertThatThrownBy(() -> repo.insert(TestPayments.pending("mtn-momo").build()))
                .isInstanceOf(PaymentStoreUnavailableException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void readOnlyPostgresRefusesTheWriteAndKeepsNothing() {
        String schema = TestDatabases.createPostgresSchema("readonly");
        try {
            PaymentSchema.migrate(TestDatabases.postgres(schema));
            PGSimpleDataSource readOnly = (PGSimpleDataSource) TestDatabases.postgres(schema);
            readOnly.setOptions("-c default_transaction_read_only=on");
            JdbiPaymentRepository repo = JdbiPaymentRepository.create(readOnly);
            Payment payment = TestPayments.pending("mtn-momo").build();

            assertThatThrownBy(() -> repo.insert(payment))
                    .isInstanceOf(PaymentStoreUnavailableException.class)
                    .hasMessageContaining("read-only");
            assertThat(JdbiPaymentRepository.create(TestDatabases.postgres(schema))
                    .findById(payment.id())).isEmpty();
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }
}
