package org.dusangire.payment.spring.boot;

import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.webhooks.servlet.PaymentWebhookServlet;
import org.dusangire.payment.webhooks.servlet.VerifyAuthorizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The library's routes (provider webhooks, the browser return, verify) in a servlet web
 * application: {@link PaymentWebhookServlet} mounted at {@code PAYMENT_ROUTE_PREFIX}
 * ({@code payment.route-prefix}, default {@code /payments}), the same prefix the service puts
 * into the callback URLs it gives the providers. Verify stays closed unless the application
 * declares a {@link VerifyAuthorizer} bean. Off with {@code payment.webhooks.enabled=false}.
 */
@AutoConfiguration(after = PaymentAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(PaymentWebhookServlet.class)
@ConditionalOnProperty(prefix = "payment.webhooks", name = "enabled", matchIfMissing = true)
public class PaymentWebhookAutoConfiguration {

    /** The servlet, sending browsers back to {@code payment.webhooks.*-url}. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(PaymentService.class)
    public PaymentWebhookServlet paymentWebhookServlet(PaymentService paymentService,
            PaymentProperties properties, ObjectProvider<VerifyAuthorizer> verifyAuthorizer) {
        PaymentProperties.Webhooks webhooks = properties.webhooks();
        PaymentWebhookServlet.Builder builder = PaymentWebhookServlet.builder(paymentService)
                .successUrl(webhooks.successUrl())
                .failureUrl(webhooks.failureUrl())
                .verifyAuthorizer(verifyAuthorizer.getIfUnique(VerifyAuthorizer::denyAll));
        if (webhooks.pendingUrl() != null && !webhooks.pendingUrl().isBlank()) {
            builder.pendingUrl(webhooks.pendingUrl());
        }
        return builder.build();
    }

    /** Mounts the servlet at the service's route prefix. */
    @Bean
    @ConditionalOnMissingBean(name = "paymentWebhookServletRegistration")
    @ConditionalOnBean(PaymentWebhookServlet.class)
    public ServletRegistrationBean<PaymentWebhookServlet> paymentWebhookServletRegistration(
            PaymentWebhookServlet paymentWebhookServlet, PaymentService paymentService) {
        ServletRegistrationBean<PaymentWebhookServlet> registration = new ServletRegistrationBean<>(
                paymentWebhookServlet, paymentService.config().routePrefix() + "/*");
        registration.setName("paymentWebhookServlet");
        return registration;
    }
}
