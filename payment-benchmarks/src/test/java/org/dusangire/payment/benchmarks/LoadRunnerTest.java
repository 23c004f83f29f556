package org.dusangire.payment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadRunnerTest {

    @Test
    void countedSlicesTakeTurnsSoThatNeitherSideAlwaysGoesFirst() throws Exception {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());

        Stats[] both = LoadRunner.alternatingCounted("test", 1, 4, 8,
                seq -> ran.add("a" + seq), seq -> ran.add("b" + seq));

        assertThat(ran).containsExactly("a0", "a1", "b0", "b1", "b2", "b3", "a2", "a3",
                "a4", "a5", "b4", "b5", "b6", "b7", "a6", "a7");
        assertThat(both[0].operations()).isEqualTo(8);
        assertThat(both[1].operations()).isEqualTo(8);
    }

    @Test
    void unevenSlicesStillMeasureEveryOperationOnce() throws Exception {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());

        Stats[] both = LoadRunner.alternatingCounted("test", 1, 3, 7,
                seq -> ran.add("a" + seq), seq -> ran.add("b" + seq));

        assertThat(ran).containsExactly("a0", "a1", "a2", "b0", "b1", "b2", "b3", "b4", "a3",
                "a4", "a5", "a6", "b5", "b6");
        assertThat(both[0].operations()).isEqualTo(7);
        assertThat(both[1].operations()).isEqualTo(7);
    }

    @Test
    void timedRoundsTakeTurnsTheSameWay() throws Exception {
        List<Character> sides = Collections.synchronizedList(new ArrayList<>());

        LoadRunner.alternating("test", 1, 4, Duration.ZERO, Duration.ofMillis(40),
                seq -> add(sides, 'a'), seq -> add(sides, 'b'));

        List<Character> turns = new ArrayList<>();
        for (Character side : sides) {
            if (turns.isEmpty() || !turns.get(turns.size() - 1).equals(side)) {
                turns.add(side);
            }
        }
        // a b, b a, a b, b a: consecutive turns of one side merge
        assertThat(turns).containsExactly('a', 'b', 'a', 'b', 'a');
    }

    @Test
    void roundsAreTheDefaultUnlessTheHarnessIsToldOtherwise() {
        String before = System.getProperty("bench.rounds");
        try {
            System.clearProperty("bench.rounds");
            assertThat(LoadRunner.rounds(15)).isEqualTo(15);
            System.setProperty("bench.rounds", "3");
            assertThat(LoadRunner.rounds(15)).isEqualTo(3);
            System.setProperty("bench.rounds", "0");
            assertThatThrownBy(() -> LoadRunner.rounds(15))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bench.rounds");
        } finally {
            if (before == null) {
                System.clearProperty("bench.rounds");
            } else {
                System.setProperty("bench.rounds", before);
            }
        }
    }

    private static boolean add(List<Character> sides, char side) throws InterruptedException {
        sides.add(side);
        Thread.sleep(2);
        return true;
    }
}
