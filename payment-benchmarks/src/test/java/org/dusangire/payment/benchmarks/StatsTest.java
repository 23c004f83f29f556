package org.dusangire.payment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void nearestRankPercentilesOfAHundredValues() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(Stats.percentile(sorted, 0.50)).isEqualTo(50);
        assertThat(Stats.percentile(sorted, 0.99)).isEqualTo(99);
        assertThat(Stats.percentile(sorted, 1.0)).isEqualTo(100);
    }

    @Test
    void percentileOfOneValueIsThatValueAndOfNoneIsZero() {
        assertThat(Stats.percentile(new long[] {7}, 0.99)).isEqualTo(7);
        assertThat(Stats.percentile(new long[0], 0.5)).isZero();
        assertThatThrownBy(() -> Stats.percentile(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statsSortUnorderedLatenciesAndComputeRateOverElapsedTime() {
        long[] nanos = {4_000_000, 1_000_000, 3_000_000, 2_000_000};
        Stats s = Stats.of(nanos, 4, 2_000_000_000L, 1);
        assertThat(s.perSecond()).isEqualTo(2.0);
        assertThat(s.p50Millis()).isEqualTo(2.0);
        assertThat(s.p99Millis()).isEqualTo(4.0);
        assertThat(s.errors()).isEqualTo(1);
        assertThat(nanos[0]).as("input left unsorted").isEqualTo(4_000_000);
    }

    @Test
    void theCpuSpentIsCarriedAsGiven() {
        Cpu.Spent spent = new Cpu.Spent(8_000_000, 4_000_000, 1_000_000);
        Stats s = Stats.of(new long[] {1, 2, 3}, 3, 1_000_000_000L, 1).withCpu(spent);
        assertThat(s.cpu()).isEqualTo(spent);
        assertThat(new Stats(0, 0, 0, 0, 0).cpu()).isEqualTo(Cpu.Spent.NONE);
    }
}
