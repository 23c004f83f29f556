package org.dusangire.payment.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentIdTest {

    @Test
    void randomIdsAreVersionFourUuidsAndDoNotRepeat() {
        Set<PaymentId> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            PaymentId id = PaymentId.random();
            assertThat(id.value().version()).isEqualTo(4);
            assertThat(seen.add(id)).isTrue();
        }
    }

    @Test
    void canonicalTextParsesBackToTheSameId() {
        PaymentId id = PaymentId.random();

        assertThat(PaymentId.parse(id.toString())).isEqualTo(id);
        assertThat(id.toString()).hasSize(36).isEqualTo(id.value().toString());
    }

    @Test
    void everyCanonicalTextReadsAsTheUuidItSpells() {
        java.util.Random random = new java.util.Random(19);
        for (int i = 0; i < 10_000; i++) {
            UUID uuid = new UUID(random.nextLong(), random.nextLong());
            String text = i % 2 == 0 ? uuid.toString() : uuid.toString().toUpperCase(java.util.Locale.ROOT);

            assertThat(PaymentId.parse(text).value()).as(text).isEqualTo(uuid);
        }
    }

    @Test
    void upperCaseUuidTextIsTheSameId() {
        UUID uuid = UUID.fromString("123e4567-e89b-42d3-a456-426614174000");

        assertThat(PaymentId.parse("123E4567-E89B-42D3-A456-426614174000").value()).isEqualTo(uuid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-uuid", "1-1-1-1-1", "123e4567e89b42d3a456426614174000",
            "123e4567-e89b-42d3-a456-4266141740000", "zzze4567-e89b-42d3-a456-426614174000",
            "123e4567_e89b_42d3_a456_426614174000", "\u0661\u0662\u0663e4567-e89b-42d3-a456-426614174000",
            "\uff11\uff12\uff13e4567-e89b-42d3-a456-426614174000", "123e4567-e89b-42d3-a456-42661417400g"})
    void textThatIsNotACanonicalUuidIsRefused(String text) {
        assertThatThrownBy(() -> PaymentId.parse(text))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessage("payment id must be a UUID")
                .satisfies(e -> assertThat(((PaymentValidationException) e).field()).isEqualTo("paymentId"));
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> PaymentId.parse(null)).isInstanceOf(PaymentValidationException.class);
        assertThatThrownBy(() -> new PaymentId(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("payment id must not be null");
    }

    /**
     * Regression guard (fixed): PaymentId.parse now checks the canonical form first.
     * PaymentId.java {@code parse}: the length check (36) passes and {@code UUID.fromString}
     * falls back to a lenient parser that accepts a sign in a group ({@code Long.parseLong}), so
     * "+1234567-1234-1234-1234-123456789012" is accepted as 01234567-1234-1234-1234-123456789012.
     * The Javadoc promises the canonical form; a reference from a webhook or redirect then
     * resolves to a different-looking id than the one sent. Fix: match
     * {@code [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-...} before {@code UUID.fromString}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"+1234567-1234-1234-1234-123456789012", "-1234567-1234-1234-1234-123456789012",
            "12345678-+234-1234-1234-123456789012"})
    void uuidLookalikeWithASignIsRefused(String text) {
        assertThatThrownBy(() -> PaymentId.parse(text)).isInstanceOf(PaymentValidationException.class);
    }
}
