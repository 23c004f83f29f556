package org.dusangire.payment.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs an operation from a fixed number of closed-loop callers (each sends its next request when
 * the previous one is answered): first a warm-up, then a measured window whose latencies and
 * count become {@link Stats}.
 */
final class LoadRunner {
    /** One request; {@code seq} is unique across all callers of a run. Return false for an error. */
    @FunctionalInterface
    interface Operation {
        boolean run(long seq) throws Exception;
    }

    private LoadRunner() {
    }

    /**
     * Runs for {@code duration} and measures nothing: compiles a path before any figure of the
     * run is taken, so that a short measured window is not spent in the interpreter.
     */
    static void compile(int callers, Duration duration, Operation op) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        run(callers, op, seq -> System.nanoTime() < end, Long.MAX_VALUE, 0);
    }

    /** Runs for {@code warmup}, then measures for {@code measure}. */
    static Stats timed(int callers, Duration warmup, Duration measure, Operation op)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        return run(callers, op, seq -> System.nanoTime() < end, measureFrom, Integer.MAX_VALUE);
    }

    /**
     * Runs exactly {@code warmupOps} then {@code measuredOps} operations (sequence numbers
     * 0..total-1, the warm-up first); for work drawn from a finite set such as one webhook per
     * payment.
     */
    static Stats counted(int callers, int warmupOps, int measuredOps, Operation op)
            throws InterruptedException {
        AtomicInteger warmLeft = new AtomicInteger(warmupOps);
        if (warmupOps > 0) {
            AtomicInteger next = new AtomicInteger();
            run(callers, seq -> op.run(next.getAndIncrement()), seq -> warmLeft.getAndDecrement() > 0,
                    Long.MAX_VALUE, 0);
        }
        AtomicInteger next = new AtomicInteger(warmupOps);
        AtomicInteger left = new AtomicInteger(measuredOps);
        return run(callers, seq -> op.run(next.getAndIncrement()), seq -> left.getAndDecrement() > 0,
                0, measuredOps);
    }

    private interface Continue {
        boolean another(long seq);
    }

    private static Stats run(int callers, Operation op, Continue more, long measureFrom,
            int expected) throws InterruptedException {
        List<LatencyLog> logs = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        AtomicLong seqs = new AtomicLong();
        AtomicLong firstMeasured = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastMeasured = new AtomicLong();
        CountDownLatch done = new CountDownLatch(callers);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            LatencyLog log = new LatencyLog();
            logs.add(log);
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        long seq = seqs.getAndIncrement();
                        if (!more.another(seq)) {
                            break;
                        }
                        long t0 = System.nanoTime();
                        boolean ok;
                        try {
                            ok = op.run(seq);
                        } catch (Exception | Error e) {
                            firstError.compareAndSet(null, e);
                            ok = false;
                        }
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom) {
                            firstMeasured.accumulateAndGet(t0, Math::min);
                            lastMeasured.accumulateAndGet(t1, Math::max);
                            if (ok) {
                                log.add(t1 - t0);
                            } else {
                                errors.incrementAndGet();
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "bench-caller-" + c);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        done.await();
        if (firstError.get() != null) {
            System.err.println("  first error: " + firstError.get());
        }
        long elapsed = Math.max(0, lastMeasured.get() - firstMeasured.get());
        long[] all = LatencyLog.merge(logs);
        return Stats.of(all, all.length, elapsed, errors.get());
    }
}
