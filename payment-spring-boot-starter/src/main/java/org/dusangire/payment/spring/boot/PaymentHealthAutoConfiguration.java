package org.dusangire.payment.spring.boot;

import org.dusangire.payment.core.service.PaymentService;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The {@code payments} health component, when Spring Boot Actuator is on the classpath; off with
 * {@code management.health.payments.enabled=false}. Built for Actuator 3.x, whose
 * {@code HealthIndicator} lives in {@code org.springframework.boot.actuate.health}.
 */
@AutoConfiguration(after = PaymentAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnProperty(prefix = "management.health.payments", name = "enabled", matchIfMissing = true)
public class PaymentHealthAutoConfiguration {

    /** Named so that Actuator calls the component {@code payments}. */
    @Bean
    @ConditionalOnMissingBean(name = "paymentsHealthIndicator")
    @ConditionalOnBean(PaymentService.class)
    public PaymentHealthIndicator paymentsHealthIndicator(PaymentService paymentService) {
        return new PaymentHealthIndicator(paymentService);
    }
}
