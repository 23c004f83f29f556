package org.dusangire.payment.persistence.jdbi;

import com.zaxxer.hikari.HikariDataSource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.testkit.MutableClock;
import org.dusangire.payment.testkit.RecordingListener;
import org.dusangire.payment.testkit.ScriptedPaymentGateway;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two service instances, each with its own connection pool, on one PostgreSQL schema: duplicate
 * webhooks delivered to both while both reconcile still give every payment exactly one
 * SUCCEEDED transition and one listener event.
 */
class PostgresTwoServicesTest {
    private static final int PAYMENTS = 500;
    private String schema;
    private final List<HikariDataSource> pools = new ArrayList<>();

    @BeforeEach
    void createSchema() {
        schema = TestDatabases.createPostgresSchema("services");
        PaymentSchema.migrate(TestDatabases.postgres(schema));
    }

    @AfterEach
    void dropSchema() {
        pools.forEach(HikariDataSource::close);
        TestDatabases.dropPostgresSchema(schema);
    }

    @Test
    void duplicateWebhooksOnTwoInstancesWhileBothReconcileApplyEachPaymentOnce() throws Exception {
        MutableClock clock = new MutableClock(TestPayments.T0);
        ScriptedPaymentGateway provider = ScriptedPaymentGateway.named("scripted",
                PaymentMethod.MTN_MOBILE_MONEY);
        RecordingListener heardByA = new RecordingListener();
        RecordingListener heardByB = new RecordingListener();
        PaymentService a = service(provider, heardByA, clock);
        PaymentService b = service(provider, heardByB, clock);
        JdbiPaymentRepository store = repository();

        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < PAYMENTS; i++) {
            Payment p = store.insert(TestPayments.pending("scripted", TestPayments.T0).build());
            provider.approve(p);
            payments.add(p);
        }
        clock.advance(Duration.ofMinutes(5)); // all stale for reconciliation, none expired

        AtomicBoolean webhooksDone = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> webhookers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            PaymentService target = t % 2 == 0 ? a : b;
            webhookers.add(pool.submit(() -> {
                start.await();
                for (Payment p : payments) {
                    target.handleWebhook("scripted", provider.webhook(p, ProviderStatus.SUCCEEDED,
                            "evt-" + p.id()));
                }
                return null;
            }));
        }
        List<Future<?>> reconcilers = new ArrayList<>();
        for (PaymentService target : List.of(a, b)) {
            reconcilers.add(pool.submit(() -> {
                start.await();
                while (!webhooksDone.get()) {
                    target.reconcile();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : webhookers) {
            f.get(60, TimeUnit.SECONDS);
        }
        webhooksDone.set(true);
        for (Future<?> f : reconcilers) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        for (Payment p : payments) {
            Payment stored = store.findById(p.id()).orElseThrow();
            assertThat(stored.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(stored.history()).filteredOn(c -> c.to() == PaymentStatus.SUCCEEDED)
                    .hasSize(1);
            assertThat(heardByA.count(p.id(), PaymentStatus.SUCCEEDED)
                    + heardByB.count(p.id(), PaymentStatus.SUCCEEDED))
                    .as("listener events for %s", p.id()).isEqualTo(1);
        }
        assertThat(heardByA.events().size() + heardByB.events().size()).isEqualTo(PAYMENTS);
    }

    private PaymentService service(ScriptedPaymentGateway provider, RecordingListener listener,
            MutableClock clock) {
        return PaymentService.builder()
                .config(PaymentConfig.builder()
                        .environment(PaymentEnvironment.SANDBOX)
                        .siteUrl("https://hospital.example")
                        .reconcileAfter(Duration.ofMinutes(2))
                        .reconcileBatchSize(25)
                        .build())
                .repository(repository())
                .gateway(provider)
                .listener(listener)
                .clock(clock)
                .build();
    }

    private JdbiPaymentRepository repository() {
        HikariDataSource pool = TestPool.of(TestDatabases.postgres(schema), 4);
        pools.add(pool);
        return JdbiPaymentRepository.create(pool);
    }
}
