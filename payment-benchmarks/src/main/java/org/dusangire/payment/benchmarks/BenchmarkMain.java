package org.dusangire.payment.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Runs every benchmark in one JVM, prints a Markdown table and writes it to
 * {@code payment-benchmarks/target/benchmark-results.md}.
 *
 * <pre>
 * mvn -q -pl payment-benchmarks -am -DskipTests package exec:java                    # quick
 * mvn -q -pl payment-benchmarks -am -DskipTests package exec:java -Dexec.args=--long # long
 * </pre>
 *
 * <p>A section may be picked with
 * {@code -Dbench.only=initiation,webhooks,reconcile,housekeeping,refunds,jmh,memory,tokens}.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        // The simulators run on the JDK HttpServer, which writes headers and body separately;
        // with Nagle's algorithm on, every answer with a body waits ~40 ms for a delayed ACK.
        // The bare baseline and the library both pay it, but it would drown both.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Mode mode = Mode.parse(args);
        Set<String> only = Set.of(System.getProperty("bench.only",
                "initiation,webhooks,reconcile,housekeeping,refunds,jmh,memory,tokens").split(","));
        long started = System.nanoTime();
        ResultTable table = new ResultTable();
        System.out.println("Dusangire Payments benchmarks, " + mode.name() + " mode");
        if (LoadRunner.sameCode()) {
            table.note("-Dbench.sameCode=true: initiation's and the webhooks' floors are the library"
                    + " itself, so their library/floor ratios are the harness's own error, not the"
                    + " library's cost.");
            System.out.println("same code on both sides of initiation and webhooks (bench.sameCode)");
        }
        if (only.contains("initiation")) {
            section("initiation", () -> InitiationBenchmark.run(mode, table));
        }
        if (only.contains("webhooks")) {
            section("webhooks", () -> WebhookBenchmark.run(mode, table));
        }
        if (only.contains("reconcile")) {
            section("reconciliation", () -> ReconciliationBenchmark.run(mode, table,
                    Boolean.parseBoolean(System.getProperty("bench.reconcilePostgres", "true"))));
        }
        if (only.contains("housekeeping")) {
            section("housekeeping", () -> HousekeepingBenchmark.run(mode, table));
        }
        if (only.contains("refunds")) {
            section("refunds", () -> RefundBenchmark.run(mode, table));
        }
        if (only.contains("jmh")) {
            section("jmh", () -> MicroBenchmarks.run(mode, table));
        }
        if (only.contains("memory")) {
            section("memory", () -> MemoryBenchmark.run(mode, table));
        }
        if (only.contains("tokens")) {
            section("token economy", () -> TokenEconomyBenchmark.run(mode, table));
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        String report = "# Benchmark results (" + mode.name() + " mode)\n\n"
                + environment(minutes) + "\n" + table.toMarkdown();
        System.out.println();
        System.out.println(report);
        Path out = Path.of(System.getProperty("bench.output", outputPath()));
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println("written to " + out.toAbsolutePath());
        System.exit(0);
    }

    private interface Section {
        void run() throws Exception;
    }

    private static void section(String name, Section s) {
        long t0 = System.nanoTime();
        System.out.println("== " + name);
        try {
            s.run();
        } catch (Exception e) {
            System.out.println("section " + name + " failed: " + e);
            e.printStackTrace();
        }
        System.out.printf(Locale.ROOT, "   (%s took %.1f s)%n", name, (System.nanoTime() - t0) / 1e9);
    }

    /** target/ of this module, whether run from the repository root or the module. */
    private static String outputPath() {
        Path module = Path.of("payment-benchmarks");
        Path base = Files.isDirectory(module) ? module : Path.of(".");
        return base.resolve("target").resolve("benchmark-results.md").toString();
    }

    private static String environment(double minutes) {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "Run %s; %d CPUs visible; Java %s (%s); max heap %d MiB; "
                        + "JVM args %s; took %.1f min.%n",
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                rt.availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), rt.maxMemory() >> 20,
                ManagementFactory.getRuntimeMXBean().getInputArguments(), minutes);
    }
}
