package org.dusangire.payment.reliability;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.PaymentEventListener;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.service.PaymentService;

/** How the suite builds a service: short reconciliation delays, 30-minute time to live. */
final class Services {
    static final Duration RECONCILE_AFTER = Duration.ofMinutes(1);
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration TTL = Duration.ofMinutes(30);
    static final int BATCH = 250;
    /**
     * An event lease for runs whose clock jumps seconds or minutes per real millisecond: longer
     * than that clock can run while one listener call is under way. With the default (the 30 s
     * reconcile lease), a jump between a change's commit and its delivery mark lets a pass take
     * the same event again: delivery at least once, as documented, where these runs count each
     * event heard exactly once.
     */
    static final Duration EVENT_LEASE = Duration.ofDays(365);

    private Services() {
    }

    static PaymentConfig config(String siteUrl) {
        return configBuilder(siteUrl).build();
    }

    static PaymentConfig.Builder configBuilder(String siteUrl) {
        PaymentConfig.Builder b = PaymentConfig.builder()
                .environment(PaymentEnvironment.SANDBOX)
                .siteUrl(siteUrl)
                .merchantName("Dusangire Hospital")
                .reconcileAfter(RECONCILE_AFTER)
                .reconcileLease(LEASE)
                .reconcileBatchSize(BATCH);
        for (PaymentMethod m : PaymentMethod.values()) {
            b.timeToLive(m, TTL);
        }
        return b;
    }

    static PaymentService service(String siteUrl, PaymentRepository repository, Clock clock,
            List<? extends ProviderRig> rigs, PaymentEventListener listener) {
        return service(config(siteUrl), repository, clock, rigs, listener);
    }

    static PaymentService service(PaymentConfig config, PaymentRepository repository, Clock clock,
            List<? extends ProviderRig> rigs, PaymentEventListener listener) {
        PaymentService.Builder b = PaymentService.builder().config(config)
                .repository(repository).clock(clock).listener(listener);
        rigs.forEach(r -> {
            r.clock(clock);
            b.gateway(r.gateway());
        });
        return b.build();
    }

    /** Reconcile passes at one instant until a pass finds less than a full batch. */
    static int[] drain(PaymentService service) {
        int checked = 0;
        int recovered = 0;
        for (int pass = 0; pass < 100; pass++) {
            var r = service.reconcile();
            checked += r.checked();
            recovered += r.inboxRecovered();
            if (r.checked() < BATCH && r.inboxRecovered() < BATCH) {
                break;
            }
        }
        return new int[] {checked, recovered};
    }
}
