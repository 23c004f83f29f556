package org.dusangire.payment.benchmarks;

import java.util.Arrays;

/**
 * Throughput and latency of one measured run: operations per second over the measured wall time,
 * nearest-rank percentiles of the per-operation latencies, and the CPU time spent meanwhile.
 */
public record Stats(int operations, int errors, double perSecond, double p50Millis, double p99Millis,
        Cpu.Spent cpu) {

    /** Stats without a CPU figure. */
    public Stats(int operations, int errors, double perSecond, double p50Millis, double p99Millis) {
        this(operations, errors, perSecond, p50Millis, p99Millis, Cpu.Spent.NONE);
    }

    /** These stats with the CPU time spent over their measured window. */
    public Stats withCpu(Cpu.Spent spent) {
        return new Stats(operations, errors, perSecond, p50Millis, p99Millis, spent);
    }

    /** Stats of {@code count} latencies (nanoseconds) measured over {@code elapsedNanos}. */
    public static Stats of(long[] latencyNanos, int count, long elapsedNanos, int errors) {
        if (count < 0 || count > latencyNanos.length) {
            throw new IllegalArgumentException("count must be within the latency array");
        }
        long[] sorted = Arrays.copyOf(latencyNanos, count);
        Arrays.sort(sorted);
        double seconds = elapsedNanos / 1e9;
        return new Stats(count, errors, seconds > 0 ? count / seconds : 0,
                percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6);
    }

    /**
     * Nearest-rank percentile of sorted values: the smallest value with at least {@code p} of all
     * values at or below it; 0 for no values.
     */
    public static long percentile(long[] sorted, double p) {
        if (p <= 0 || p > 1) {
            throw new IllegalArgumentException("p must be in (0, 1]");
        }
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
