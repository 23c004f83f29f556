package org.dusangire.payment.benchmarks;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * CPU time spent: this JVM's work (the library or floor, the simulators, Jetty, H2 and the callers
 * all run in it), the JVM's own runtime (JIT compilers, garbage collectors, the VM thread) apart,
 * and the local PostgreSQL server's (its processes, read from {@code /proc}). In a quick run the
 * JIT is still compiling: counted in, the runtime moved a section's CPU per operation by up to a
 * factor of two between runs; left out, the figure still moves by up to a third with the
 * machine, so compare a library's CPU with its floor's from the same run, not across runs.
 * {@code /proc} counts in 10 ms ticks per thread and process: over a window of seconds that is
 * a percent or two, over a window of milliseconds it is most of the figure.
 */
public final class Cpu {
    /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux this runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private Cpu() {
    }

    /**
     * CPU time spent so far, or over an interval, in nanoseconds: this JVM's work, PostgreSQL's,
     * and apart from both the JVM's own runtime threads (JIT compilers, collectors, the VM
     * thread), which no figure counts in but which take cores from the work while they run; and
     * the collectors' stop-the-world time ({@link #pauseNanos()}), wall time in which no caller
     * of this JVM runs; and the bytes this JVM allocated ({@link #allocatedBytes()}), which is
     * what makes the collectors run.
     */
    public record Spent(long jvmNanos, long serverNanos, long runtimeNanos, long compilerNanos,
            long pauseNanos, long allocatedBytes) {
        public static final Spent NONE = new Spent(0, 0, 0, 0, 0, 0);

        /** Without the compilers' part, the collectors' pauses and the bytes allocated. */
        public Spent(long jvmNanos, long serverNanos, long runtimeNanos) {
            this(jvmNanos, serverNanos, runtimeNanos, 0, 0, 0);
        }

        /** Without the compilers' part and the bytes allocated (none read). */
        public Spent(long jvmNanos, long serverNanos, long runtimeNanos, long pauseNanos) {
            this(jvmNanos, serverNanos, runtimeNanos, 0, pauseNanos, 0);
        }

        Spent minus(Spent earlier) {
            return new Spent(jvmNanos - earlier.jvmNanos, serverNanos - earlier.serverNanos,
                    runtimeNanos - earlier.runtimeNanos, compilerNanos - earlier.compilerNanos,
                    pauseNanos - earlier.pauseNanos, allocatedBytes - earlier.allocatedBytes);
        }

        Spent plus(Spent other) {
            return new Spent(jvmNanos + other.jvmNanos, serverNanos + other.serverNanos,
                    runtimeNanos + other.runtimeNanos, compilerNanos + other.compilerNanos,
                    pauseNanos + other.pauseNanos, allocatedBytes + other.allocatedBytes);
        }

        /** This JVM's time, and PostgreSQL's too when {@code withServer}. */
        public long nanos(boolean withServer) {
            return jvmNanos + (withServer ? serverNanos : 0);
        }

        /** Microseconds per operation over {@code operations}; 0 for none. */
        public double microsPer(int operations, boolean withServer) {
            return operations <= 0 ? 0 : nanos(withServer) / 1e3 / operations;
        }

        /** The runtime threads' microseconds per operation over {@code operations}; 0 for none. */
        public double runtimeMicrosPer(int operations) {
            return operations <= 0 ? 0 : runtimeNanos / 1e3 / operations;
        }

        /** The JIT compilers' part of {@link #runtimeMicrosPer}; 0 for no operations. */
        public double compilerMicrosPer(int operations) {
            return operations <= 0 ? 0 : compilerNanos / 1e3 / operations;
        }

        /** The collectors' stop-the-world microseconds per operation; 0 for none. */
        public double pauseMicrosPer(int operations) {
            return operations <= 0 ? 0 : pauseNanos / 1e3 / operations;
        }
    }

    /** CPU time spent so far by this JVM's work, by PostgreSQL, and by this JVM's runtime threads. */
    static Spent now() {
        // one read of each thread's line for both: the compilers' part never exceeds the whole
        long[] runtime = procNanos(Path.of("/proc/self/task"), id -> true, Cpu::runtimeTicks,
                Cpu::compilerTicks);
        long server = procNanos(Path.of("/proc"),
                p -> p.getFileName().toString().chars().allMatch(Character::isDigit),
                Cpu::ticksIfPostgres)[0];
        return new Spent(Math.max(0, jvmNanos() - runtime[0]), server, runtime[0], runtime[1],
                pauseNanos(), allocatedBytes());
    }

