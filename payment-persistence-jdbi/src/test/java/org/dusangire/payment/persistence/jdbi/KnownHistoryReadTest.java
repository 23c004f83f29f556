package org.dusangire.payment.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.Test;

/**
 * A read by id of a payment whose history this repository already saw at the stored version
 * reads the row alone (no join) and still answers the whole history; at any other version, as
 * after another instance's change, it reads the join and answers the stored history. Statements
 * are counted at the driver's door, on H2 and on PostgreSQL.
 */
class KnownHistoryReadTest {

    @Test
    void aPaymentSeenAtItsStoredVersionIsReadWithoutTheJoin_h2() {
        readsKnownHistoryOnlyAtItsVersion(TestDatabases.freshH2());
    }

    @Test
    void aPaymentSeenAtItsStoredVersionIsReadWithoutTheJoin_postgres() {
        String schema = TestDatabases.createPostgresSchema("known");
        try {
            readsKnownHistoryOnlyAtItsVersion(TestDatabases.postgres(schema));
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    private static void readsKnownHistoryOnlyAtItsVersion(DataSource target) {
        CountingDataSource counting = new CountingDataSource(target);
        try (HikariDataSource pool = TestPool.of(counting.dataSource, 2)) {
            PaymentSchema.migrate(pool);
            JdbiPaymentRepository here = JdbiPaymentRepository.create(pool);
            JdbiPaymentRepository elsewhere = JdbiPaymentRepository.create(pool);
            Payment stored = here.insert(TestPayments.pending("mtn-momo", TestPayments.T0).build());
            Payment paid = here.update(stored.transition(PaymentStatus.SUCCEEDED, Trigger.WEBHOOK,
                    TestPayments.T0.plusSeconds(5), "confirmed"));

            counting.reset();
            Payment found = here.findById(paid.id()).orElseThrow();
            assertThat(found.version()).isEqualTo(1);
            assertThat(found.history()).hasSize(2).containsExactlyElementsOf(paid.history());
            assertThat(counting.prepared).as("the read of a payment written here")
                    .singleElement().asString().doesNotContainIgnoringCase("join");

            // a repository that never saw the payment reads the join, in one statement
            counting.reset();
            Payment there = elsewhere.findById(paid.id()).orElseThrow();
            assertThat(there.history()).containsExactlyElementsOf(paid.history());
            assertThat(counting.prepared).singleElement().asString().containsIgnoringCase("join");

            // another instance moves it on: what "here" knows is of version 1, not the stored 2
            Payment refunded = elsewhere.update(there.toBuilder()
                    .refundedAmount(Money.of("500", "UGX")).build()
                    .transition(PaymentStatus.PARTIALLY_REFUNDED, Trigger.REFUND,
                            TestPayments.T0.plusSeconds(9), null));
            counting.reset();
            Payment again = here.findById(paid.id()).orElseThrow();
            assertThat(again.version()).isEqualTo(2);
            assertThat(again.refundedAmount()).isEqualTo(Money.of("500", "UGX"));
            assertThat(again.history()).hasSize(3).containsExactlyElementsOf(refunded.history());
            assertThat(counting.prepared).as("the row, then the join").hasSize(2);
            assertThat(counting.prepared.get(1)).containsIgnoringCase("join");

            // and now "here" knows version 2: the row alone again
            counting.reset();
            assertThat(here.findById(paid.id()).orElseThrow().history())
                    .containsExactlyElementsOf(refunded.history());
            assertThat(counting.prepared).singleElement().asString()
                    .doesNotContainIgnoringCase("join");
        }
    }
}
