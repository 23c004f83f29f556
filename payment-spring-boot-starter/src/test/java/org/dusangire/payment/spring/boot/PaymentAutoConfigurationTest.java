package org.dusangire.payment.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dusangire.payment.spring.boot.StarterFixtures.AIRTEL;
import static org.dusangire.payment.spring.boot.StarterFixtures.FLUTTERWAVE;
import static org.dusangire.payment.spring.boot.StarterFixtures.MPESA;
import static org.dusangire.payment.spring.boot.StarterFixtures.MTN;
import static org.dusangire.payment.spring.boot.StarterFixtures.concat;

import java.time.Duration;
import javax.sql.DataSource;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.config.StartupCheck;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentConfigurationException.Problem;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.PaymentEventListener;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.port.PaymentStatusChanged;
import org.dusangire.payment.core.service.CashOnDeliveryGateway;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.gateway.airtel.AirtelMoneyGateway;
import org.dusangire.payment.gateway.flutterwave.FlutterwaveGateway;
import org.dusangire.payment.gateway.mpesa.MpesaGateway;
import org.dusangire.payment.gateway.mtn.MtnMomoGateway;
import org.dusangire.payment.persistence.jdbi.JdbiPaymentRepository;
import org.dusangire.payment.testkit.InMemoryPaymentRepository;
import org.dusangire.payment.testkit.RecordingListener;
import org.dusangire.payment.testkit.TestPayments;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class PaymentAutoConfigurationTest {

    private final ApplicationContextRunner bare = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PaymentJdbiAutoConfiguration.class,
                    PaymentAutoConfiguration.class, PaymentReconcileAutoConfiguration.class));

    private final ApplicationContextRunner runner = bare
            .withBean(DataSource.class, StarterFixtures::h2)
            .withPropertyValues("site-url=https://hospital.example");

    @Test
    void buildsTheServiceOnTheApplicationsDataSource() {
        runner.run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(PaymentService.class)
                    .hasSingleBean(JdbiPaymentRepository.class)
                    .hasSingleBean(PaymentConfig.class)
                    .hasSingleBean(StartupCheck.Result.class)
                    .doesNotHaveBean(MtnMomoGateway.class)
                    .doesNotHaveBean(AirtelMoneyGateway.class)
                    .doesNotHaveBean(FlutterwaveGateway.class)
                    .doesNotHaveBean(MpesaGateway.class);
            PaymentService service = context.getBean(PaymentService.class);
            assertThat(service.config().siteUrl()).hasToString("https://hospital.example");
            assertThat(service.gatewayFor(PaymentMethod.CASH_ON_DELIVERY)).get()
                    .isInstanceOf(CashOnDeliveryGateway.class);
            assertThat(service.gatewayFor(PaymentMethod.MTN_MOBILE_MONEY)).isEmpty();
            // the library's migrations ran on the application's database
            assertThat(StarterFixtures.paymentTables(context.getBean(DataSource.class))).isPositive();
        });
    }

    @Test
    void everyGatewayOnTheClasspathWhoseVariablesAreSetIsConfigured() {
        runner.withPropertyValues(concat(MTN, AIRTEL, FLUTTERWAVE, MPESA)).run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(MtnMomoGateway.class)
                    .hasSingleBean(AirtelMoneyGateway.class)
                    .hasSingleBean(FlutterwaveGateway.class)
                    .hasSingleBean(MpesaGateway.class);
            PaymentService service = context.getBean(PaymentService.class);
            assertThat(service.gatewayFor(PaymentMethod.MTN_MOBILE_MONEY)).get()
                    .isSameAs(context.getBean(MtnMomoGateway.class));
            assertThat(service.gatewayFor(PaymentMethod.AIRTEL_MONEY)).get()
                    .isSameAs(context.getBean(AirtelMoneyGateway.class));
            assertThat(service.gatewayFor(PaymentMethod.CARD)).get()
                    .isSameAs(context.getBean(FlutterwaveGateway.class));
            assertThat(service.gatewayFor(PaymentMethod.MPESA)).get()
                    .isSameAs(context.getBean(MpesaGateway.class));
            assertThat(service.gatewayFor(PaymentMethod.CASH_ON_DELIVERY)).isPresent();
        });
    }

    @Test
    void aGatewayModuleMissingFromTheClasspathIsLeftOutEvenWhenConfigured() {
        runner.withClassLoader(new FilteredClassLoader(MtnMomoGateway.class))
                .withPropertyValues(concat(MTN, FLUTTERWAVE)).run(context -> {
                    assertThat(context).hasNotFailed()
                            .doesNotHaveBean("mtnMomoGateway")
                            .hasSingleBean(FlutterwaveGateway.class);
                    assertThat(context.getBean(PaymentService.class)
                            .gatewayFor(PaymentMethod.MTN_MOBILE_MONEY)).isEmpty();
                });
    }

    @Test
    void aRefusedConfigurationListsEveryProblemAndLeavesTheDatabaseAlone() {
        JdbcDataSource database = StarterFixtures.h2();
        bare.withBean(DataSource.class, () -> database)
                .withPropertyValues(
                        "payment.environment=production",           // SITE_URL missing
                        "PAYMENT_TTL_CARDD=PT1H",                    // a typo
                        "mtn-momo.api-key=not-a-uuid",               // and no subscription key
                        "mtn-momo.api-secret=mtn-api-key",
                        "mtn-momo.target-environment=mtnuganda",
                        "flutterwave.secret-key=FLWSECK_TEST-sandbox-key-in-production",
                        "payment.reconcile.interval=0s")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    PaymentConfigurationException refused = rootCause(failure);
                    assertThat(refused.problems()).extracting(Problem::variable).contains(
                            "SITE_URL", "PAYMENT_TTL_CARDD", "MTN_MOMO_API_KEY",
                            "MTN_MOMO_SUBSCRIPTION_KEY", "FLUTTERWAVE_SECRET_KEY",
                            "payment.reconcile.interval");
                    assertThat(StarterFixtures.paymentTables(database)).isZero();
                });
    }

    @Test
    void theFailureReportShowsEveryProblemOnALineOfItsOwn() {
        PaymentConfigurationException refused = new PaymentConfigurationException(java.util.List.of(
                new Problem("SITE_URL", "is required but not set"),
                new Problem("MTN_MOMO_API_KEY", "must be the MTN API user")));

        var analysis = new PaymentConfigurationFailureAnalyzer().analyze(
                new IllegalStateException("context failed", refused));

        assertThat(analysis.getDescription()).contains("2 problems")
                .contains("\n    - SITE_URL: is required but not set")
                .contains("\n    - MTN_MOMO_API_KEY: must be the MTN API user");
        assertThat(analysis.getAction()).contains("mtn-momo.api-key");
    }

    @Test
    void theApplicationsOwnBeansWin() {
        InMemoryPaymentRepository repository = new InMemoryPaymentRepository();
        bare.withPropertyValues("site-url=https://hospital.example")
                .withBean(PaymentRepository.class, () -> repository)
                .run(context -> {
                    // no DataSource needed: the application brought its store
                    assertThat(context).hasNotFailed().doesNotHaveBean(JdbiPaymentRepository.class);
                    assertThat(context.getBean(PaymentRepository.class)).isSameAs(repository);
                });
        runner.withUserConfiguration(OwnService.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(PaymentService.class);
            assertThat(context.getBean(PaymentService.class))
                    .isSameAs(context.getBean(OwnService.class).service);
        });
        runner.withPropertyValues(MTN).withUserConfiguration(OwnMtn.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(MtnMomoGateway.class);
            assertThat(context.getBean(PaymentService.class).gatewayFor(PaymentMethod.MTN_MOBILE_MONEY))
                    .get().isSameAs(context.getBean(OwnMtn.class).gateway);
        });
    }

    @Test
    void everyListenerBeanHearsTheEventsInItsOrder() {
        runner.withUserConfiguration(Listeners.class).run(context -> {
            assertThat(context).hasNotFailed();
            PaymentService service = context.getBean(PaymentService.class);
            Payment payment = service.initiate(TestPayments.checkout(PaymentMethod.CASH_ON_DELIVERY,
                    "1500", "UGX").build()).payment();

            service.confirmCashPayment(payment.id(), "cashier-7");

            Listeners listeners = context.getBean(Listeners.class);
            assertThat(listeners.first.count(payment.id(), PaymentStatus.SUCCEEDED)).isEqualTo(1);
            assertThat(listeners.second.count(payment.id(), PaymentStatus.SUCCEEDED)).isEqualTo(1);
            // a listener that needs the service itself is wired too, without a cycle
            assertThat(context.getBean(OrderBook.class).paid).containsExactly(payment.id().toString());
        });
    }

    @Test
    void reconciliationRunsUnlessSwitchedOff() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(PaymentReconciliation.class);
            PaymentReconciliation reconciliation = context.getBean(PaymentReconciliation.class);
            assertThat(reconciliation.interval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(reconciliation.isRunning()).isTrue();
        });
        runner.withPropertyValues("payment.reconcile.interval=5s").run(context ->
                assertThat(context.getBean(PaymentReconciliation.class).interval())
                        .isEqualTo(Duration.ofSeconds(5)));
        runner.withPropertyValues("payment.reconcile.enabled=false").run(context ->
                assertThat(context).hasNotFailed().hasSingleBean(PaymentService.class)
                        .doesNotHaveBean(PaymentReconciliation.class));
    }

    private static PaymentConfigurationException rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof PaymentConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("the startup failure's cause").isInstanceOf(PaymentConfigurationException.class);
        return (PaymentConfigurationException) cause;
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnService {
        final PaymentService service = PaymentService.builder()
                .config(PaymentConfig.builder().siteUrl("https://own.example").build())
                .repository(new InMemoryPaymentRepository()).build();

        @Bean
        PaymentService ownPaymentService() {
            return service;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMtn {
        final MtnMomoGateway gateway = new MtnMomoGateway(org.dusangire.payment.gateway.mtn.MtnMomoConfig
                .fromEnvironment(java.util.Map.of(
                        "MTN_MOMO_API_KEY", StarterFixtures.MTN_API_USER,
                        "MTN_MOMO_API_SECRET", "own", "MTN_MOMO_SUBSCRIPTION_KEY", "own"),
                        org.dusangire.payment.core.config.PaymentEnvironment.SANDBOX));

        @Bean
        MtnMomoGateway ownMtnGateway() {
            return gateway;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {
        final RecordingListener first = new RecordingListener();
        final RecordingListener second = new RecordingListener();

        @Bean
        @Order(1)
        RecordingListener firstListener() {
            return first;
        }

        @Bean
        @Order(2)
        RecordingListener secondListener() {
            return second;
        }

        @Bean
        OrderBook orderBook(PaymentService payments) {
            return new OrderBook(payments);
        }
    }

    /** A listener that also uses the service, as an application's order book would. */
    static final class OrderBook implements PaymentEventListener {
        final java.util.List<String> paid = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final PaymentService payments;

        OrderBook(PaymentService payments) {
            this.payments = payments;
        }

        @Override
        public void onStatusChanged(PaymentStatusChanged event) {
            if (event.isPaid() && payments.find(event.payment().id()).isPresent()) {
                paid.add(event.payment().id().toString());
            }
        }
    }
}
