package org.dusangire.payment.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Where a side's CPU goes, by thread ({@code -Dbench.threads=true}): this JVM's threads' CPU time
 * in each side's turns of an alternating measurement, grouped by name with the numbers taken out
 * ({@code HttpClient-N-Worker-N}, {@code mtn-sim-N}, {@code qtpN-N} for Jetty), per operation.
 * The callers, started anew for every turn, count their own time as they end. The CPU lines say
 * how much more a side spends; these lines say on which threads: the callers (the library's or
 * the floor's own code, and H2's), the HTTP clients' threads, the simulators', Jetty's.
 */
final class ThreadsCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    /** The group the callers' own time is counted under. */
    static final String CALLERS = "bench-caller-N";
    /** CPU time of the callers that have ended, in nanoseconds. */
    private static final AtomicLong ENDED_CALLERS = new AtomicLong();

    private final Map<String, Long> library = new TreeMap<>();
    private final Map<String, Long> floor = new TreeMap<>();
    private long libraryOps;
    private long floorOps;

    /** A split of two sides' CPU by thread when {@code -Dbench.threads=true}, else null. */
    static ThreadsCpu whenAsked() {
        return Boolean.getBoolean("bench.threads") ? new ThreadsCpu() : null;
    }

    /** Called by each caller as it ends, on its own thread. */
    static void callerEnds() {
        if (THREADS.isCurrentThreadCpuTimeSupported()) {
            ENDED_CALLERS.addAndGet(Math.max(0, THREADS.getCurrentThreadCpuTime()));
        }
    }

    /** Every live thread's CPU time so far by thread id, and the ended callers' under -1. */
    static Map<Long, Seen> snapshot() {
        Map<Long, Seen> now = new HashMap<>();
        now.put(-1L, new Seen(CALLERS, ENDED_CALLERS.get()));
        // names without stacks: no thread's stack is walked for a snapshot
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t == null || t.getThreadName().startsWith("bench-caller-")) {
                continue; // ended since the ids were read, or a caller (counted as it ends)
            }
            long nanos = THREADS.getThreadCpuTime(t.getThreadId());
            if (nanos > 0) {
                now.put(t.getThreadId(), new Seen(group(t.getThreadName()), nanos));
            }
        }
        return now;
    }

    /** A thread's group: its name with every run of digits replaced by {@code N}. */
    static String group(String threadName) {
        return DIGITS.matcher(threadName).replaceAll("N");
    }

    /** One thread's name group and CPU time so far. */
    record Seen(String group, long nanos) {
    }

    /** Adds a turn of the library ({@code side} 0) or of the floor (1) of {@code operations}. */
    void add(int side, Map<Long, Seen> before, Map<Long, Seen> after, long operations) {
        Map<String, Long> into = side == 0 ? library : floor;
        for (Map.Entry<Long, Seen> e : after.entrySet()) {
            Seen was = before.get(e.getKey());
            long spent = e.getValue().nanos() - (was == null ? 0 : was.nanos());
            if (spent > 0) {
                into.merge(e.getValue().group(), spent, Long::sum);
            }
        }
        if (side == 0) {
            libraryOps += operations;
        } else {
            floorOps += operations;
        }
    }

    /**
     * One line a thread group that spent at least a microsecond an operation on either side,
     * {@code THREADS <label> <group> library=<n>us floor=<n>us}, largest first, then the total.
     */
    List<String> lines(String label) {
        Map<String, Long> all = new TreeMap<>(library);
        floor.forEach((g, n) -> all.putIfAbsent(g, 0L));
        List<String> out = new ArrayList<>();
        all.keySet().stream()
                .sorted((a, b) -> Double.compare(per(floor, b, floorOps) + per(library, b, libraryOps),
                        per(floor, a, floorOps) + per(library, a, libraryOps)))
                .filter(g -> per(library, g, libraryOps) >= 1 || per(floor, g, floorOps) >= 1)
                .forEach(g -> out.add(line(label, g, per(library, g, libraryOps),
                        per(floor, g, floorOps))));
        out.add(line(label, "(all)", total(library, libraryOps), total(floor, floorOps)));
        return out;
    }

    private static String line(String label, String group, double library, double floor) {
        return String.format(Locale.ROOT, "THREADS %s %s library=%.0fus floor=%.0fus", label, group,
                library, floor);
    }

    private static double per(Map<String, Long> side, String group, long ops) {
        return ops == 0 ? 0 : side.getOrDefault(group, 0L) / 1e3 / ops;
    }

    private static double total(Map<String, Long> side, long ops) {
        return ops == 0 ? 0 : side.values().stream().mapToLong(Long::longValue).sum() / 1e3 / ops;
    }
}
