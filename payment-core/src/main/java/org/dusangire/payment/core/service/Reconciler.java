package org.dusangire.payment.core.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Consumer;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.PaymentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation behind {@link PaymentService}: the backstop for lost callbacks, lost answers and
 * interrupted work, run as one pass.
 *
 * <ul>
 *   <li>Stale pending payments and refunds are claimed under a lease before they are checked, so
 *       passes on several instances share the work; a payment is settled as everywhere else
 *       ({@link Settlement}), a refund as the refund desk checks it ({@link RefundDesk#check}),
 *       and every change goes through the version-guarded update, also when up to
 *       {@link PaymentConfig#reconcileParallelism()} payments are checked at once on the pass's
 *       own threads.</li>
 *   <li>A payment, refund or inbox entry that cannot be settled now (a {@link PaymentException})
 *       is counted as an error and left to a later pass; the pass goes on.</li>
 *   <li>Inbox entries whose processing was interrupted are finished, due events are delivered,
 *       and processed inbox entries and delivered events past their retention are purged, one
 *       batch a pass.</li>
 * </ul>
 */
final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    /** Chunks a batch of stale payments is claimed in when several are checked at once. */
    private static final int CLAIM_CHUNKS = 4;

    private final PaymentConfig config;
    private final PaymentRepository repository;
    private final Clock clock;
    private final Map<String, PaymentGateway> gateways;
    private final Settlement settlement;
    private final NotificationDesk notifications;
    private final RefundDesk refunds;
    private final EventDesk events;
    private final HealthDesk health;
    private final PaymentObserver observer;

    Reconciler(PaymentConfig config, PaymentRepository repository, Clock clock,
            Map<String, PaymentGateway> gateways, Settlement settlement,
            NotificationDesk notifications, RefundDesk refunds, EventDesk events,
            HealthDesk health, PaymentObserver observer) {
        this.config = config;
        this.repository = repository;
        this.clock = clock;
        this.gateways = gateways;
        this.settlement = settlement;
        this.notifications = notifications;
        this.refunds = refunds;
        this.events = events;
        this.health = health;
        this.observer = observer;
    }

    /** See {@link PaymentService#reconcile()}; the pass's end or failure is kept for health. */
    ReconcileReport reconcile() {
        long started = System.nanoTime();
        ReconcileReport report;
        try {
            report = pass();
        } catch (RuntimeException e) {
            health.passFailed(e);
            observer.reconcilePassFailed(Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
        health.passEnded();
        observer.reconcilePass(report, Duration.ofNanos(System.nanoTime() - started));
        health.sampleBacklog(report.checked() >= config.reconcileBatchSize());
        return report;
    }

    private ReconcileReport pass() {
        Instant now = clock.instant();
        Instant staleBefore = now.minus(config.reconcileAfter());
        Tally tally = new Tally();
        checkClaimed(staleBefore, now, tally);
        int recovered = 0;
        for (InboxEntry entry : repository.findUnprocessedInbound(staleBefore,
                config.reconcileBatchSize())) {
            try {
                recoverInbox(entry);
                recovered++;
            } catch (PaymentException e) {
                synchronized (tally) {
                    tally.errors++;
                }
                log.warn("inbox event {} could not be finished now ({})", entry.key(), e.getMessage());
            }
        }
        List<Refund> claimedRefunds = repository.claimStalePendingRefunds(staleBefore, now,
                config.reconcileLease(), config.reconcileBatchSize());
        forEachInParallel(claimedRefunds, config.reconcileParallelism(),
                r -> reconcileRefund(r, tally));
        EventDeliveryReport delivered = events.deliverDue();
        int purged = 0;
        int eventsPurged = 0;
        try {
            purged = repository.purgeProcessedInbound(now.minus(config.inboxRetention()),
                    config.reconcileBatchSize());
            eventsPurged = repository.purgeDeliveredEvents(now.minus(config.eventRetention()),
                    config.reconcileBatchSize());
        } catch (PaymentException e) {
            log.warn("processed inbox events or delivered events could not be purged now ({})",
                    e.getMessage());
        }
        ReconcileReport report = new ReconcileReport(tally.checked, tally.succeeded, tally.failed,
                tally.expired, tally.pending, tally.resent, tally.errors, recovered, purged,
                tally.refundsChecked, tally.refundsSucceeded, tally.refundsFailed,
                tally.refundsResent, delivered, eventsPurged);
        // the pass runs every few seconds: INFO only when it changed something, so a host's log
        // is not a heartbeat of "asked, still pending"; DEBUG shows every pass
        if (changedSomething(report)) {
            log.info("reconcile: {}", summary(report));
        } else {
            log.debug("reconcile: {}", summary(report));
        }
        return report;
    }

    /**
     * True when the pass settled, resent, recovered, delivered, purged or failed on something;
     * asking providers that all answer "still pending" changes nothing.
     */
    static boolean changedSomething(ReconcileReport r) {
        return r.succeeded() + r.failed() + r.expired() + r.resent() + r.errors()
                + r.inboxRecovered() + r.inboxPurged() + r.refundsSucceeded() + r.refundsFailed()
                + r.refundsResent() + r.events().delivered() + r.events().failed()
                + r.events().parked() + r.eventsPurged() > 0;
    }

    /** The report's non-zero counts, {@code name=value} in the record's order. */
    static String summary(ReconcileReport r) {
        StringJoiner j = new StringJoiner(", ");
        count(j, "checked", r.checked());
        count(j, "succeeded", r.succeeded());
        count(j, "failed", r.failed());
        count(j, "expired", r.expired());
        count(j, "stillPending", r.stillPending());
        count(j, "resent", r.resent());
        count(j, "errors", r.errors());
        count(j, "inboxRecovered", r.inboxRecovered());
        count(j, "inboxPurged", r.inboxPurged());
        count(j, "refundsChecked", r.refundsChecked());
        count(j, "refundsSucceeded", r.refundsSucceeded());
        count(j, "refundsFailed", r.refundsFailed());
        count(j, "refundsResent", r.refundsResent());
        count(j, "events.delivered", r.events().delivered());
        count(j, "events.failed", r.events().failed());
        count(j, "events.parked", r.events().parked());
        count(j, "eventsPurged", r.eventsPurged());
        return j.length() == 0 ? "nothing to do" : j.toString();
    }

    private static void count(StringJoiner j, String name, int value) {
        if (value != 0) {
            j.add(name + "=" + value);
        }
    }

    /** Counts of one pass; updated under its own lock by the pass's threads. */
    private static final class Tally {
        int checked, succeeded, failed, expired, pending, resent, errors;
        int refundsChecked, refundsSucceeded, refundsFailed, refundsResent;
    }

    /**
     * Claims up to a batch of stale pending payments and checks them, up to
     * {@link PaymentConfig#reconcileParallelism()} at a time. With more than one at a time the
     * batch is claimed in {@value #CLAIM_CHUNKS} chunks and checking starts with the first: the
     * pass's own threads check what is claimed while the calling thread claims the rest, then
     * checks with them. A claim is one serial statement or a few, and a full batch's took about as
     * long as checking it; waiting for it left the other threads idle. A claim that fails stops
     * the claiming; what was claimed is still checked, then the failure is thrown.
     */
    private void checkClaimed(Instant staleBefore, Instant now, Tally tally) {
        int batch = config.reconcileBatchSize();
        int parallelism = config.reconcileParallelism();
        if (parallelism <= 1) {
            claim(staleBefore, now, batch).forEach(p -> reconcileOne(p, tally));
            return;
        }
        int chunk = (batch + CLAIM_CHUNKS - 1) / CLAIM_CHUNKS; // at most the batch
        List<Payment> first = claim(staleBefore, now, chunk);
        if (first.size() < chunk) {
            forEachInParallel(first, parallelism, p -> reconcileOne(p, tally));
            return;
        }
        Work<Payment> work = new Work<>(first);
        List<Thread> started = startWorkers(work, Math.min(parallelism, batch) - 1,
                p -> reconcileOne(p, tally));
        RuntimeException claimFailure = null;
        try {
            int claimed = first.size();
            while (claimed < batch && !work.stopped()) {
                int wanted = Math.min(chunk, batch - claimed);
                List<Payment> more = claim(staleBefore, now, wanted);
                work.add(more);
                claimed += more.size();
                if (more.size() < wanted) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            claimFailure = e;
        } finally {
            // even on an Error, so that the started threads finish what was claimed and end
            work.allAdded();
        }
        work.run(p -> reconcileOne(p, tally));
        joinAll(started, work);
        work.rethrow();
        if (claimFailure != null) {
            throw claimFailure;
        }
    }

    private List<Payment> claim(Instant staleBefore, Instant now, int limit) {
        return repository.claimStalePending(staleBefore, now, config.reconcileLease(), limit);
    }

    private void reconcileRefund(Refund refund, Tally tally) {
        RefundDesk.Checked checked;
        try {
            checked = refunds.check(refund, Trigger.RECONCILE);
        } catch (PaymentException e) {
            synchronized (tally) {
                tally.refundsChecked++;
                tally.errors++;
            }
            log.warn("refund {}: reconciliation could not settle it now ({})", refund.id(),
                    e.getMessage());
            return;
        }
        synchronized (tally) {
            tally.refundsChecked++;
            if (checked.resent()) {
                tally.refundsResent++;
            }
            if (checked.refund().status() == RefundStatus.SUCCEEDED) {
                tally.refundsSucceeded++;
            } else if (checked.refund().status() == RefundStatus.FAILED) {
                tally.refundsFailed++;
            }
        }
    }

    private void reconcileOne(Payment p, Tally tally) {
        PaymentMdc mdc = PaymentMdc.of(p);
        try {
            Settlement.Settled settled;
            try {
                settled = settlement.settle(p, Trigger.RECONCILE);
            } catch (PaymentException e) {
                synchronized (tally) {
                    tally.checked++;
                    tally.errors++;
                }
                log.warn("payment {}: reconciliation could not settle it now ({})", p.id(),
                        e.getMessage());
                return;
            }
            synchronized (tally) {
                tally.checked++;
                switch (settled.payment().status()) {
                    case SUCCEEDED -> tally.succeeded++;
                    case FAILED, CANCELLED -> tally.failed++;
                    case EXPIRED -> tally.expired++;
                    default -> {
                        if (settled.resent()) {
                            tally.resent++;
                        } else {
                            tally.pending++;
                        }
                    }
                }
            }
        } finally {
            mdc.close();
        }
    }

    /**
     * Runs {@code work} for every item, at most {@code parallelism} at a time: the calling
     * thread and up to {@code parallelism - 1} threads started for this call take the items in
     * order, and the call returns when all are done. The first unexpected exception is rethrown
     * after the others finished (items already started are completed, no new ones are taken).
     */
    private static <T> void forEachInParallel(List<T> items, int parallelism,
            Consumer<T> work) {
        int threads = Math.min(parallelism, items.size());
        if (threads <= 1) {
            items.forEach(work);
            return;
        }
        Work<T> queue = new Work<>(items);
        queue.allAdded();
        List<Thread> started = startWorkers(queue, threads - 1, work);
        queue.run(work);
        joinAll(started, queue);
        queue.rethrow();
    }

    private static <T> List<Thread> startWorkers(Work<T> queue, int count, Consumer<T> work) {
        List<Thread> started = new ArrayList<>(Math.max(0, count));
        for (int t = 1; t <= count; t++) {
            Thread thread = new Thread(() -> queue.run(work), "payment-reconcile-" + t);
            thread.setDaemon(true);
            thread.start();
            started.add(thread);
        }
        return started;
    }

    /** Waits for every thread; an interrupt stops new items and is kept for the caller. */
    private static void joinAll(List<Thread> started, Work<?> queue) {
        boolean interrupted = false;
        for (Thread thread : started) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    // finish what is running, start nothing new, keep the interrupt
                    interrupted = true;
                    queue.stop();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Items taken in the order they were added, by any number of threads, while more may still
     * be added; a taker waits only while more may come. The first unexpected exception of any
     * taker stops the taking and is kept to be rethrown.
     */
    private static final class Work<T> {
        private final List<T> items;
        private int next;
        private boolean complete;
        private boolean stopped;
        private Throwable failure;

        Work(List<T> first) {
            this.items = new ArrayList<>(first);
        }

        synchronized void add(List<T> more) {
            items.addAll(more);
            notifyAll();
        }

        synchronized void allAdded() {
            complete = true;
            notifyAll();
        }

        synchronized void stop() {
            stopped = true;
            notifyAll();
        }

        synchronized boolean stopped() {
            return stopped;
        }

        /** The next item, or null when there are none left or the work stopped. */
        private synchronized T take() {
            while (true) {
                if (stopped) {
                    return null;
                }
                if (next < items.size()) {
                    return items.get(next++);
                }
                if (complete) {
                    return null;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    // finish what is running, take nothing new, keep the interrupt
                    stopped = true;
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }

        void run(Consumer<T> work) {
            for (T item; (item = take()) != null; ) {
                try {
                    work.accept(item);
                } catch (RuntimeException | Error e) {
                    synchronized (this) {
                        if (failure == null) {
                            failure = e;
                        }
                        stopped = true;
                        notifyAll();
                    }
                }
            }
        }

        synchronized void rethrow() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }
    }

    private void recoverInbox(InboxEntry entry) {
        PaymentGateway gateway = gateways.get(entry.key().gatewayName());
        Optional<Payment> payment = gateway == null ? Optional.empty()
                : notifications.resolve(gateway, entry.paymentReference());
        if (payment.isEmpty()) {
            repository.markInboundProcessed(entry.key(), clock.instant(), "UNKNOWN_REFERENCE");
            return;
        }
        if (!payment.get().status().isFinal()) {
            settlement.settle(payment.get(), Trigger.RECONCILE);
        }
        repository.markInboundProcessed(entry.key(), clock.instant(), "RECOVERED");
    }
}
