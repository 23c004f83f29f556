package org.dusangire.payment.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The results as one Markdown table: what was measured, library, bare baseline, their ratio. */
public final class ResultTable {
    /** One line of the table; {@code bare} and {@code target} may be blank. */
    public record Row(String section, String scenario, String library, String bare, String ratio,
            String target, String verdict) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> ratioLines = new ArrayList<>();

    public void add(Row row) {
        rows.add(row);
    }

    public void add(String section, String scenario, String library, String bare, String ratio,
            String target, String verdict) {
        add(new Row(section, scenario, library, bare, ratio, target, verdict));
    }

    /** A sentence printed under the table. */
    public void note(String note) {
        notes.add(note);
    }

    /** A store's name as the machine-readable lines spell it: {@code h2}, {@code postgresql}. */
    static String storeKey(String store) {
        return store.toLowerCase(Locale.ROOT);
    }

    /**
     * Records the machine-readable line {@code RATIO <path>-<store> library/floor=<x.xx>} from
     * two rates measured in the same run, and returns it; blank ratio when the floor is zero.
     */
    public String floorRatio(String path, String store, double library, double floor) {
        String line = "RATIO " + path + "-" + storeKey(store) + " library/floor="
                + (floor == 0 ? "n/a" : ratio(library, floor));
        ratioLines.add(line);
        return line;
    }

    /**
     * Records the machine-readable line {@code CPU <path>-<store> library=<n>us floor=<n>us
     * library/floor=<x.xx>} from two sides' stats and returns it: CPU microseconds per operation
     * of each side (errors included, they ran too), this JVM's and, on PostgreSQL, the server's
     * too; above 1 the library spends more than its floor.
     */
    public String floorCpu(String path, String store, Stats library, Stats floor) {
        return floorCpu(path, store, library.cpu(), library.operations() + library.errors(),
                floor.cpu(), floor.operations() + floor.errors());
    }

    /**
     * The same line from the CPU each side spent on its operations. On PostgreSQL the line goes
     * on with the server's share of each figure, {@code ; PostgreSQL library=<n>us floor=<n>us},
     * so that a gap can be told apart as this JVM's or the server's.
     * When the runtime threads' time was read, it ends with {@code ; JVM runtime library=<n>us
     * floor=<n>us}: the JIT compilers', collectors' and VM thread's time per operation in each
     * side's window, counted in neither figure, which takes cores from the side it falls on
     * (while a section still compiles, mostly from the side with more code to compile); when the
     * compilers' part was read, {@code , of it JIT compilers library=<n>us floor=<n>us} follows,
     * and the rest is the collectors' and the VM thread's.
     * When the collectors paused the JVM in either side's window, it ends with {@code ; GC pauses
     * library=<n>us floor=<n>us}: their stop-the-world time per operation in each side's window,
     * which stops that side's callers and the servers they wait on alike.
     */
    public String floorCpu(String path, String store, Cpu.Spent library, int libraryOps,
            Cpu.Spent floor, int floorOps) {
        boolean server = isPostgres(store);
        double lib = library.microsPer(libraryOps, server);
        double atFloor = floor.microsPer(floorOps, server);
        String line = String.format(Locale.ROOT,
                "CPU %s-%s library=%.0fus floor=%.0fus library/floor=%s", path,
                storeKey(store), lib, atFloor,
                atFloor == 0 ? "n/a" : ratio(lib, atFloor));
        if (server) {
            line += String.format(Locale.ROOT, "; PostgreSQL library=%.0fus floor=%.0fus",
                    lib - library.microsPer(libraryOps, false),
                    atFloor - floor.microsPer(floorOps, false));
        }
        if (library.runtimeNanos() != 0 || floor.runtimeNanos() != 0) {
            line += String.format(Locale.ROOT, "; JVM runtime library=%.0fus floor=%.0fus",
                    library.runtimeMicrosPer(libraryOps), floor.runtimeMicrosPer(floorOps));
            if (library.compilerNanos() != 0 || floor.compilerNanos() != 0) {
                line += String.format(Locale.ROOT, ", of it JIT compilers library=%.0fus"
                        + " floor=%.0fus", library.compilerMicrosPer(libraryOps),
                        floor.compilerMicrosPer(floorOps));
            }
        }
        if (library.pauseNanos() != 0 || floor.pauseNanos() != 0) {
            line += String.format(Locale.ROOT, "; GC pauses library=%.0fus floor=%.0fus",
                    library.pauseMicrosPer(libraryOps), floor.pauseMicrosPer(floorOps));
        }
        ratioLines.add(line);
        return line;
    }

