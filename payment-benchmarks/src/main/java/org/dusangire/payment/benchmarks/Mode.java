package org.dusangire.payment.benchmarks;

import java.time.Duration;

/**
 * How long and how much: {@link #QUICK} runs every section in about three and a half minutes on
 * two cores (the build apart), {@link #LONG} gives steadier figures.
 */
record Mode(String name, Duration warmup, Duration measure, int webhookWarmup, int webhooks,
        int reconcilePayments, int refunds, int memoryPayments, int jmhWarmupIterations,
        int jmhIterations, Duration jmhTime, int jmhForks) {

    static final Mode QUICK = new Mode("quick", Duration.ofSeconds(2), Duration.ofSeconds(3),
            1_000, 2_000, 10_000, 1_500, 200_000, 1, 3, Duration.ofMillis(500), 0);
    static final Mode LONG = new Mode("long", Duration.ofSeconds(5), Duration.ofSeconds(15),
            2_000, 10_000, 10_000, 5_000, 1_000_000, 3, 5, Duration.ofSeconds(2), 0);

    /**
     * The webhooks each side handles before its measured ones: {@code -Dbench.webhookWarmup=N}
     * when given, else the mode's.
     */
    @Override
    public int webhookWarmup() {
        int warmup = Integer.getInteger("bench.webhookWarmup", webhookWarmup);
        if (warmup < 0) {
            throw new IllegalArgumentException("bench.webhookWarmup must not be negative, was "
                    + warmup);
        }
        return warmup;
    }

    static Mode parse(String[] args) {
        Mode mode = QUICK;
        for (String a : args) {
            for (String word : a.trim().split("\\s+")) {
                switch (word) {
                    case "--long", "long" -> mode = LONG;
                    case "--quick", "quick", "" -> mode = QUICK;
                    default -> throw new IllegalArgumentException("unknown argument " + word
                            + " (use --quick or --long)");
                }
            }
        }
        return mode;
    }
}
