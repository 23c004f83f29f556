package org.dusangire.payment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModeTest {
    @Test
    void quickByDefaultLongOnRequest() {
        assertThat(Mode.parse(new String[0])).isEqualTo(Mode.QUICK);
        assertThat(Mode.parse(new String[] {"--quick"})).isEqualTo(Mode.QUICK);
        assertThat(Mode.parse(new String[] {"--long"})).isEqualTo(Mode.LONG);
        assertThatThrownBy(() -> Mode.parse(new String[] {"--fast"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWebhookWarmUpCanBeSetForARun() {
        assertThat(Mode.QUICK.webhookWarmup()).isEqualTo(1_000);
        System.setProperty("bench.webhookWarmup", "5000");
        try {
            assertThat(Mode.QUICK.webhookWarmup()).isEqualTo(5_000);
            assertThat(Mode.LONG.webhookWarmup()).isEqualTo(5_000);
            System.setProperty("bench.webhookWarmup", "-1");
            assertThatThrownBy(Mode.QUICK::webhookWarmup)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bench.webhookWarmup");
        } finally {
            System.clearProperty("bench.webhookWarmup");
        }
        assertThat(Mode.LONG.webhookWarmup()).isEqualTo(2_000);
    }

    @Test
    void quickModeStillReconcilesTenThousandPayments() {
        assertThat(Mode.QUICK.reconcilePayments()).isEqualTo(10_000);
        assertThat(Mode.LONG.memoryPayments()).isEqualTo(1_000_000);
    }
}
