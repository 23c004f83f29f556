package org.dusangire.payment.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dusangire.payment.spring.boot.StarterFixtures.MPESA;

import java.util.Map;
import javax.sql.DataSource;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentConfigurationException.Problem;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.gateway.mpesa.MpesaConfig;
import org.dusangire.payment.gateway.mpesa.MpesaGateway;
import org.dusangire.payment.simulator.mpesa.MpesaSimulator;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The M-Pesa block of the starter: by classpath and {@code MPESA_*} settings, checked at start-up. */
class MpesaAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PaymentJdbiAutoConfiguration.class,
                    PaymentAutoConfiguration.class))
            .withBean(DataSource.class, StarterFixtures::h2)
            .withPropertyValues("site-url=https://hospital.example", "payment.reconcile.enabled=false");

    @Test
    void theModuleOnTheClasspathWithItsSettingsGivesAnMpesaGatewayTheServiceRoutesKenyanShillingsTo() {
        runner.withPropertyValues(MPESA).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(MpesaGateway.class);
            MpesaGateway gateway = context.getBean(MpesaGateway.class);
            assertThat(gateway.name()).isEqualTo("mpesa");
            // every spelling in StarterFixtures.MPESA reached the library's reader
            assertThat(gateway.config().shortcode()).isEqualTo("174379");
            assertThat(gateway.config().partyB()).isEqualTo("600123");
            assertThat(gateway.config().transactionType()).isEqualTo(MpesaConfig.TransactionType.BUY_GOODS);
            PaymentService service = context.getBean(PaymentService.class);
            assertThat(service.gatewayFor(PaymentMethod.MPESA, "KES", "KE")).get().isSameAs(gateway);
            assertThat(service.gatewayFor(PaymentMethod.MPESA, "UGX", "UG")).isEmpty();
        });
    }

    @Test
    void withoutItsSettingsThereIsNoMpesaGateway() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(MpesaGateway.class);
            assertThat(context.getBean(PaymentService.class).gatewayFor(PaymentMethod.MPESA)).isEmpty();
        });
    }

    @Test
    void theModuleMissingFromTheClasspathLeavesMpesaOutEvenWhenConfigured() {
        runner.withClassLoader(new FilteredClassLoader(MpesaGateway.class))
                .withPropertyValues(MPESA).run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean("mpesaGateway");
                    assertThat(context.getBean(PaymentService.class).gatewayFor(PaymentMethod.MPESA))
                            .isEmpty();
                });
    }

    @Test
    void aMissingOrWrongVariableStopsTheApplicationNamingEachOneButNoSecret() {
        runner.withPropertyValues(
                        "mpesa.consumer-key=consumer-key-that-must-stay-secret",
                        "payment.mpesa.shortcode=12",
                        "MPESA_MAX_ATTEMPTS=11")
                .run(context -> {
                    assertThat(context).hasFailed();
                    PaymentConfigurationException refused = rootCause(context.getStartupFailure());
                    assertThat(refused.problems()).extracting(Problem::variable).contains(
                            "MPESA_CONSUMER_SECRET", "MPESA_SHORTCODE", "MPESA_PASSKEY", "MPESA_MAX_ATTEMPTS");
                    assertThat(refused.getMessage()).doesNotContain("consumer-key-that-must-stay-secret");
                    assertThat(new PaymentConfigurationFailureAnalyzer().analyze(context.getStartupFailure())
                            .getDescription()).contains("MPESA_PASSKEY: ")
                            .doesNotContain("consumer-key-that-must-stay-secret");
                });
    }

    @Test
    void theConfiguredGatewayTakesAPaymentFromTheSimulatedDarajaToSucceeded() {
        try (MpesaSimulator daraja = MpesaSimulator.builder().build().start()) {
            // the simulator's MPESA_* names are property names too; its callback finds nobody at
            // SITE_URL (refused on loopback), so the STK query settles the payment
            runner.withPropertyValues(properties(daraja.environment()))
                    .withPropertyValues("site-url=http://localhost:1")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        PaymentService payments = context.getBean(PaymentService.class);
                        Payment pending = payments.initiate(TestPayments.checkout(PaymentMethod.MPESA, "250", "KES")
                                .payer(Payer.ofPhone(Msisdn.parse("+254712000505"))).build()).payment();
                        assertThat(pending.status()).isEqualTo(PaymentStatus.PENDING);
                        assertThat(pending.gatewayName()).isEqualTo("mpesa");

                        assertThat(daraja.approve(pending.providerReference())).isTrue();

                        assertThat(payments.verify(pending.id()).status()).isEqualTo(PaymentStatus.SUCCEEDED);
                    });
        }
    }

    private static String[] properties(Map<String, String> variables) {
        return variables.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private static PaymentConfigurationException rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof PaymentConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("the startup failure's cause").isInstanceOf(PaymentConfigurationException.class);
        return (PaymentConfigurationException) cause;
    }
}
