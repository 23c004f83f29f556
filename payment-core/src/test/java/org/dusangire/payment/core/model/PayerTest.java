package org.dusangire.payment.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dusangire.payment.core.error.PaymentValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayerTest {

    @ParameterizedTest
    @ValueSource(strings = {"a@b.co", "jane.doe+bills@hospital.example", "x_y@sub.domain.ug"})
    void plausibleEmailIsAccepted(String email) {
        assertThat(new Payer(null, email, null).email()).isEqualTo(email);
    }

    @Test
    void theEmailCheckAgreesWithItsExpressionOnEveryShortStringAndAtTheLengthLimits() {
        java.util.regex.Pattern expression = java.util.regex.Pattern.compile(
                "[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s.]{2,}");
        char[] alphabet = {'a', 'b', '@', '.', ' ', '\t', '\u00e9', '\n'};
        java.util.Random random = new java.util.Random(7);
        java.util.List<String> samples = new java.util.ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(10); n > 0; n--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            samples.add(text.toString());
        }
        for (int local : new int[] {63, 64, 65}) {
            for (int domain : new int[] {254, 255, 256}) {
                samples.add("a".repeat(local) + "@" + "b".repeat(domain) + ".ug");
                samples.add("a".repeat(local) + "@" + "b.".repeat(domain / 2) + "c.ug");
            }
        }
        int checked = 0;
        for (String text : samples) {
            assertThat(Payer.isEmail(text)).as("'%s'", text)
                    .isEqualTo(expression.matcher(text).matches());
            checked++;
        }
        assertThat(checked).isEqualTo(samples.size());
    }

    @Test
    void emailIsTrimmed() {
        assertThat(new Payer(null, "  jane@hospital.example ", null).email()).isEqualTo("jane@hospital.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane", "jane@", "@hospital.example", "jane@hospital", "jane doe@hospital.example",
            "jane@@hospital.example", "jane@hospital.c", "jane@hospital.example."})
    void implausibleEmailIsRefusedNamingTheField(String email) {
        assertThatThrownBy(() -> new Payer(null, email, null))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessage("email address is not valid")
                .satisfies(e -> assertThat(((PaymentValidationException) e).field()).isEqualTo("email"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void blankEmailAndNameMeanAbsent(String blank) {
        Payer payer = new Payer(null, blank, blank);

        assertThat(payer.email()).isNull();
        assertThat(payer.name()).isNull();
    }

    @Test
    void nameIsTrimmedAndLimitedToOneHundredCharacters() {
        assertThat(new Payer(null, null, "  Jane Doe ").name()).isEqualTo("Jane Doe");
        assertThat(new Payer(null, null, "n".repeat(100)).name()).hasSize(100);
        assertThatThrownBy(() -> new Payer(null, null, "n".repeat(101)))
                .isInstanceOf(PaymentValidationException.class)
                .satisfies(e -> assertThat(((PaymentValidationException) e).field()).isEqualTo("name"));
    }

    @Test
    void factoriesBuildPhoneOnlyAndEmptyPayers() {
        Msisdn msisdn = Msisdn.parse("+256772123456");

        assertThat(Payer.ofPhone(msisdn)).isEqualTo(new Payer(msisdn, null, null));
        assertThat(Payer.none()).isEqualTo(new Payer(null, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Jane\nDoe", "Jane\rDoe", "Jane\u2028Doe", "Jane\u0000Doe"})
    void nameWithLineBreaksOrControlCharactersIsRefused(String name) {
        assertThatThrownBy(() -> new Payer(null, null, name))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessage("name must not contain line breaks or other control characters")
                .satisfies(e -> assertThat(((PaymentValidationException) e).field()).isEqualTo("name"));
    }
}
