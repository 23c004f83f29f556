package org.dusangire.payment.spring.boot;

import org.dusangire.payment.core.service.PaymentService;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Scheduled reconciliation, on by default; {@code payment.reconcile.enabled=false} leaves it to
 * the application (or to another instance).
 */
@AutoConfiguration(after = PaymentAutoConfiguration.class)
@ConditionalOnProperty(prefix = "payment.reconcile", name = "enabled", matchIfMissing = true)
public class PaymentReconcileAutoConfiguration {

    /** Reconciles every {@code payment.reconcile.interval} while the application runs. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(PaymentService.class)
    public PaymentReconciliation paymentReconciliation(PaymentService paymentService,
            PaymentProperties properties) {
        return new PaymentReconciliation(paymentService, properties.reconcile().interval());
    }
}
