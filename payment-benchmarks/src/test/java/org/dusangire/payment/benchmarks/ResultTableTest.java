package org.dusangire.payment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResultTableTest {
    @Test
    void writesAHeaderARowPerResultAndNotes() {
        ResultTable t = new ResultTable();
        t.add("Initiation", "16 callers", "lib", "bare", "0.85", ">= 0.80", "yes");
        t.note("measured on loopback");
        String md = t.toMarkdown();
        assertThat(md.lines()).element(0).asString().startsWith("| section | scenario |");
        assertThat(md).contains("| Initiation | 16 callers | lib | bare | 0.85 | >= 0.80 | yes |")
                .contains("- measured on loopback");
    }

    @Test
    void escapesPipesAndNewlinesInsideCells() {
        ResultTable t = new ResultTable();
        t.add("a|b", "line\nbreak", null, "", "", "", "");
        assertThat(t.toMarkdown()).contains("| a\\|b | line break |  |");
    }

    @Test
    void ratiosAndVerdicts() {
        assertThat(ResultTable.ratio(80, 100)).isEqualTo("0.80");
        assertThat(ResultTable.ratio(1, 0)).isEmpty();
        assertThat(ResultTable.meets(80, 100, 0.8)).isEqualTo("yes");
        assertThat(ResultTable.meets(79, 100, 0.8)).isEqualTo("NO");
    }

    @Test
    void floorRatiosAreMachineReadableLinesComputedFromBothRates() {
        ResultTable t = new ResultTable();
        assertThat(t.floorRatio("webhooks", "PostgreSQL", 310, 500))
                .isEqualTo("RATIO webhooks-postgresql library/floor=0.62");
        assertThat(t.floorRatio("reconcile", "h2", 1, 0)).isEqualTo("RATIO reconcile-h2 library/floor=n/a");
        assertThat(t.toMarkdown()).contains("\nRATIO webhooks-postgresql library/floor=0.62\n");
    }

    @Test
    void pausesAreSharedByAllocationNotByWhoseTurnTheyFellIn() {
        ResultTable t = new ResultTable();
        // 1,000 operations each; the library's second held a 200 ms pause, the floor's 0.8 s none,
        // and both allocated alike: each is charged 100 ms, so both ran 1,000 in 0.9 s
        Stats lib = new Stats(1_000, 0, 1_000, 1, 1)
                .withCpu(new Cpu.Spent(1, 0, 0, 0, 200_000_000, 102_400_000L));
        Stats floor = new Stats(1_000, 0, 1_250, 1, 1)
                .withCpu(new Cpu.Spent(1, 0, 0, 0, 0, 102_400_000L));
        assertThat(t.floorRatio("initiation-16", "H2", lib.perSecond(), floor.perSecond()))
                .endsWith("library/floor=0.80");
        assertThat(t.pausesShared("initiation-16", "H2", lib, floor)).hasValue(
                "PAUSES initiation-16-h2 library/floor=1.00; GC pauses library=200ms floor=0ms"
                        + " shared by allocation library=100KB floor=100KB an operation");
        // a side that allocates three times as much takes three quarters of the pauses
        Stats heavy = lib.withCpu(new Cpu.Spent(1, 0, 0, 0, 0, 307_200_000L));
        Stats light = new Stats(1_000, 0, 1_000, 1, 1)
                .withCpu(new Cpu.Spent(1, 0, 0, 0, 200_000_000, 102_400_000L));
        assertThat(ResultTable.sharedRate(heavy, 200_000_000, 409_600_000L))
                .isCloseTo(1_000 / 1.15, within(1e-6));
        assertThat(ResultTable.sharedRate(light, 200_000_000, 409_600_000L))
                .isCloseTo(1_000 / 0.85, within(1e-6));
        assertThat(t.toMarkdown()).contains("\nPAUSES initiation-16-h2 library/floor=1.00;");
    }

    @Test
    void noPauseOrNoAllocationCountedGivesNoPausesLine() {
        ResultTable t = new ResultTable();
        Stats plain = new Stats(10, 0, 10, 1, 1).withCpu(new Cpu.Spent(1, 0, 0, 0, 0, 1_000));
        assertThat(t.pausesShared("webhooks", "H2", plain, plain)).isEmpty();
        Stats paused = new Stats(10, 0, 10, 1, 1).withCpu(new Cpu.Spent(1, 0, 0, 5_000_000));
        assertThat(t.pausesShared("webhooks", "H2", paused, paused)).isEmpty();
        assertThat(t.ratioLines()).isEmpty();
    }

    @Test
    void cellShowsRateLatenciesAndErrors() {
        Stats s = new Stats(10, 2, 1234.4, 1.2, 4.56);
        assertThat(ResultTable.cell(s, "payments"))
                .isEqualTo("1,234 payments/s, p50 1.20 ms, p99 4.56 ms, 2 errors");
    }

    @Test
    void cpuLinesGivePerOperationTimesAndCountPostgresOnlyOnPostgres() {
        ResultTable t = new ResultTable();
        Stats lib = new Stats(100, 0, 1, 1, 1).withCpu(new Cpu.Spent(60_000_000, 40_000_000, 0));
        Stats floor = new Stats(100, 0, 1, 1, 1).withCpu(new Cpu.Spent(30_000_000, 20_000_000, 0));
        assertThat(t.floorCpu("webhooks", "H2", lib, floor))
                .isEqualTo("CPU webhooks-h2 library=600us floor=300us library/floor=2.00");
        assertThat(t.floorCpu("webhooks", "PostgreSQL", lib, floor))
                .isEqualTo("CPU webhooks-postgresql library=1000us floor=500us library/floor=2.00;"
                        + " PostgreSQL library=400us floor=200us");
        assertThat(t.floorCpu("reconcile", "h2", new Cpu.Spent(10_000, 0, 0), 1, Cpu.Spent.NONE, 1))
                .isEqualTo("CPU reconcile-h2 library=10us floor=0us library/floor=n/a");
        // errors ran too: 8 ms over 3 operations and 1 error, the server's 4 ms on PostgreSQL
        Stats withErrors = Stats.of(new long[] {1, 2, 3}, 3, 1_000_000_000L, 1)
                .withCpu(new Cpu.Spent(8_000_000, 4_000_000, 0));
        assertThat(t.floorCpu("webhooks", "H2", withErrors, withErrors))
                .startsWith("CPU webhooks-h2 library=2000us floor=2000us");
        assertThat(t.floorCpu("webhooks", "PostgreSQL", withErrors, withErrors))
                .startsWith("CPU webhooks-postgresql library=3000us floor=3000us");
        Stats compiling = new Stats(100, 0, 1, 1, 1)
                .withCpu(new Cpu.Spent(60_000_000, 40_000_000, 25_000_000));
        Stats compiled = new Stats(50, 0, 1, 1, 1).withCpu(new Cpu.Spent(30_000_000, 0, 1_000_000));
        assertThat(t.floorCpu("webhooks", "PostgreSQL", compiling, compiled))
                .isEqualTo("CPU webhooks-postgresql library=1000us floor=600us library/floor=1.67;"
                        + " PostgreSQL library=400us floor=0us; JVM runtime library=250us floor=20us");
        assertThat(t.floorCpu("webhooks", "H2", compiling, compiled))
                .isEqualTo("CPU webhooks-h2 library=600us floor=600us library/floor=1.00;"
                        + " JVM runtime library=250us floor=20us");
        assertThat(t.toMarkdown()).contains("\nCPU webhooks-h2 library=600us");
        // the collectors' pauses in each side's window, per operation, when there were any
        Stats paused = new Stats(100, 0, 1, 1, 1)
                .withCpu(new Cpu.Spent(60_000_000, 0, 25_000_000, 9_000_000));
        Stats unpaused = new Stats(50, 0, 1, 1, 1)
                .withCpu(new Cpu.Spent(30_000_000, 0, 1_000_000, 0));
        assertThat(t.floorCpu("webhooks", "H2", paused, unpaused))
                .isEqualTo("CPU webhooks-h2 library=600us floor=600us library/floor=1.00;"
                        + " JVM runtime library=250us floor=20us;"
                        + " GC pauses library=90us floor=0us");
        // the compilers' part of the runtime, when it was read: the rest is the collectors'
        Stats jit = new Stats(100, 0, 1, 1, 1)
                .withCpu(new Cpu.Spent(60_000_000, 0, 25_000_000, 20_000_000, 0, 0));
        Stats gc = new Stats(50, 0, 1, 1, 1)
                .withCpu(new Cpu.Spent(30_000_000, 0, 1_000_000, 0, 0, 0));
        assertThat(t.floorCpu("webhooks", "H2", jit, gc))
                .isEqualTo("CPU webhooks-h2 library=600us floor=600us library/floor=1.00;"
                        + " JVM runtime library=250us floor=20us, of it JIT compilers"
                        + " library=200us floor=0us");
    }
}
