package org.dusangire.payment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuTest {
    private static final String BACKEND = "2206 (postgres) S 1 2206 2206 0 -1 4194304 3888 11952 0 0"
            + " 5 6 11 16 20 0 1 0 4495 222445568 7440";

    @Test
    void theBytesAllocatedGrowWithWhatThisJvmAllocates() {
        long before = Cpu.allocatedBytes();
        byte[][] kept = new byte[64][];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = new byte[64 * 1024];
        }
        long after = Cpu.now().allocatedBytes();
        assertThat(kept[63]).hasSize(64 * 1024);
        assertThat(after - before).isGreaterThanOrEqualTo(64L * 64 * 1024);
    }

    @Test
    void aPostgresProcessCountsItsOwnAndItsEndedChildrensTicks() {
        assertThat(Cpu.ticksIfPostgres(BACKEND)).isEqualTo(5 + 6 + 11 + 16);
    }

    @Test
    void otherProcessesAndNamesThatOnlyContainPostgresCountNothing() {
        assertThat(Cpu.ticksIfPostgres(BACKEND.replace("(postgres)", "(java)"))).isZero();
        assertThat(Cpu.ticksIfPostgres(BACKEND.replace("(postgres)", "(postgres) x)"))).isZero();
        assertThat(Cpu.ticksIfPostgres("17 (postgres) S 1")).as("truncated line").isZero();
        assertThat(Cpu.ticksIfPostgres("17 (postgres)")).as("nothing after the name").isZero();
    }

    @Test
    void aNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String odd = "99 (my (odd) proc) S 1 2206 2206 0 -1 4194304 3888 11952 0 0 5 6 11 16 20";
        assertThat(Cpu.ticksIfPostgres(odd)).isZero();
        assertThat(Cpu.ticksIfPostgres(odd.replace("my (odd) proc", "postgres"))).isEqualTo(38);
    }

    @Test
    void compilerCollectorAndVmThreadsAreTheRuntimeWithTheirOwnTicksOnly() {
        String compiler = BACKEND.replace("(postgres)", "(C2 CompilerThre)");
        assertThat(Cpu.runtimeTicks(compiler)).as("utime and stime, no children").isEqualTo(5 + 6);
        assertThat(Cpu.isRuntimeThread("C1 CompilerThre")).isTrue();
        assertThat(Cpu.isRuntimeThread("GC Thread#1")).isTrue();
        assertThat(Cpu.isRuntimeThread("G1 Conc#0")).isTrue();
        assertThat(Cpu.isRuntimeThread("VM Thread")).isTrue();
        assertThat(Cpu.runtimeTicks(BACKEND.replace("(postgres)", "(qtp1858609436-)"))).isZero();
        assertThat(Cpu.isRuntimeThread("VM Periodic Tas")).isFalse();
        assertThat(Cpu.isRuntimeThread("main")).isFalse();
    }

    @Test
    void theCompilersAreThePartOfTheRuntimeCountedApart() {
        assertThat(Cpu.compilerTicks(BACKEND.replace("(postgres)", "(C1 CompilerThre)")))
                .isEqualTo(5 + 6);
        assertThat(Cpu.compilerTicks(BACKEND.replace("(postgres)", "(GC Thread#0)"))).isZero();
        assertThat(Cpu.isCompilerThread("C2 CompilerThre")).isTrue();
        assertThat(Cpu.isCompilerThread("G1 Conc#0")).isFalse();
        assertThat(Cpu.isRuntimeThread("C2 CompilerThre")).isTrue();
        Cpu.Spent a = new Cpu.Spent(10, 0, 8, 5, 0, 0);
        Cpu.Spent b = new Cpu.Spent(20, 0, 12, 7, 0, 0);
        assertThat(b.minus(a).compilerNanos()).isEqualTo(2);
        assertThat(a.plus(b).compilerNanos()).isEqualTo(12);
        assertThat(new Cpu.Spent(1, 0, 0, 3_000, 0, 0).compilerMicrosPer(3)).isEqualTo(1.0);
        Cpu.Spent now = Cpu.now();
        assertThat(now.compilerNanos()).isNotNegative().isLessThanOrEqualTo(now.runtimeNanos());
    }

    @Test
    void spentTimesSubtractAddAndCountTheServerOnlyWhenAsked() {
        Cpu.Spent later = new Cpu.Spent(5_000, 700, 0);
        Cpu.Spent d = later.minus(new Cpu.Spent(2_000, 200, 0));
        assertThat(d).isEqualTo(new Cpu.Spent(3_000, 500, 0));
        assertThat(d.plus(d)).isEqualTo(new Cpu.Spent(6_000, 1_000, 0));
        assertThat(d.nanos(false)).isEqualTo(3_000);
        assertThat(d.nanos(true)).isEqualTo(3_500);
        assertThat(d.microsPer(2, true)).isEqualTo(1.75);
        assertThat(d.microsPer(0, true)).isZero();
        assertThat(d.runtimeNanos()).isZero();
    }

    @Test
    void theCollectorsPausesAreKeptApartAndCountedPerOperation() {
        Cpu.Spent d = new Cpu.Spent(5_000, 700, 4_000, 3_000_000)
                .minus(new Cpu.Spent(2_000, 200, 1_000, 1_000_000));
        assertThat(d).isEqualTo(new Cpu.Spent(3_000, 500, 3_000, 2_000_000));
        assertThat(d.plus(d).pauseNanos()).isEqualTo(4_000_000);
        assertThat(d.nanos(true)).isEqualTo(3_500);
        assertThat(d.pauseMicrosPer(4)).isEqualTo(500);
        assertThat(d.pauseMicrosPer(0)).isZero();
        long pauses = Cpu.now().pauseNanos();
        assertThat(pauses).isGreaterThanOrEqualTo(0).isEqualTo(pauses / 1_000_000 * 1_000_000);
    }

    @Test
    void theRuntimesTimeIsKeptApartFromTheWork() {
        Cpu.Spent d = new Cpu.Spent(5_000, 700, 4_000).minus(new Cpu.Spent(2_000, 200, 1_000));
        assertThat(d).isEqualTo(new Cpu.Spent(3_000, 500, 3_000));
        assertThat(d.plus(d).runtimeNanos()).isEqualTo(6_000);
        assertThat(d.nanos(true)).isEqualTo(3_500);
        assertThat(d.runtimeMicrosPer(3)).isEqualTo(1.0);
        assertThat(d.runtimeMicrosPer(0)).isZero();
    }

    @Test
    void thisJvmsTimeGrowsWithWorkDone() {
        Cpu.Spent before = Cpu.now();
        long sink = 0;
        long until = System.nanoTime() + 50_000_000L;
        while (System.nanoTime() < until) {
            sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
        }
        Cpu.Spent spent = Cpu.now().minus(before);
        assertThat(sink).isNotNegative();
        assertThat(spent.jvmNanos()).isGreaterThan(10_000_000L);
        assertThat(spent.serverNanos()).isNotNegative();
        assertThat(spent.runtimeNanos()).isNotNegative();
    }

    @Test
    void fullCollectionsAreChargedToTheRuntime() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
        Cpu.Spent before = Cpu.now();
        long until = System.nanoTime() + 5_000_000_000L;
        List<byte[]> kept = new ArrayList<>();
        // full collections run on the VM thread and the collectors' threads; /proc counts in
        // 10 ms ticks, so collect until a tick has been charged to them (or 5 s have passed)
        while (Cpu.now().minus(before).runtimeNanos() == 0 && System.nanoTime() < until) {
            for (int i = 0; i < 2_000; i++) {
                kept.add(new byte[1_024]);
            }
            System.gc();
            kept.clear();
        }
        assertThat(Cpu.now().minus(before).runtimeNanos()).isGreaterThan(0);
    }

    @Test
    void aMeasuredRunCarriesTheCpuOfItsOperations() throws Exception {
        Stats s = LoadRunner.counted(2, 0, 20, seq -> {
            long until = System.nanoTime() + 20_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return true;
        });
        assertThat(s.operations()).isEqualTo(20);
        // 20 operations of 20 ms of spinning each, on up to two cores; the runtime threads' time
        // taken out is read in 10 ms ticks per thread, so a short window is off by tens of ms
        assertThat(s.cpu().microsPer(s.operations(), false)).isGreaterThan(10_000);
    }
}
