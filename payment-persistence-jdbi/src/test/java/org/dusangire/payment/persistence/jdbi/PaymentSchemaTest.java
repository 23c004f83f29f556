package org.dusangire.payment.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Flyway migrations on H2 and PostgreSQL: idempotent, data-preserving, prefix-aware. */
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

        assertThat(a.findById(inA.id())).isPresent();
        assertThat(b.findById(inA.id())).isEmpty();
        assertThat(count(ds, history("shop_a_"))).isEqualTo(count(ds, history("shop_b_")));
        assertThat(count(ds, "flyway_schema_history")).as("host's own Flyway table untouched").isZero();
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
