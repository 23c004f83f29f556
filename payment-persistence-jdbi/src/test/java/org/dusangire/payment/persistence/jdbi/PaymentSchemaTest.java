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
import org.dusangire.payment.core.model.Trigger;
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
                .getVersion()).isEqualTo("3");
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
