package org.dusangire.payment.spring.boot;

import java.time.Duration;
import org.dusangire.payment.core.config.ConfigProblems;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.config.StartupCheck;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.port.PaymentEventListener;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.service.PaymentService;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The {@link PaymentService} of a Spring Boot application: its settings read from the library's
 * variables in Spring's {@link Environment} and checked as a whole at start-up (every problem of
 * every config in one refusal, before the database is touched), the gateways on the classpath
 * whose variables are set, the {@link PaymentRepository} bean (by default the Jdbi store of
 * {@link PaymentJdbiAutoConfiguration}), and every {@link PaymentEventListener} bean as a
 * listener. Each bean steps back when the application declares its own.
 */
@AutoConfiguration(after = PaymentJdbiAutoConfiguration.class)
@EnableConfigurationProperties(PaymentProperties.class)
@Import(PaymentGatewaysConfiguration.class)
public class PaymentAutoConfiguration {

    /**
     * The library's settings and those of every configured gateway, checked in one pass.
     *
     * @throws PaymentConfigurationException listing every problem (the application does not start)
     */
    @Bean
    @ConditionalOnMissingBean
    public StartupCheck.Result paymentStartupCheck(Environment environment,
            ObjectProvider<GatewayCheck<?>> gateways, PaymentProperties properties) {
        StartupCheck check = StartupCheck.of(PaymentVariables.read(environment));
        gateways.orderedStream().forEachOrdered(gateway -> gateway.addTo(check));
        ConfigProblems problems = new ConfigProblems();
        StartupCheck.Result result = problems.check(check::check);
        Duration interval = properties.reconcile().interval();
        if (interval == null || interval.isNegative() || interval.isZero()) {
            problems.add(new PaymentConfigurationException("payment.reconcile.interval",
                    "must be a positive duration"));
        }
        problems.throwIfAny();
        return result;
    }

    /** The checked {@link PaymentConfig}. */
    @Bean
    @ConditionalOnMissingBean
    public PaymentConfig paymentConfig(StartupCheck.Result paymentStartupCheck) {
        return paymentStartupCheck.payment();
    }

    /**
     * The service, with every {@link PaymentGateway} bean (in their order) and, when there is at
     * least one {@link PaymentEventListener} bean, those beans as its listener.
     */
    @Bean
    @ConditionalOnMissingBean
    public PaymentService paymentService(PaymentConfig config, PaymentRepository repository,
            ObjectProvider<PaymentGateway> gateways, ObjectProvider<PaymentEventListener> listeners,
            ListableBeanFactory beanFactory) {
        PaymentService.Builder builder = PaymentService.builder().config(config).repository(repository);
        gateways.orderedStream().forEachOrdered(builder::gateway);
        // an instance without listeners must not mark events delivered (another instance's
        // listeners, or the changes feed, take them), so the composite only joins when there is one
        if (beanFactory.getBeanNamesForType(PaymentEventListener.class, true, false).length > 0) {
            builder.listener(new SpringBeanListeners(listeners));
        }
        return builder.build();
    }
}
