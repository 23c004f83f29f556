package org.dusangire.payment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadsCpuTest {

    @Test
    void threadsAreGroupedByTheirNamesWithoutNumbers() {
        assertThat(ThreadsCpu.group("HttpClient-12-Worker-3")).isEqualTo("HttpClient-N-Worker-N");
        assertThat(ThreadsCpu.group("qtp1402017203-41")).isEqualTo("qtpN-N");
        assertThat(ThreadsCpu.group("mtn-sim-7")).isEqualTo("mtn-sim-N");
        assertThat(ThreadsCpu.group("main")).isEqualTo("main");
    }

    @Test
    void eachSidesTimeIsTakenPerOperationByGroup() {
        ThreadsCpu split = new ThreadsCpu();
        // two workers of one group and a simulator thread; the library's turn, then the floor's
        split.add(0, Map.of(1L, seen("worker", 1_000_000), 2L, seen("worker", 0),
                        3L, seen("sim", 500_000)),
                Map.of(1L, seen("worker", 3_000_000), 2L, seen("worker", 1_000_000),
                        3L, seen("sim", 1_500_000)), 10);
        // a thread that started during the floor's turn counts all its time there
        split.add(1, Map.of(1L, seen("worker", 3_000_000), 3L, seen("sim", 1_500_000)),
                Map.of(1L, seen("worker", 5_000_000), 3L, seen("sim", 2_500_000),
                        4L, seen("sim", 1_000_000)), 20);

        assertThat(split.lines("initiation-16-h2")).containsExactly(
                "THREADS initiation-16-h2 worker library=300us floor=100us",
                "THREADS initiation-16-h2 sim library=100us floor=100us",
                "THREADS initiation-16-h2 (all) library=400us floor=200us");
    }

    @Test
    void groupsBelowAMicrosecondAnOperationOnBothSidesAreLeftOutButCounted() {
        ThreadsCpu split = new ThreadsCpu();
        split.add(0, Map.of(1L, seen("main", 0), 2L, seen("worker", 0)),
                Map.of(1L, seen("main", 5_000), 2L, seen("worker", 2_000_000)), 1_000);
        split.add(1, Map.of(), Map.of(2L, seen("worker", 1_000_000)), 1_000);

        assertThat(split.lines("x")).containsExactly(
                "THREADS x worker library=2us floor=1us",
                "THREADS x (all) library=2us floor=1us");
    }

    @Test
    void callersCountTheirOwnTimeAsTheyEnd() throws Exception {
        Map<Long, ThreadsCpu.Seen> before = ThreadsCpu.snapshot();
        Thread caller = new Thread(() -> {
            long x = 0;
            long until = System.nanoTime() + 20_000_000;
            while (System.nanoTime() < until) {
                x += until % 7;
            }
            if (x == 42) {
                System.out.print("");
            }
            ThreadsCpu.callerEnds();
        }, "bench-caller-0");
        caller.start();
        caller.join();
        Map<Long, ThreadsCpu.Seen> after = ThreadsCpu.snapshot();

        assertThat(after.get(-1L).group()).isEqualTo(ThreadsCpu.CALLERS);
        assertThat(after.get(-1L).nanos() - before.get(-1L).nanos()).isPositive();
    }

    private static ThreadsCpu.Seen seen(String group, long nanos) {
        return new ThreadsCpu.Seen(group, nanos);
    }
}
