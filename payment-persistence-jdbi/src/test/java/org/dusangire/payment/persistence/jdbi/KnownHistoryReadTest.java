package org.dusangire.payment.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import javax.sql.DataSource;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.testkit.ScriptedPaymentGateway;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.Test;

/**
 * A read by id of a payment whose history this repository already saw at the stored version
 * reads the row alone (no join) and still answers the whole history; at any other version, as
 * after another instance's change, it reads the join and answers the stored history; a history
 * written with a time finer than the microsecond is read by the join, so that every instance
 * answers what is stored. Statements are counted at the driver's door, on H2 and on PostgreSQL.
 */
class KnownHistoryReadTest {

    @Test
    void aPaymentSeenAtItsStoredVersionIsReadWithoutTheJoin_h2() {
        readsKnownHistoryOnlyAtItsVersion(TestDatabases.freshH2());
    }

    @Test
    void aPaymentSeenAtItsStoredVersionIsReadWithoutTheJoin_postgres() {
        TestDatabases.inPostgresSchema("known",
                KnownHistoryReadTest::readsKnownHistoryOnlyAtItsVersion);
    }

    @Test
    void aPaymentTheServiceChangedOnTheSystemClockIsReadWithoutTheJoin_h2() {
        serviceWritesAreReadWithoutTheJoin(TestDatabases.freshH2());
    }

    @Test
    void aPaymentTheServiceChangedOnTheSystemClockIsReadWithoutTheJoin_postgres() {
        TestDatabases.inPostgresSchema("known",
                KnownHistoryReadTest::serviceWritesAreReadWithoutTheJoin);
    }

    /**
     * The service reads its clock to the microsecond, as the stores keep times, so the histories
     * its writes leave are held as stored: its next read of the payment is the row alone.
     */
    private static void serviceWritesAreReadWithoutTheJoin(DataSource target) {
        CountingDataSource counting = new CountingDataSource(target);
        try (HikariDataSource pool = TestPool.of(counting.dataSource, 2)) {
            PaymentSchema.migrate(pool);
            ScriptedPaymentGateway provider = ScriptedPaymentGateway.named("scripted",
                    PaymentMethod.MTN_MOBILE_MONEY);
            PaymentService service = PaymentService.builder()
                    .config(PaymentConfig.builder().environment(PaymentEnvironment.SANDBOX)
                            .siteUrl("https://hospital.example").build())
                    .repository(JdbiPaymentRepository.create(pool))
                    .gateway(provider)
                    .clock(Clock.systemUTC())
                    .build();
            Payment p = service.initiate(TestPayments.mtnCheckout().build()).payment();
            provider.approve(p);
            service.handleWebhook("scripted", provider.webhook(p, ProviderStatus.SUCCEEDED,
                    "evt-1"));

            counting.reset();
            Payment found = service.find(p.id()).orElseThrow();
            assertThat(counting.prepared).singleElement().asString()
                    .doesNotContainIgnoringCase("join");
            assertThat(found.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(found.history()).hasSize(2).containsExactlyElementsOf(
                    JdbiPaymentRepository.create(pool).findById(p.id()).orElseThrow().history());
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

            // a time finer than the store keeps: "here" answers the stored history, as elsewhere
            Payment fine = here.insert(TestPayments.pending("mtn-momo", TestPayments.T0).build());
            here.update(fine.transition(PaymentStatus.FAILED, Trigger.WEBHOOK,
                    TestPayments.T0.plusNanos(1_234_567_891), "declined"));
            counting.reset();
            Payment readHere = here.findById(fine.id()).orElseThrow();
            assertThat(counting.prepared).singleElement().asString().containsIgnoringCase("join");
            assertThat(readHere.history()).containsExactlyElementsOf(
                    JdbiPaymentRepository.create(pool).findById(fine.id()).orElseThrow().history());
            assertThat(readHere.history().get(1).at())
                    .isEqualTo(TestPayments.T0.plusNanos(1_234_568_000));
        }
    }
}
