package org.dusangire.payment.spring.boot;

import javax.sql.DataSource;
import org.dusangire.payment.core.config.StartupCheck;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.persistence.jdbi.JdbiPaymentRepository;
import org.dusangire.payment.persistence.jdbi.PaymentSchema;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;

/**
 * The Jdbi {@link PaymentRepository} on the application's one {@link DataSource}, with the
 * library's Flyway migrations applied first (under their own history table, so the
 * application's own Flyway is untouched). Runs after Spring Boot's {@code DataSource}
 * auto-configuration, named for both the 3.x and the 4.x package.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@ConditionalOnClass({JdbiPaymentRepository.class, DataSource.class})
@EnableConfigurationProperties(PaymentProperties.class)
public class PaymentJdbiAutoConfiguration {

    /**
     * Migrates (unless {@code payment.jdbi.migrate=false}) and opens the store. It takes the
     * start-up check as an argument so that a refused configuration stops the application
     * before the database is touched. The application's own database initialisation (its
     * Flyway, Liquibase or SQL scripts) runs first, so its Flyway meets the empty schema it
     * expects rather than the library's tables.
     */
    @Bean
    @DependsOnDatabaseInitialization
    @ConditionalOnMissingBean(PaymentRepository.class)
    @ConditionalOnSingleCandidate(DataSource.class)
    public JdbiPaymentRepository paymentRepository(DataSource dataSource, PaymentProperties properties,
            StartupCheck.Result paymentStartupCheck) {
        String prefix = properties.jdbi().tablePrefix();
        if (properties.jdbi().migrate()) {
            PaymentSchema.migrate(dataSource, prefix);
        }
        return JdbiPaymentRepository.create(dataSource, prefix);
    }
}
