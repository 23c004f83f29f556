package org.dusangire.payment.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

/**
 * An application that runs its own Flyway with Spring Boot's defaults ({@code classpath:db/migration})
 * must not pick up the library's scripts, which need the library's placeholders and history table.
 */
class HostFlywayTest {
    private static final String BOOT_3_FLYWAY =
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration";

    @Test
    void theApplicationsFlywayLeavesTheLibrarysScriptsAlone() {
        assumeTrue(ClassUtils.isPresent(BOOT_3_FLYWAY, null), "Boot 3's Flyway auto-configuration");
        JdbcDataSource database = StarterFixtures.h2();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ClassUtils.resolveClassName(BOOT_3_FLYWAY, null),
                        PaymentJdbiAutoConfiguration.class, PaymentAutoConfiguration.class))
                .withBean(DataSource.class, () -> database)
                .withPropertyValues("site-url=https://hospital.example", "payment.reconcile.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(StarterFixtures.paymentTables(database)).isPositive();
                });
    }
}
