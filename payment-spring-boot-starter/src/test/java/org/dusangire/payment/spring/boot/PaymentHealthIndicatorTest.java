package org.dusangire.payment.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.testkit.InMemoryPaymentRepository;
import org.dusangire.payment.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DelegatingDataSource;

class PaymentHealthIndicatorTest {
    private final AtomicBoolean databaseDown = new AtomicBoolean();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PaymentJdbiAutoConfiguration.class,
                    PaymentAutoConfiguration.class, PaymentHealthAutoConfiguration.class))
            .withBean(DataSource.class, () -> new SwitchableDataSource(StarterFixtures.h2(), databaseDown))
            .withPropertyValues("site-url=https://hospital.example", "payment.reconcile.enabled=false");

    @Test
    void thePaymentsComponentIsUpWhileTheStoreAnswersAndDownWhenItDoesNot() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasBean("paymentsHealthIndicator");
            HealthIndicator indicator = context.getBean("paymentsHealthIndicator", HealthIndicator.class);

            Health up = indicator.health();
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsEntry("storeReachable", true)
                    .containsEntry("pending", 0L).doesNotContainKey("status");

            databaseDown.set(true);
            Health down = indicator.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsEntry("storeReachable", false);
        });
    }

    @Test
    void aServiceThatNeedsAPersonIsDegradedWithItsReasons() {
        MutableClock clock = MutableClock.startingAt("2026-03-01T08:00:00Z");
        PaymentService service = PaymentService.builder()
                .config(PaymentConfig.builder().siteUrl("https://hospital.example").build())
                .repository(new InMemoryPaymentRepository()).clock(clock).build();
        clock.advance(Duration.ofHours(1));   // built long ago, and no reconciliation pass since

        Health health = new PaymentHealthIndicator(service).health();

        assertThat(health.getStatus()).isEqualTo(PaymentHealthIndicator.DEGRADED);
        assertThat(health.getDetails().get("reasons")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.list(String.class))
                .anySatisfy(reason -> assertThat(reason).containsIgnoringCase("reconcil"));
    }

    @Test
    void noComponentWithoutActuatorOrWhenSwitchedOff() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean("paymentsHealthIndicator"));
        runner.withPropertyValues("management.health.payments.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean("paymentsHealthIndicator"));
    }

    /** The application's database, which a test can take away. */
    private static final class SwitchableDataSource extends DelegatingDataSource {
        private final AtomicBoolean down;

        SwitchableDataSource(DataSource target, AtomicBoolean down) {
            super(target);
            this.down = down;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down.get()) {
                throw new SQLException("connection refused (the test took the database away)");
            }
            return super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }
    }
}
