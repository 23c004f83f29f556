package org.dusangire.payment.benchmarks;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks of {@code ...benchmarks.jmh} in this JVM and adds them to the table. */
final class MicroBenchmarks {
    private MicroBenchmarks() {
    }

    static void run(Mode mode, ResultTable table) throws Exception {
        Options options = new OptionsBuilder()
                .include("org\\.dusangire\\.payment\\.benchmarks\\.jmh\\..*")
                .forks(mode.jmhForks())
                .warmupIterations(mode.jmhWarmupIterations())
                .warmupTime(TimeValue.milliseconds(mode.jmhTime().toMillis()))
                .measurementIterations(mode.jmhIterations())
                .measurementTime(TimeValue.milliseconds(mode.jmhTime().toMillis()))
                .threads(1)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        for (RunResult r : results) {
            var primary = r.getPrimaryResult();
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            double error = primary.getScoreError();
            table.add("JMH (" + mode.jmhIterations() + " x " + mode.jmhTime().toMillis()
                            + " ms, " + (mode.jmhForks() == 0 ? "no fork" : mode.jmhForks() + " fork") + ")",
                    name, String.format(Locale.ROOT, "%,.0f %s%s", primary.getScore(),
                            primary.getScoreUnit(), Double.isNaN(error) ? " (too few iterations for an error bar)"
                                    : String.format(Locale.ROOT, " +/- %,.0f (99.9%%)", error)),
                    "", "", "", "");
        }
    }
}
