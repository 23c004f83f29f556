package org.dusangire.payment.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
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

    /**
     * Two timed operations measured in turn, {@code rounds} rounds each, so that what drifts
     * during a run (tables growing, the store's background work, the collectors, the other core)
     * falls on both alike instead of on whichever came second. The turns go a, b, b, a, a, b, ...
     * ({@link #inTurn}). Only the first round of each is preceded by {@code warmup}. Each side's
     * rounds are pooled: all its operations over all its measured time, percentiles over all its
     * latencies. With {@code -Dbench.threads=true} the sides' CPU by thread ({@link ThreadsCpu})
     * in the turns without a warm-up is printed under {@code label}.
     *
     * @return the two sides' pooled stats, {@code a}'s first
     */
    static Stats[] alternating(String label, int callers, int rounds, Duration warmup,
            Duration measure, Operation a, Operation b) throws InterruptedException {
        Duration perRound = measure.dividedBy(rounds);
        return inTurn(label, rounds, r -> r == 0 && !warmup.isZero(),
                (r, side) -> timedRaw(callers, r == 0 ? warmup : Duration.ZERO, perRound,
                        side == 0 ? a : b));
    }

    /**
     * Two counted operations measured in turn: {@code measuredOps} of each in {@code rounds}
     * slices, in the order of {@link #alternating} (callers warm both up before, with
     * {@link #counted}). Sequence numbers run on per side from 0; pooled as {@link #alternating};
     * with {@code -Dbench.threads=true} the split by thread is printed under {@code label}.
     *
     * @return the two sides' pooled stats, {@code a}'s first
     */
    static Stats[] alternatingCounted(String label, int callers, int rounds, int measuredOps,
            Operation a, Operation b) throws InterruptedException {
        AtomicInteger nextA = new AtomicInteger();
        AtomicInteger nextB = new AtomicInteger();
        Operation onA = seq -> a.run(nextA.getAndIncrement());
        Operation onB = seq -> b.run(nextB.getAndIncrement());
        return inTurn(label, rounds, r -> false, (r, side) -> countedRaw(callers,
                measuredOps / rounds + (r < measuredOps % rounds ? 1 : 0), side == 0 ? onA : onB));
    }

    /** One turn of one side (0 for a, 1 for b) in round {@code round}. */
    @FunctionalInterface
    private interface Turn {
        Raw take(int round, int side) throws InterruptedException;
    }

    /**
     * Takes {@code rounds} rounds of turns, a then b in even rounds and b then a in odd ones, so
     * that each round's first side is the last round's second and neither side always meets
     * what the other left behind (its garbage, its rows, the caches it filled); pools each
     * side's turns. Rounds that {@code warming} names are left out of the split by thread: their
     * threads' time is not per measured operation.
     */
    private static Stats[] inTurn(String label, int rounds, IntPredicate warming, Turn turn)
            throws InterruptedException {
        List<List<Raw>> sides = List.of(new ArrayList<>(), new ArrayList<>());
        ThreadsCpu split = ThreadsCpu.whenAsked();
        for (int r = 0; r < rounds; r++) {
            for (int side : r % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}) {
                Map<Long, ThreadsCpu.Seen> before = split == null || warming.test(r) ? null
                        : ThreadsCpu.snapshot();
                Raw taken = turn.take(r, side);
                sides.get(side).add(taken);
                if (before != null) {
                    split.add(side, before, ThreadsCpu.snapshot(), taken.operations());
                }
            }
        }
        if (split != null) {
            split.lines(label).forEach(System.out::println);
        }
        return new Stats[] {Raw.pooled(sides.get(0)), Raw.pooled(sides.get(1))};
    }

    /**
     * The number of rounds or slices each side of an alternating measurement gets:
     * {@code -Dbench.rounds} when given (to check the harness itself), else {@code byDefault}.
     */
    static int rounds(int byDefault) {
        int rounds = Integer.getInteger("bench.rounds", byDefault);
        if (rounds < 1) {
            throw new IllegalArgumentException("bench.rounds must be at least 1, was " + rounds);
        }
        return rounds;
    }

    /**
     * True when {@code -Dbench.sameCode=true}: the sections that measure the library against its
     * floor in turn measure the library against itself instead (initiation and webhooks). The
     * ratio such a run prints is the harness's own error on this machine, which a ratio of the
     * library to its floor cannot be read more finely than.
     */
    static boolean sameCode() {
        return Boolean.getBoolean("bench.sameCode");
    }

    private static Raw timedRaw(int callers, Duration warmup, Duration measure, Operation op)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        return runRaw(callers, op, seq -> System.nanoTime() < end, measureFrom);
    }

    private static Raw countedRaw(int callers, int ops, Operation op) throws InterruptedException {
        AtomicInteger left = new AtomicInteger(ops);
        return runRaw(callers, op, seq -> left.getAndDecrement() > 0, 0);
    }

    /** What one measured run saw: its latencies, its measured wall time, its errors, its CPU. */
    private record Raw(long[] latencies, long elapsedNanos, int errors, Cpu.Spent cpu) {
        long operations() {
            return latencies.length + (long) errors;
        }

        Stats stats() {
            return Stats.of(latencies, latencies.length, elapsedNanos, errors).withCpu(cpu);
        }

        static Stats pooled(List<Raw> runs) {
            long[] all = runs.stream().flatMapToLong(r -> Arrays.stream(r.latencies))
                    .toArray();
            return Stats.of(all, all.length, runs.stream().mapToLong(Raw::elapsedNanos).sum(),
                    runs.stream().mapToInt(Raw::errors).sum())
                    .withCpu(runs.stream().map(Raw::cpu).reduce(Cpu.Spent.NONE, Cpu.Spent::plus));
        }
    }

    private interface Continue {
        boolean another(long seq);
    }

    private static Stats run(int callers, Operation op, Continue more, long measureFrom,
            int expected) throws InterruptedException {
        return runRaw(callers, op, more, measureFrom).stats();
    }

    private static Raw runRaw(int callers, Operation op, Continue more, long measureFrom)
            throws InterruptedException {
        List<LatencyLog> logs = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        AtomicLong seqs = new AtomicLong();
        AtomicLong firstMeasured = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastMeasured = new AtomicLong();
        // CPU from the start of the measured window: now, or when the first caller enters it
        AtomicReference<Cpu.Spent> cpuFrom = new AtomicReference<>(measureFrom == 0 ? Cpu.now() : null);
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
                        // sampled before t0, so that no operation's latency holds the sample
                        if (cpuFrom.get() == null && System.nanoTime() >= measureFrom) {
                            cpuFrom.compareAndSet(null, Cpu.now());
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
                    ThreadsCpu.callerEnds();
                    done.countDown();
                }
            }, "bench-caller-" + c);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        done.await();
        Cpu.Spent cpu = cpuFrom.get() == null ? Cpu.Spent.NONE : Cpu.now().minus(cpuFrom.get());
        if (firstError.get() != null) {
            System.err.println("  first error: " + firstError.get());
        }
        long elapsed = Math.max(0, lastMeasured.get() - firstMeasured.get());
        return new Raw(LatencyLog.merge(logs), elapsed, errors.get(), cpu);
    }
}
