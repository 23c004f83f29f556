package org.dusangire.payment.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.service.PaymentHealth;
import org.dusangire.payment.core.service.PaymentHealth.Status;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.testkit.MutableClock;
import org.dusangire.payment.testkit.ScriptedPaymentGateway;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.Test;

/**
 * {@link PaymentService#health()} on the Jdbi store, H2 and PostgreSQL: the backlog comes from
 * the database, and a store that cannot be reached makes the service DOWN without throwing.
 */
class JdbiHealthTest {

    @Test
    void healthOnH2CountsTheBacklogAndIsDownWhenThePoolIsGone() {
        DataSource h2 = TestDatabases.freshH2();
        PaymentSchema.migrate(h2);
        checkHealth(h2);
    }

    @Test
    void healthOnPostgresCountsTheBacklogAndIsDownWhenThePoolIsGone() {
        String schema = TestDatabases.createPostgresSchema("health");
        try {
            DataSource pg = TestDatabases.postgres(schema);
            PaymentSchema.migrate(pg);
            checkHealth(pg);
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    private static void checkHealth(DataSource database) {
        MutableClock clock = new MutableClock(TestPayments.T0);
        ScriptedPaymentGateway mtn = ScriptedPaymentGateway.named("mtn-momo",
                PaymentMethod.MTN_MOBILE_MONEY);
        HikariDataSource pool = TestPool.of(database, 2);
        try {
            PaymentService service = PaymentService.builder()
                    .config(PaymentConfig.builder().siteUrl("https://hospital.example")
                            .reconcileAfter(Duration.ofMinutes(2)).build())
                    .repository(JdbiPaymentRepository.create(pool))
                    .gateway(mtn).clock(clock).build();
            service.initiate(TestPayments.mtnCheckout().build());
            clock.advance(Duration.ofSeconds(90));
            mtn.script(ScriptedPaymentGateway.InitiationOutcome.TIMEOUT_BEFORE_PROVIDER);
            service.initiate(TestPayments.mtnCheckout().build());
            clock.advance(Duration.ofSeconds(30));
            service.reconcile();

            PaymentHealth up = service.health();

            assertThat(up.storeReachable()).isTrue();
            assertThat(up.backlog()).hasValueSatisfying(b -> {
                assertThat(b.pending()).isEqualTo(2);
                assertThat(b.outcomeUnknown()).isEqualTo(1);
            });
            assertThat(up.oldestPendingAge()).contains(Duration.ofMinutes(2));
            assertThat(up.parkedEvents()).hasValue(0);
            assertThat(up.lastReconcileAt()).contains(clock.instant());
            assertThat(up.status()).isEqualTo(Status.DEGRADED); // the timed-out initiation
            assertThat(up.reasons()).containsExactly(
                    "gateway mtn-momo failing: initiate: outcome unknown");

            pool.close();
            PaymentHealth down = service.health();

            assertThat(down.status()).isEqualTo(Status.DOWN);
            assertThat(down.storeReachable()).isFalse();
            assertThat(down.backlog()).isEmpty();
        } finally {
            pool.close(); // again, when an assertion stopped the test before
        }
    }
}