    /**
     * Records the line {@code PAUSES <path>-<store> library/floor=<x.xx>; ...} and returns it;
     * empty when neither side's window held a pause or no allocation was counted. It is
     * the ratio of {@link #floorRatio} with the collectors' stop-the-world time shared out between
     * the sides by the bytes each allocated, instead of left on whichever side's turn a pause
     * happened to fall in. A young collection here stops every caller for 50 to 140 ms, about
     * once a second and a half, so a side measured for 3 s takes one to three of them by chance:
     * that alone moves a ratio by several hundredths. Each side's rate is its operations over its
     * measured time less the pauses in it, plus all pauses times its share of the bytes both
     * allocated. A side that allocates more still pays for more collection; the ratio stops
     * depending on where the pauses fell.
     */
    public Optional<String> pausesShared(String path, String store, Stats library, Stats floor) {
        long pauses = library.cpu().pauseNanos() + floor.cpu().pauseNanos();
        long allocated = library.cpu().allocatedBytes() + floor.cpu().allocatedBytes();
        if (pauses <= 0 || allocated <= 0 || library.perSecond() <= 0 || floor.perSecond() <= 0) {
            return Optional.empty();
        }
        double lib = sharedRate(library, pauses, allocated);
        double atFloor = sharedRate(floor, pauses, allocated);
        String line = String.format(Locale.ROOT, "PAUSES %s-%s library/floor=%s; GC pauses"
                        + " library=%.0fms floor=%.0fms shared by allocation library=%.0fKB"
                        + " floor=%.0fKB an operation", path, storeKey(store), ratio(lib, atFloor),
                library.cpu().pauseNanos() / 1e6, floor.cpu().pauseNanos() / 1e6,
                kilobytesPer(library), kilobytesPer(floor));
        ratioLines.add(line);
        return Optional.of(line);
    }

    /** A side's operations a second with {@code pauses} shared by its part of {@code allocated}. */
    static double sharedRate(Stats side, long pauses, long allocated) {
        double seconds = side.operations() / side.perSecond();
        double share = (double) side.cpu().allocatedBytes() / allocated;
        double charged = seconds - side.cpu().pauseNanos() / 1e9 + pauses / 1e9 * share;
        return charged <= 0 ? 0 : side.operations() / charged;
    }

    private static double kilobytesPer(Stats side) {
        int ops = side.operations() + side.errors();
        return ops == 0 ? 0 : side.cpu().allocatedBytes() / 1024.0 / ops;
    }

    /** Whether a store's name is PostgreSQL's, whose server's CPU counts with the JVM's. */
    public static boolean isPostgres(String store) {
        return store.toLowerCase(Locale.ROOT).startsWith("postgres");
    }

    /** The RATIO and CPU lines recorded so far, in order. */
    public List<String> ratioLines() {
        return List.copyOf(ratioLines);
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The table (and notes) in GitHub Markdown; pipes inside cells are escaped. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| section | scenario | library | bare baseline | library/bare | target | met |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append('|');
            for (String cell : Arrays.asList(r.section(), r.scenario(), r.library(), r.bare(), r.ratio(),
                    r.target(), r.verdict())) {
                sb.append(' ').append(cell == null ? "" : cell.replace("|", "\\|")
                        .replace("\n", " ")).append(" |");
            }
            sb.append('\n');
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            for (String n : notes) {
                sb.append("- ").append(n).append('\n');
            }
        }
        if (!ratioLines.isEmpty()) {
            sb.append("\n```\n");
            ratioLines.forEach(l -> sb.append(l).append('\n'));
            sb.append("```\n");
        }
        return sb.toString();
    }

    /** Throughput and latency in one cell: {@code 1234/s, p50 1.20 ms, p99 4.50 ms}. */
    public static String cell(Stats s, String unit) {
        String base = String.format(Locale.ROOT, "%,.0f %s/s, p50 %.2f ms, p99 %.2f ms",
                s.perSecond(), unit, s.p50Millis(), s.p99Millis());
        return s.errors() > 0 ? base + ", " + s.errors() + " errors" : base;
    }

    /** {@code a / b} to two decimals; blank when {@code b} is zero. */
    public static String ratio(double a, double b) {
        return b == 0 ? "" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    /** "yes" or "NO" for a ratio against its minimum. */
    public static String meets(double a, double b, double minimum) {
        return b != 0 && a / b >= minimum ? "yes" : "NO";
    }
}
