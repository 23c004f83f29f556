package org.dusangire.payment.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentEvent;
import org.dusangire.payment.core.port.RefundWrite;
import org.dusangire.payment.core.port.StoredAnomaly;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Flyway migrations on H2 and PostgreSQL: idempotent, data-preserving (also from one version
 * to the next), prefix-aware.
 */
class PaymentSchemaTest {
    private static String schema;

    @BeforeAll
    static void createSchema() {
        schema = TestDatabases.createPostgresSchema("schema");
    }

    @AfterAll
    static void dropSchema() {
        TestDatabases.dropPostgresSchema(schema);
    }

    @Test
    void migratingTwiceChangesNothingAndKeepsPaymentsOnH2() throws SQLException {
        migratingTwiceKeepsPayments(TestDatabases.freshH2(), "pay_");
    }

    @Test
    void migratingTwiceChangesNothingAndKeepsPaymentsOnPostgres() throws SQLException {
        migratingTwiceKeepsPayments(TestDatabases.postgres(schema), "pay_");
    }

    @Test
    void twoPrefixesLiveSideBySideBesideTheHostsOwnTablesOnPostgres() throws SQLException {
        DataSource ds = TestDatabases.postgres(schema);
        TestDatabases.execute(ds, "CREATE TABLE host_orders (id BIGINT PRIMARY KEY)");
        TestDatabases.execute(ds, "CREATE TABLE flyway_schema_history (host_owned INT)");

        PaymentSchema.migrate(ds, "shop_a_");
        PaymentSchema.migrate(ds, "shop_b_");
        JdbiPaymentRepository a = JdbiPaymentRepository.create(ds, "shop_a_");
        JdbiPaymentRepository b = JdbiPaymentRepository.create(ds, "shop_b_");
        Payment inA = a.insert(TestPayments.pending("mtn-momo").build());
        Refund refundInA = TestPayments.pendingRefund(inA, "500", TestPayments.T0).build();
        a.insertRefund(refundInA, inA.toBuilder().refundReservedAmount(Money.of("500", "UGX"))
                .build());
        Instant later = TestPayments.T0.plus(Duration.ofHours(1));

        assertThat(a.findById(inA.id())).isPresent();
        assertThat(b.findById(inA.id())).isEmpty();
        assertThat(b.findRefund(refundInA.id())).isEmpty();
        assertThat(b.findRefunds(inA.id())).isEmpty();
        assertThat(b.claimStalePendingRefunds(later, later, Duration.ofMinutes(1), 10)).isEmpty();
        assertThat(a.claimStalePendingRefunds(later, later, Duration.ofMinutes(1), 10))
                .extracting(Refund::id).containsExactly(refundInA.id());
        assertThat(b.findEventsOf(inA.id())).isEmpty();
        assertThat(b.claimEvents(later, Duration.ofMinutes(1), 10, null)).isEmpty();
        assertThat(b.sequenceEvents(10)).isZero();
        assertThat(a.claimEvents(later, Duration.ofMinutes(1), 10, null))
                .extracting(PaymentEvent::refundId).containsExactly(refundInA.id());
        assertThat(count(ds, history("shop_a_"))).isEqualTo(count(ds, history("shop_b_")));
        assertThat(count(ds, "flyway_schema_history")).as("host's own Flyway table untouched").isZero();
    }

    @Test
    void paymentsStoredBeforeRefundsHadTablesReserveNothingAndTakeRefundsOnH2() throws SQLException {
        upgradeFromVersionOne(TestDatabases.freshH2(), "pay_");
    }

    @Test
    void paymentsStoredBeforeRefundsHadTablesReserveNothingAndTakeRefundsOnPostgres()
            throws SQLException {
        upgradeFromVersionOne(TestDatabases.postgres(schema), "upgraded_");
    }

    @Test
    void aStoreAtVersionTwoWithAPendingRefundUpgradesAndKeepsEventsOfNewChangesOnlyOnH2()
            throws SQLException {
        upgradeFromVersionTwo(TestDatabases.freshH2(), "pay_");
    }

    @Test
    void aStoreAtVersionTwoWithAPendingRefundUpgradesAndKeepsEventsOfNewChangesOnlyOnPostgres()
            throws SQLException {
        upgradeFromVersionTwo(TestDatabases.postgres(schema), "from_v2_");
    }

