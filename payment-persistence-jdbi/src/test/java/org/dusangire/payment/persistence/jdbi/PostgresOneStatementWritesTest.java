package org.dusangire.payment.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentEvent;
import org.dusangire.payment.core.port.RefundWrite;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL every payment write is one statement: the insert with its history row, and the
 * guarded update with its new history, their events and its inbox mark, each one auto-committed
 * round trip; a lost race still writes nothing, no event either. Counted at the driver's door.
 */
class PostgresOneStatementWritesTest {
    private String schema;
    private CountingDataSource counting;
    private HikariDataSource pool;
    private JdbiPaymentRepository repository;

    @BeforeEach
    void start() {
        schema = TestDatabases.createPostgresSchema("onestmt");
        counting = new CountingDataSource(TestDatabases.postgres(schema));
        HikariConfig config = new HikariConfig();
        config.setDataSource(counting.dataSource);
        config.setMaximumPoolSize(2);
        config.setPoolName("one-statement-test");
        pool = new HikariDataSource(config);
        PaymentSchema.migrate(pool);
        repository = JdbiPaymentRepository.create(pool);
        repository.insert(TestPayments.pending("mtn-momo").build()); // asks dialect and level once
    }

    @AfterEach
    void stop() {
        pool.close();
        TestDatabases.dropPostgresSchema(schema);
    }

    @Test
    void insertAndGuardedUpdateWithInboxMarkAreOneStatementEachWithoutCommit() {
        counting.reset();
        Payment inserted = repository.insert(TestPayments.pending("mtn-momo").build());
        assertThat(counting.statements.get()).as("statements for the insert").isEqualTo(1);
        InboxKey event = new InboxKey("mtn-momo", "evt-" + inserted.id());
        repository.recordInbound(InboxEntry.received(event, inserted.id().toString(),
                TestPayments.T0, "{}"));

        counting.reset();
        Instant at = TestPayments.T0.plusSeconds(5);
        Payment settled = inserted.transition(PaymentStatus.SUCCEEDED, Trigger.WEBHOOK, at, null);
        Payment stored = repository.update(settled, event);

        assertThat(counting.statements.get()).as("statements for the update").isEqualTo(1);
        assertThat(counting.commits.get()).as("separate commits").isZero();
        Payment read = repository.findById(stored.id()).orElseThrow();
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(read.history()).extracting(c -> c.to())
                .containsExactly(PaymentStatus.PENDING, PaymentStatus.SUCCEEDED);
        assertThat(repository.findInbound(event).orElseThrow().processedAt()).isEqualTo(at);
        assertThat(repository.findEventsOf(stored.id()))
                .containsExactly(PaymentEvent.ofPaymentChange(stored, 1));
    }

    @Test
    void theOneStatementUpdateWritesAnEventForEachNewEntryInOrder() {
        Payment inserted = repository.insert(TestPayments.pending("mtn-momo").build());
        Instant at = TestPayments.T0.plusSeconds(5);
        // two changes in one write (paid, then refunded in full), as an import or a late
        // reconciliation may store them
        Payment twice = inserted.transition(PaymentStatus.SUCCEEDED, Trigger.RECONCILE, at, null)
                .transition(PaymentStatus.REFUNDED, Trigger.REFUND, at.plusSeconds(1), "returned")
                .toBuilder().refundedAmount(Money.of("1500", "UGX")).build();

        counting.reset();
        Payment stored = repository.update(twice);

        assertThat(counting.statements.get()).as("statements for the update").isEqualTo(1);
        assertThat(repository.findEventsOf(stored.id())).containsExactly(
                PaymentEvent.ofPaymentChange(stored, 1), PaymentEvent.ofPaymentChange(stored, 2));
        // only the entries this write added: the next write adds one event, not three
        Payment touched = repository.update(stored.toBuilder().lastGatewayResponse("{}").build());
        assertThat(repository.findEventsOf(touched.id())).hasSize(2);
    }

    @Test
    void anUpdateAfterARefundsReservationIsStillOneStatementAndKeepsTheReservation() {
        Payment inserted = repository.insert(TestPayments.pending("mtn-momo").build());
        Instant at = TestPayments.T0.plusSeconds(5);
        Payment paid = repository.update(inserted.transition(PaymentStatus.SUCCEEDED,
                Trigger.WEBHOOK, at, null));
        Refund refund = TestPayments.pendingRefund(paid, "500", at.plusSeconds(1)).build();
        RefundWrite reserved = repository.insertRefund(refund, paid.toBuilder()
                .refundReservedAmount(Money.of("500", "UGX")).build());

        counting.reset();
        Payment touched = repository.update(reserved.payment().toBuilder()
                .lastGatewayResponse("{\"checked\":true}").build());

        assertThat(counting.statements.get()).as("statements for the update").isEqualTo(1);
        Payment read = repository.findById(paid.id()).orElseThrow();
        assertThat(read.version()).isEqualTo(touched.version()).isEqualTo(3);
        assertThat(read.refundReservedAmount()).isEqualTo(Money.of("500", "UGX"));
        assertThat(read.history()).hasSize(2);
    }

    @Test
    void aLostRaceInTheOneStatementWritesNeitherHistoryNorInboxMark() {
        Payment inserted = repository.insert(TestPayments.pending("mtn-momo").build());
        InboxKey event = new InboxKey("mtn-momo", "evt-" + inserted.id());
        repository.recordInbound(InboxEntry.received(event, inserted.id().toString(),
                TestPayments.T0, "{}"));
        Instant at = TestPayments.T0.plusSeconds(5);
        repository.update(inserted.transition(PaymentStatus.SUCCEEDED, Trigger.RECONCILE, at, null));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> repository.update(
                        inserted.transition(PaymentStatus.FAILED, Trigger.WEBHOOK, at, "late"), event))
                .isInstanceOf(org.dusangire.payment.core.error.ConcurrentPaymentModificationException.class);

        Payment read = repository.findById(inserted.id()).orElseThrow();
        assertThat(read.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(read.history()).hasSize(2);
        assertThat(repository.findInbound(event).orElseThrow().isProcessed()).isFalse();
        assertThat(repository.findEventsOf(inserted.id())).extracting(PaymentEvent::to)
                .containsExactly("SUCCEEDED");
    }

    @Test
    void aLostRaceInTheOneStatementWritesNoEventEvenWhenItsHistoryIsKnown() {
        Payment inserted = repository.insert(TestPayments.pending("mtn-momo").build());
        Instant at = TestPayments.T0.plusSeconds(5);
        // another instance, which this one never hears of, changes the payment first
        JdbiPaymentRepository other = JdbiPaymentRepository.create(pool);
        other.update(inserted.transition(PaymentStatus.SUCCEEDED, Trigger.RECONCILE, at, null));

        counting.reset();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> repository.update(
                        inserted.transition(PaymentStatus.FAILED, Trigger.WEBHOOK, at, "late")))
                .isInstanceOf(org.dusangire.payment.core.error.ConcurrentPaymentModificationException.class);

        assertThat(counting.statements.get()).as("the refused update was one statement")
                .isEqualTo(1);
        assertThat(repository.findEventsOf(inserted.id())).extracting(PaymentEvent::to)
                .containsExactly("SUCCEEDED");
        assertThat(repository.findById(inserted.id()).orElseThrow().history()).hasSize(2);
    }
}
