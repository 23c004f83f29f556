package org.dusangire.payment.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
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
    /** Spring Boot's Flyway auto-configuration: in spring-boot-autoconfigure on 3.x, its own module on 4.x. */
    private static final List<String> BOOT_FLYWAY = List.of(
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");

    @Test
    void theApplicationsFlywayLeavesTheLibrarysScriptsAlone() {
        String flyway = BOOT_FLYWAY.stream().filter(name -> ClassUtils.isPresent(name, null))
                .findFirst().orElse(null);
        assumeTrue(flyway != null, "Spring Boot's Flyway auto-configuration is on the classpath");
        JdbcDataSource database = StarterFixtures.h2();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ClassUtils.resolveClassName(flyway, null),
                        PaymentJdbiAutoConfiguration.class, PaymentAutoConfiguration.class))
                .withBean(DataSource.class, () -> database)
                .withPropertyValues("site-url=https://hospital.example", "payment.reconcile.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(StarterFixtures.paymentTables(database)).isPositive();
                });
    }
}
