package org.dusangire.payment.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentEvent;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.Test;

/**
 * A host pool with auto-commit off: every write must still be committed, not rolled back when
 * the pool takes its connection back (the outbox's too: events, anomalies, feed positions and
 * deliveries). Read back through a second pool that shares nothing.
 */
class NoAutoCommitPoolTest {

    @Test
    void writesOnAPoolWithoutAutoCommitAreKept_h2() {
        DataSource target = TestDatabases.freshH2();
        PaymentSchema.migrate(target);
        writeAndReadBack(target);
    }

    @Test
    void writesOnAPoolWithoutAutoCommitAreKept_postgres() {
        String schema = TestDatabases.createPostgresSchema("noauto");
        try {
            DataSource target = TestDatabases.postgres(schema);
            PaymentSchema.migrate(target);
            writeAndReadBack(target);
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    private static void writeAndReadBack(DataSource target) {
        Payment inserted;
        InboxKey event;
        try (HikariDataSource pool = pool(target, false)) {
            JdbiPaymentRepository repository = JdbiPaymentRepository.create(pool);
            inserted = repository.insert(TestPayments.pending("mtn-momo").build());
            event = new InboxKey("mtn-momo", "evt-" + inserted.id());
            assertThat(repository.recordInbound(InboxEntry.received(event,
                    inserted.id().toString(), TestPayments.T0, "{}"))).isTrue();
            Instant at = TestPayments.T0.plusSeconds(5);
            repository.update(inserted.transition(PaymentStatus.SUCCEEDED, Trigger.WEBHOOK, at,
                    null), event);
            repository.recordAnomaly(new PaymentAnomaly(PaymentAnomaly.Kind.UNKNOWN_REFERENCE,
                    "not-ours", "mtn-momo", "kept on a pool without auto-commit", at));
            assertThat(repository.sequenceEvents(10)).isEqualTo(2);
            PaymentEvent claimed = repository.claimEvents(at, Duration.ofMinutes(1), 10,
                    inserted.id()).get(0);
            repository.markEventDelivered(claimed.id(), at);
        }
        try (HikariDataSource other = pool(target, true)) {
            JdbiPaymentRepository fresh = JdbiPaymentRepository.create(other);
            Payment read = fresh.findById(inserted.id()).orElseThrow();
            assertThat(read.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(read.version()).isEqualTo(1);
            assertThat(read.history()).hasSize(2);
            assertThat(fresh.findInbound(event).orElseThrow().isProcessed()).isTrue();
            assertThat(fresh.findEvents(0, 10)).extracting(PaymentEvent::type).containsExactly(
                    PaymentEvent.Type.PAYMENT_STATUS_CHANGED, PaymentEvent.Type.ANOMALY);
            assertThat(fresh.findAnomalies(true, 10)).hasSize(1);
            // after the first claim's lease: only the delivery keeps it from being claimed
            assertThat(fresh.claimEvents(TestPayments.T0.plusSeconds(3600),
                    Duration.ofMinutes(1), 10, inserted.id()))
                    .as("delivered, so not claimed again").isEmpty();
        }
    }

    private static HikariDataSource pool(DataSource target, boolean autoCommit) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(target);
        config.setMaximumPoolSize(2);
        config.setAutoCommit(autoCommit);
        config.setPoolName("auto-commit-" + autoCommit);
        return new HikariDataSource(config);
    }
}
