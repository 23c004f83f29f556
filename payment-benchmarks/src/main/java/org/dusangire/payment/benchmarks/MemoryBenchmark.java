package org.dusangire.payment.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.testkit.InMemoryPaymentRepository;
import org.dusangire.payment.testkit.MutableClock;

/**
 * Drives payments (checkout, then verification to SUCCEEDED) through the service in memory and
 * samples the used heap after a full GC. The store keeps at most 10,000 finished payments, so
 * any growth is the library's. A second run with the testkit's unbounded store measures what
 * one stored payment costs.
 */
final class MemoryBenchmark {
    static final int STORE_CAPACITY = 10_000;
    static final long FLAT_TOLERANCE_BYTES = 4L << 20;

    private MemoryBenchmark() {
    }

    static void run(Mode mode, ResultTable table) throws Exception {
        int n = mode.memoryPayments();
        BoundedPaymentRepository store = new BoundedPaymentRepository(STORE_CAPACITY);
        PaymentService payments = Checkouts.service(Checkouts.config("http://localhost:8080"), store,
                new InstantGateway(), Clock.systemUTC());
        int samples = 10;
        List<Long> heap = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Payment p = payments.initiate(Checkouts.mtn(i)).payment();
            if (payments.verify(p.id()).status() != PaymentStatus.SUCCEEDED) {
                throw new IllegalStateException("payment " + p.id() + " did not succeed");
            }
            if ((i + 1) % (n / samples) == 0) {
                heap.add(usedAfterGc());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // the first sample is taken once the store is full and the JIT warm
        long first = heap.get(0);
        long last = heap.get(heap.size() - 1);
        long max = heap.stream().mapToLong(Long::longValue).max().orElse(0);
        boolean flat = last - first < FLAT_TOLERANCE_BYTES;
        StringBuilder series = new StringBuilder();
        for (long h : heap) {
            series.append(series.length() == 0 ? "" : ", ").append(h >> 20);
        }
        table.add("Memory", String.format(Locale.ROOT, "%,d payments in memory (store keeps %,d finished)",
                        n, STORE_CAPACITY),
                String.format(Locale.ROOT, "used heap after GC, MiB, every %,d: %s (growth %+.1f MiB, max %d MiB); %,.0f payments/s",
                        n / samples, series, (last - first) / 1048576.0, max >> 20, n / seconds),
                "", "", "flat (< 4 MiB growth)", flat ? "yes" : "NO");

        InMemoryPaymentRepository unbounded = new InMemoryPaymentRepository();
        PaymentService keepAll = Checkouts.service(Checkouts.config("http://localhost:8080"), unbounded,
                new InstantGateway(), Clock.systemUTC());
        int m = 20_000;
        long before = usedAfterGc();
        for (int i = 0; i < m; i++) {
            keepAll.verify(keepAll.initiate(Checkouts.mtn(i)).payment().id());
        }
        long after = usedAfterGc();
        int kept = unbounded.size(); // keeps the store reachable until after the sample
        table.add("Memory", String.format(Locale.ROOT,
                        "retained per stored payment (testkit InMemoryPaymentRepository, %,d)", kept),
                String.format(Locale.ROOT, "%,d bytes per finished payment with 2 history entries "
                        + "(the store's cost, not the library's)", (after - before) / m), "", "", "", "");

        long[] inbox = inboxBound();
        boolean inboxBounded = inbox[0] <= INBOX_EVENTS_PER_MINUTE * (INBOX_RETENTION_MINUTES + 1);
        table.add("Memory", String.format(Locale.ROOT, "webhook inbox, %,d processed events over 24 "
                        + "simulated hours (%d a minute), retention PT1H, one reconcile pass a minute",
                        inbox[2], INBOX_EVENTS_PER_MINUTE),
                String.format(Locale.ROOT, "at most %,d kept, %,d at the end, %,d purged "
                        + "(one retention window holds %,d)", inbox[0], inbox[1], inbox[3],
                        INBOX_EVENTS_PER_MINUTE * INBOX_RETENTION_MINUTES), "", "",
                "bounded", inboxBounded ? "yes" : "NO");
        table.note("Token caches hold one token per product by construction (one AtomicReference). "
                + "The webhook inbox is the repository's table: deduplication must remember events, "
                + "so it holds one row per event until PAYMENT_INBOX_RETENTION (default P7D) after "
                + "processing; each reconcile() pass then purges one batch "
                + "(PaymentRepository.purgeProcessedInbound). Unprocessed events are never purged.");
        System.out.printf(Locale.ROOT, "memory: %s MiB, flat=%s, inbox kept at most %d%n", series, flat, inbox[0]);
    }

    static final int INBOX_EVENTS_PER_MINUTE = 50;
    static final int INBOX_RETENTION_MINUTES = 60;

    /**
     * Webhook events recorded and processed for 24 simulated hours, one reconcile pass a
     * minute, retention one hour: returns {max kept, kept at the end, recorded, purged}.
     */
    static long[] inboxBound() {
        MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
        InMemoryPaymentRepository store = new InMemoryPaymentRepository();
        PaymentService service = Checkouts.service(PaymentConfig.builder()
                .environment(PaymentEnvironment.SANDBOX).siteUrl("http://localhost:8080")
                .merchantName("Dusangire Hospital")
                .inboxRetention(Duration.ofMinutes(INBOX_RETENTION_MINUTES))
                .reconcileBatchSize(1_000).build(), store, new InstantGateway(), clock);
        long recorded = 0, purged = 0, max = 0;
        for (int minute = 0; minute < 24 * 60; minute++) {
            for (int e = 0; e < INBOX_EVENTS_PER_MINUTE; e++) {
                InboxKey key = new InboxKey("bench", "evt-" + recorded);
                store.recordInbound(InboxEntry.received(key, "ref-" + recorded, clock.instant(), "{}"));
                store.markInboundProcessed(key, clock.instant(), "PROCESSED");
                recorded++;
            }
            purged += service.reconcile().inboxPurged();
            max = Math.max(max, recorded - purged);
            clock.advance(Duration.ofMinutes(1));
        }
        return new long[] {max, recorded - purged, recorded, purged};
    }

    static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(30);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
