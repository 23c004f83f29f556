package org.dusangire.payment.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretTest {
    private static final String VALUE = "FLWSECK_TEST-abc123";

    @Test
    void toStringHidesTheValue() {
        Secret secret = Secret.of(VALUE);

        assertThat(secret.toString()).isEqualTo("Secret[hidden]").doesNotContain("abc");
        assertThat(String.valueOf(List.of(secret))).doesNotContain(VALUE);
        assertThat("key=" + secret).doesNotContain(VALUE);
    }

    @Test
    void revealGivesTheExactValue() {
        assertThat(Secret.of(" spaced ").reveal()).isEqualTo(" spaced ");
    }

    @Test
    void matchesOnlyTheExactValue() {
        Secret secret = Secret.of(VALUE);

        assertThat(secret.matches(VALUE)).isTrue();
        assertThat(secret.matches(VALUE + "x")).isFalse();
        assertThat(secret.matches(VALUE.substring(1))).isFalse();
        assertThat(secret.matches(VALUE.toLowerCase())).isFalse();
        assertThat(secret.matches("")).isFalse();
        assertThat(secret.matches(null)).isFalse();
        assertThat(Secret.of("é").matches("e\u0301")).as("compared as UTF-8 bytes").isFalse();
    }

    @Test
    void equalsComparesValuesButHashCodeRevealsNothing() {
        Secret a = Secret.of(VALUE);
        Secret b = Secret.of(VALUE);
        Secret other = Secret.of("another-secret");

        assertThat(a).isEqualTo(b).isNotEqualTo(other).isNotEqualTo(VALUE);
        assertThat(a.hashCode()).isEqualTo(b.hashCode()).isEqualTo(other.hashCode())
                .isNotEqualTo(VALUE.hashCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void blankSecretIsRefused(String value) {
        assertThatThrownBy(() -> Secret.of(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secret must not be blank");
    }

    @Test
    void nullSecretIsRefused() {
        assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("secret must not be null");
    }
}
