package org.dusangire.payment.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class CashierTokenTest {

    @Test
    void anUnsetTokenIsGeneratedFrom32RandomBytes() {
        CashierToken a = CashierToken.from(null, new SecureRandom());
        CashierToken b = CashierToken.from(null, new SecureRandom());

        assertThat(a.generated()).isTrue();
        assertThat(a.value()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(b.value());
        assertThat(a.matches(a.value())).isTrue();
        assertThat(a.matches(b.value())).isFalse();
    }

    @Test
    void aConfiguredTokenMatchesOnlyItselfAndIsNeverShown() {
        CashierToken t = CashierToken.from("exactly-sixteen!", new SecureRandom());

        assertThat(t.generated()).isFalse();
        assertThat(t.matches("exactly-sixteen!")).isTrue();
        assertThat(t.matches("exactly-sixteen")).isFalse();
        assertThat(t.matches("exactly-sixteen!!")).isFalse();
        assertThat(t.matches("")).isFalse();
        assertThat(t.matches(null)).isFalse();
        assertThat(t.toString()).doesNotContain("sixteen");
    }

    @Test
    void nonAsciiIsRefused() {
        assertThatThrownBy(() -> CashierToken.from("caf\u00e9-token-long-enough", new SecureRandom()))
                .isInstanceOf(DemoRefusedException.class)
                .hasMessageContaining("DEMO_CASHIER_TOKEN");
    }
}
