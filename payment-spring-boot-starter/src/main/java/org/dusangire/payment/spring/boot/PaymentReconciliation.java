package org.dusangire.payment.spring.boot;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dusangire.payment.core.service.PaymentService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link PaymentService#reconcile()} on a thread of its own while the application runs,
 * with {@code payment.reconcile.interval} between the end of one pass and the start of the next.
 * It does not switch on {@code @EnableScheduling} for the application. A pass that fails is logged
 * and the next one runs as planned; on shutdown a pass under way is given a short while to end.
 * Several instances may all run it: the library shares the work through leases.
 */
public final class PaymentReconciliation implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private final PaymentService service;
    private final Duration interval;
    private ScheduledExecutorService executor;

    /**
     * @param service  the service to reconcile
     * @param interval the pause between passes; positive
     */
    public PaymentReconciliation(PaymentService service, Duration interval) {
        this.service = Objects.requireNonNull(service, "service must not be null");
        this.interval = Objects.requireNonNull(interval, "interval must not be null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
    }

    /** The pause between the end of one pass and the start of the next. */
    public Duration interval() {
        return interval;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "payment-reconcile");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::pass, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try {
            service.reconcile();
        } catch (RuntimeException e) {
            log.warn("reconciliation pass failed; the next one runs in {}: {}", interval, e.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
