package org.dusangire.payment.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * CPU time spent: this JVM's work (the library or floor, the simulators, Jetty, H2 and the callers
 * all run in it), the JVM's own runtime (JIT compilers, garbage collectors, the VM thread) apart,
 * and the local PostgreSQL server's (its processes, read from {@code /proc}). In a quick run the
 * runtime's share swings by half the total from one run to the next (the JIT is still compiling);
 * leaving it out makes CPU per operation a yardstick that a change of a tenth can show in.
 */
public final class Cpu {
    /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux this runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private Cpu() {
    }

    /**
     * CPU time spent so far, or over an interval, in nanoseconds: this JVM's work, PostgreSQL's,
     * and the JVM runtime's (compilers, collectors), which {@link #nanos} leaves out.
     */
    public record Spent(long jvmNanos, long serverNanos, long runtimeNanos) {
        public static final Spent NONE = new Spent(0, 0, 0);

        /** A figure without a runtime part. */
        public Spent(long jvmNanos, long serverNanos) {
            this(jvmNanos, serverNanos, 0);
        }

        Spent minus(Spent earlier) {
            return new Spent(jvmNanos - earlier.jvmNanos, serverNanos - earlier.serverNanos,
                    runtimeNanos - earlier.runtimeNanos);
        }

        Spent plus(Spent other) {
            return new Spent(jvmNanos + other.jvmNanos, serverNanos + other.serverNanos,
                    runtimeNanos + other.runtimeNanos);
        }

        /** This JVM's time, and PostgreSQL's too when {@code withServer}. */
        public long nanos(boolean withServer) {
            return jvmNanos + (withServer ? serverNanos : 0);
        }
    }

    /** CPU time spent so far by this JVM (its work and its runtime) and by the local PostgreSQL server. */
    static Spent now() {
        long runtime = runtimeNanos();
        return new Spent(Math.max(0, jvmNanos() - runtime), postgresNanos(), runtime);
    }

    /**
     * User and system time of this JVM's runtime threads (see {@link #isRuntimeThread}), from
     * {@code /proc/self/task}; 0 where there is none. A compiler thread the JVM retires takes its
     * time with it and leaves it in the work's figure: seldom, and small next to a run.
     */
    private static long runtimeNanos() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        long ticks = 0;
        try (DirectoryStream<Path> ids = Files.newDirectoryStream(tasks)) {
            for (Path id : ids) {
                ticks += runtimeTicks(read(id.resolve("stat")));
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** A thread's user and system ticks when its {@code /proc} stat line names a runtime thread. */
    static long runtimeTicks(String line) {
        return ticks(line, Cpu::isRuntimeThread, 14, 15);
    }

    /**
     * The JVM's own threads by their (15-character) names: the JIT compilers, the collectors'
     * threads (G1's, the parallel and serial collectors' run as {@code GC Thread} or in the VM
     * thread) and the VM thread, which runs safepoint work such as collections.
     */
    static boolean isRuntimeThread(String name) {
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")
                || name.startsWith("GC Thread") || name.startsWith("G1 ")
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

    /**
     * User and system time of every process named {@code postgres} (postmaster, backends,
     * background workers), with that of their ended children (a backend that exits hands its time
     * to the postmaster, which counts it once it has reaped it); 0 where there is no {@code /proc}.
     */
    private static long postgresNanos() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return 0;
        }
        long ticks = 0;
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc,
                p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path pid : pids) {
                ticks += postgresTicks(pid.resolve("stat"));
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** Time of one process and its ended children if it is a postgres process; else 0. */
    static long postgresTicks(Path stat) {
        return ticksIfPostgres(read(stat));
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
