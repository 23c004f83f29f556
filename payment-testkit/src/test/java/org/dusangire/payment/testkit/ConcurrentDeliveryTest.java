package org.dusangire.payment.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.ProviderStatus;
import org.junit.jupiter.api.Test;

/**
 * 1,000 payments, each with five duplicate webhook deliveries on eight threads, while verify and
 * reconcile run beside them: every payment ends SUCCEEDED through exactly one stored transition,
 * and listeners hear of it exactly once.
 */
class ConcurrentDeliveryTest {

    @Test
    void duplicateConcurrentDeliveriesApplyOncePerPayment() throws Exception {
        ServiceFixture f = new ServiceFixture();
        int payments = 1_000;
        List<Payment> created = new ArrayList<>();
        for (int i = 0; i < payments; i++) {
            Payment p = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
            f.mtn.approve(p);
            created.add(p);
        }
        f.clock.advance(Duration.ofMinutes(3));
        List<InboundRequest> deliveries = new ArrayList<>();
        for (Payment p : created) {
            for (int copy = 0; copy < 5; copy++) {
                deliveries.add(f.mtn.webhook(p, ProviderStatus.SUCCEEDED, "evt-" + p.id()));
            }
        }
        Collections.shuffle(deliveries, new Random(42));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicBoolean delivering = new AtomicBoolean(true);
        ExecutorService side = Executors.newFixedThreadPool(2);
        try {
            Future<?> verifier = side.submit(() -> {
                Random r = new Random(7);
                while (delivering.get()) {
                    f.service.verify(created.get(r.nextInt(payments)).id());
                }
            });
            Future<?> reconciler = side.submit(() -> {
                while (delivering.get()) {
                    f.service.reconcile();
                }
            });
            List<Future<?>> futures = new ArrayList<>();
            for (InboundRequest d : deliveries) {
                futures.add(pool.submit(() -> f.service.handleWebhook("mtn-momo", d)));
            }
            for (Future<?> fu : futures) {
                fu.get(120, TimeUnit.SECONDS);
            }
            delivering.set(false);
            verifier.get(60, TimeUnit.SECONDS);
            reconciler.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            side.shutdownNow();
        }

        for (Payment p : created) {
            Payment stored = f.store.findById(p.id()).orElseThrow();
            assertThat(stored.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(stored.history()).filteredOn(c -> c.to() == PaymentStatus.SUCCEEDED).hasSize(1);
            assertThat(f.listener.count(p.id(), PaymentStatus.SUCCEEDED)).isEqualTo(1);
        }
        assertThat(f.listener.events()).hasSize(payments);
        assertThat(f.listener.anomalies()).isEmpty();
    }
}
