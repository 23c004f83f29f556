package org.dusangire.payment.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.dusangire.payment.webhooks.servlet.PaymentWebhookServlet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

class PaymentWebhookAutoConfigurationTest {
    private static final AutoConfigurations STARTER = AutoConfigurations.of(
            PaymentJdbiAutoConfiguration.class, PaymentAutoConfiguration.class,
            PaymentWebhookAutoConfiguration.class);

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(STARTER)
            .withBean(DataSource.class, StarterFixtures::h2)
            .withPropertyValues("site-url=https://hospital.example", "payment.reconcile.enabled=false");

    @Test
    void theServletIsMountedAtTheRoutePrefix() {
        web.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(PaymentWebhookServlet.class);
            assertThat(registration(context.getBean("paymentWebhookServletRegistration")).getUrlMappings())
                    .containsExactly("/payments/*");
        });
        web.withPropertyValues("PAYMENT_ROUTE_PREFIX=/pay/").run(context ->
                assertThat(registration(context.getBean("paymentWebhookServletRegistration"))
                        .getUrlMappings()).containsExactly("/pay/*"));
    }

    @Test
    void noServletWhenSwitchedOffOrOutsideAServletApplication() {
        web.withPropertyValues("payment.webhooks.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(PaymentWebhookServlet.class)
                        .doesNotHaveBean("paymentWebhookServletRegistration"));
        new ApplicationContextRunner().withConfiguration(STARTER)
                .withBean(DataSource.class, StarterFixtures::h2)
                .withPropertyValues("site-url=https://hospital.example")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(PaymentWebhookServlet.class));
    }

    @Test
    void anUnusableReturnPageIsRefusedAtStartUp() {
        web.withPropertyValues("payment.webhooks.success-url=//elsewhere.example/").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("successUrl"));
    }

    private static ServletRegistrationBean<?> registration(Object bean) {
        assertThat(bean).isInstanceOf(ServletRegistrationBean.class);
        return (ServletRegistrationBean<?>) bean;
    }
}