    @Test
    void prefixesThatCouldInjectSqlAreRefused() {
        DataSource ds = TestDatabases.freshH2();
        for (String bad : new String[] {"", "Pay_", "pay;drop", "1pay_", "pay-", "a".repeat(21)}) {
            assertThatThrownBy(() -> PaymentSchema.migrate(ds, bad))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> JdbiPaymentRepository.create(ds, bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static void migratingTwiceKeepsPayments(DataSource ds, String prefix)
            throws SQLException {
        PaymentSchema.migrate(ds, prefix);
        JdbiPaymentRepository repo = JdbiPaymentRepository.create(ds, prefix);
        Payment stored = repo.insert(TestPayments.pending("mtn-momo").build());
        repo.update(stored.transition(PaymentStatus.SUCCEEDED, Trigger.WEBHOOK,
                stored.createdAt().plusSeconds(1), null));
        long applied = count(ds, history(prefix));

        PaymentSchema.migrate(ds, prefix);
        PaymentSchema.migrate(ds, prefix);

        assertThat(count(ds, history(prefix))).isEqualTo(applied);
        Payment found = repo.findById(stored.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(found.history()).hasSize(2);
        assertThat(count(ds, prefix + "payments")).isEqualTo(1);
    }

    /**
     * A store at V1 with a partly refunded payment written as V1 knew it (no reserved amount),
     * then migrated: the payment reserves nothing, and a refund of the rest can be reserved.
     */
    private static void upgradeFromVersionOne(DataSource ds, String prefix) throws SQLException {
        PaymentSchema.flyway(ds, prefix).target("1").load().migrate();
        UUID id = UUID.randomUUID();
        OffsetDateTime t0 = OffsetDateTime.ofInstant(TestPayments.T0, ZoneOffset.UTC);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + prefix + "payments (id, order_reference, idempotency_key, amount,"
                        + " currency, method, payer_email, status, gateway_name,"
                        + " provider_reference, outcome_unknown, refunded_amount, created_at,"
                        + " updated_at, expires_at, version)"
                        + " VALUES (?, 'ORDER-1', ?, ?, 'UGX', 'MTN_MOBILE_MONEY',"
                        + " 'patient@example.org', 'PARTIALLY_REFUNDED', 'mtn-momo', ?, FALSE, ?,"
                        + " ?, ?, ?, 4)")) {
            ps.setObject(1, id);
            ps.setString(2, "key-" + id);
            ps.setBigDecimal(3, new BigDecimal("1500"));
            ps.setString(4, id.toString());
            ps.setBigDecimal(5, new BigDecimal("500"));
            ps.setObject(6, t0);
            ps.setObject(7, t0);
            ps.setObject(8, t0.plusMinutes(30));
            ps.executeUpdate();
        }

        PaymentSchema.migrate(ds, prefix);

        JdbiPaymentRepository repo = JdbiPaymentRepository.create(ds, prefix);
        Payment found = repo.findById(new PaymentId(id)).orElseThrow();
        assertThat(found.refundReservedAmount()).isEqualTo(Money.of("0", "UGX"));
        assertThat(found.refundableAmount()).isEqualTo(Money.of("1000", "UGX"));
        Refund rest = TestPayments.pendingRefund(found, "1000", TestPayments.T0.plusSeconds(60))
                .build();
        repo.insertRefund(rest, found.toBuilder().refundReservedAmount(Money.of("1000", "UGX"))
                .build());
        assertThat(repo.findRefunds(found.id())).extracting(Refund::id).containsExactly(rest.id());
        assertThat(repo.findById(found.id()).orElseThrow().refundableAmount().isZero()).isTrue();
        assertThat(PaymentSchema.flyway(ds, prefix).load().info().current().getVersion()
                .getVersion()).isEqualTo("5");
    }

    /**
     * A store at V2 holding a paid payment with a pending refund of 500 reserved on it, written
     * as V2 knew them, then migrated: both read back intact, the history written before has no
     * events, and settling the refund stores the events of its new entries only, which the
     * sequencer numbers from 1; anomalies can be kept.
     */
    private static void upgradeFromVersionTwo(DataSource ds, String prefix) throws SQLException {
        PaymentSchema.flyway(ds, prefix).target("2").load().migrate();
        UUID paymentId = UUID.randomUUID();
        UUID refundId = UUID.randomUUID();
        OffsetDateTime t0 = OffsetDateTime.ofInstant(TestPayments.T0, ZoneOffset.UTC);
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefix + "payments"
                    + " (id, order_reference, idempotency_key, amount, currency, method,"
                    + " payer_email, status, gateway_name, provider_reference, outcome_unknown,"
                    + " refunded_amount, refund_reserved_amount, created_at, updated_at,"
                    + " expires_at, version) VALUES (?, 'ORDER-2', ?, 1500, 'UGX',"
                    + " 'MTN_MOBILE_MONEY', 'patient@example.org', 'SUCCEEDED', 'mtn-momo', ?,"
                    + " FALSE, 0, 500, ?, ?, ?, 2)")) {
                ps.setObject(1, paymentId);
                ps.setString(2, "key-" + paymentId);
                ps.setString(3, paymentId.toString());
                ps.setObject(4, t0);
                ps.setObject(5, t0.plusMinutes(2));
                ps.setObject(6, t0.plusMinutes(30));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefix
                    + "payment_history (payment_id, seq, from_status, to_status, changed_at,"
                    + " change_trigger, detail) VALUES (?, 0, NULL, 'PENDING', ?, 'INITIATION',"
                    + " NULL), (?, 1, 'PENDING', 'SUCCEEDED', ?, 'WEBHOOK', NULL)")) {
                ps.setObject(1, paymentId);
                ps.setObject(2, t0);
                ps.setObject(3, paymentId);
                ps.setObject(4, t0.plusMinutes(1));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefix + "refunds"
                    + " (id, payment_id, gateway_name, amount, currency, reason, actor, status,"
                    + " outcome_unknown, created_at, updated_at, version) VALUES (?, ?,"
                    + " 'mtn-momo', 500, 'UGX', 'item returned', 'cashier-7', 'PENDING', TRUE, ?,"
                    + " ?, 0)")) {
                ps.setObject(1, refundId);
                ps.setObject(2, paymentId);
                ps.setObject(3, t0.plusMinutes(2));
                ps.setObject(4, t0.plusMinutes(2));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefix
                    + "refund_history (refund_id, seq, from_status, to_status, changed_at,"
                    + " change_trigger, detail) VALUES (?, 0, NULL, 'PENDING', ?, 'REFUND',"
                    + " NULL)")) {
                ps.setObject(1, refundId);
                ps.setObject(2, t0.plusMinutes(2));
                ps.executeUpdate();
            }
        }

        PaymentSchema.migrate(ds, prefix);

        JdbiPaymentRepository repo = JdbiPaymentRepository.create(ds, prefix);
        Payment payment = repo.findById(new PaymentId(paymentId)).orElseThrow();
        Refund refund = repo.findRefund(new RefundId(refundId)).orElseThrow();
        assertThat(payment.history()).hasSize(2);
        assertThat(payment.refundReservedAmount()).isEqualTo(Money.of("500", "UGX"));
        assertThat(refund.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(repo.findEventsOf(payment.id())).as("no events for what V2 wrote").isEmpty();
        assertThat(repo.sequenceEvents(10)).isZero();

        Instant at = TestPayments.T0.plusSeconds(600);
        Refund settled = refund.transition(RefundStatus.SUCCEEDED, Trigger.RECONCILE, at, null);
        Payment refunded = payment.transition(PaymentStatus.PARTIALLY_REFUNDED, Trigger.REFUND, at,
                "refund of 500 UGX").toBuilder().refundedAmount(Money.of("500", "UGX"))
                .refundReservedAmount(Money.of("0", "UGX")).build();
        // a fresh instance, which never read them: it counts the stored histories
        RefundWrite written = JdbiPaymentRepository.create(ds, prefix).updateRefund(settled,
                refunded);

        assertThat(repo.findEventsOf(payment.id())).containsExactly(
                PaymentEvent.ofRefundChange(written.refund(), 1),
                PaymentEvent.ofPaymentChange(written.payment(), 2));
        assertThat(repo.sequenceEvents(10)).isEqualTo(2);
        assertThat(repo.findEvents(0, 10)).extracting(PaymentEvent::position).containsExactly(1L, 2L);
        PaymentAnomaly anomaly = new PaymentAnomaly(PaymentAnomaly.Kind.UNKNOWN_REFERENCE,
                "not-ours", "mtn-momo", "after the upgrade", at);
        repo.recordAnomaly(anomaly);
        assertThat(repo.findAnomalies(true, 10)).extracting(StoredAnomaly::anomaly)
                .containsExactly(anomaly);
        assertThat(PaymentSchema.flyway(ds, prefix).load().info().current().getVersion()
                .getVersion()).isEqualTo("5");
    }

    /** Flyway creates its table quoted, in lower case, on every database. */
    private static String history(String prefix) {
        return "\"" + prefix + "schema_history\"";
    }

    private static long count(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