    /**
     * The bytes this JVM's threads have allocated so far, those of ended threads included (the
     * callers of each turn end with it); 0 where the JVM does not count them.
     */
    static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported()
                && threads.isThreadAllocatedMemoryEnabled()) {
            return Math.max(0, threads.getTotalThreadAllocatedBytes());
        }
        return 0;
    }

    /**
     * The collectors' stop-the-world time so far, in whole milliseconds as the JVM counts it
     * (G1: its young, mixed and full pauses; a bean of concurrent work, as on JDK 20 and later,
     * is left out because it stops no thread).
     */
    static long pauseNanos() {
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Concurrent") && gc.getCollectionTime() > 0) {
                millis += gc.getCollectionTime();
            }
        }
        return millis * 1_000_000;
    }

    /**
     * For each of {@code ticksOf}, the ticks it finds in the {@code stat} file of each entry of
     * {@code dir} that {@code entries} accepts, in nanoseconds, each file read once; 0 where there
     * is no such directory (no {@code /proc}). For {@code /proc/self/task}: this JVM's runtime threads (a compiler thread
     * the JVM retires takes its time with it and leaves it in the work's figure: seldom, and
     * small next to a run). For {@code /proc}: every process named {@code postgres} (postmaster,
     * backends, background workers) with its ended children (a backend that exits hands its
     * time to the postmaster, which counts it once it has reaped it).
     */
    @SafeVarargs
    private static long[] procNanos(Path dir, DirectoryStream.Filter<Path> entries,
            ToLongFunction<String>... ticksOf) {
        long[] nanos = new long[ticksOf.length];
        if (!Files.isDirectory(dir)) {
            return nanos;
        }
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, entries)) {
            for (Path entry : found) {
                String line = read(entry.resolve("stat"));
                for (int i = 0; i < ticksOf.length; i++) {
                    nanos[i] += ticksOf[i].applyAsLong(line) * (1_000_000_000L / TICKS_PER_SECOND);
                }
            }
        } catch (IOException e) {
            return new long[ticksOf.length];
        }
        return nanos;
    }

    /** A thread's user and system ticks when its {@code /proc} stat line names a runtime thread. */
    static long runtimeTicks(String line) {
        return ticks(line, Cpu::isRuntimeThread, 14, 15);
    }

    /** A thread's user and system ticks when its {@code /proc} stat line names a JIT compiler. */
    static long compilerTicks(String line) {
        return ticks(line, Cpu::isCompilerThread, 14, 15);
    }

    /** The JIT compilers' threads, by their (15-character) names: part of the runtime's. */
    static boolean isCompilerThread(String name) {
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
    }

    /**
     * The JVM's own threads by their (15-character) names: the JIT compilers, the collectors'
     * threads (G1's, the parallel and serial collectors' run as {@code GC Thread} or in the VM
     * thread) and the VM thread, which runs safepoint work such as collections.
     */
    static boolean isRuntimeThread(String name) {
        return isCompilerThread(name) || name.startsWith("GC Thread") || name.startsWith("G1 ")
                || name.equals("VM Thread");
    }

    private static String read(Path stat) {
        try {
            return Files.readString(stat, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static long jvmNanos() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** A process's own ticks and its ended children's when its stat line names {@code postgres}. */
    static long ticksIfPostgres(String line) {
        return ticks(line, "postgres"::equals, 14, 17);
    }

    /**
     * Parses one {@code /proc} stat line, {@code pid (comm) state ...}, and sums its fields
     * {@code first} to {@code last} (counted from 1: utime is 14, stime 15, cutime 16, cstime 17)
     * when its name passes {@code named}; else 0. The name may hold spaces and parentheses, so
     * the fields are counted from the last closing parenthesis.
     */
    private static long ticks(String line, Predicate<String> named, int first, int last) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 > line.length()
                || !named.test(line.substring(open + 1, close))) {
            return 0;
        }
        // rest[0] is field 3 (the state)
        String[] rest = line.substring(close + 2).trim().split(" ");
        if (rest.length <= last - 3) {
            return 0;
        }
        long ticks = 0;
        for (int field = first; field <= last; field++) {
            ticks += Long.parseLong(rest[field - 3]);
        }
        return ticks;
    }
}
