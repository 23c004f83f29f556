package org.dusangire.payment.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({"UGX, 0", "RWF, 0", "XAF, 0", "KES, 2", "NGN, 2", "ZMW, 2"})
    void amountIsHeldAtTheScaleOfItsCurrency(String code, int scale) {
        Money money = Money.of(7, code);

        assertThat(Money.fractionDigits(Currency.getInstance(code))).isEqualTo(scale);
        assertThat(money.amount().scale()).isEqualTo(scale);
    }

    @Test
    void trailingZerosBeyondTheCurrencyScaleAreAcceptedAndNormalised() {
        Money money = Money.of("1500.00", "UGX");

        assertThat(money.amount()).isEqualTo(new BigDecimal("1500"));
        assertThat(money.toPlainString()).isEqualTo("1500");
    }

    @Test
    void twoDecimalCurrencyKeepsItsCents() {
        assertThat(Money.of("99.5", "KES").toPlainString()).isEqualTo("99.50");
        assertThat(Money.of("99", "ZMW").toPlainString()).isEqualTo("99.00");
    }

    @Test
    void amountWithMoreDecimalsThanTheCurrencyAllowsIsRefused() {
        assertThatThrownBy(() -> Money.of("1500.5", "UGX"))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("UGX")
                .hasMessageContaining("1500.5")
                .satisfies(e -> assertThat(((PaymentValidationException) e).field()).isEqualTo("amount"));
        assertThatThrownBy(() -> Money.of("10.005", "KES"))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("KES");
    }

    @Test
    void negativeAmountIsRefused() {
        assertThatThrownBy(() -> Money.of(new BigDecimal("-1"), "UGX"))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> Money.of(new BigDecimal("-0.01"), "KES"))
                .isInstanceOf(PaymentValidationException.class);
    }

    @Test
    void fifteenIntegerDigitsAreAcceptedAndSixteenAreRefused() {
        assertThat(Money.of("999999999999999", "UGX").toPlainString()).isEqualTo("999999999999999");
        assertThat(Money.of("999999999999999.99", "KES").toPlainString())
                .isEqualTo("999999999999999.99");

        assertThatThrownBy(() -> Money.of("1000000000000000", "UGX"))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> Money.of(new BigDecimal("1E+40"), "UGX"))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("too large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e3", "1E3", "abc", "1,500", "12.", ".5", "+12", "-12", "0x10", "１２"})
    void textThatIsNotAPlainDecimalNumberIsRefused(String text) {
        assertThatThrownBy(() -> Money.of(text, "UGX"))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("not a plain decimal number")
                .satisfies(e -> assertThat(((PaymentValidationException) e).field()).isEqualTo("amount"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankAmountIsRefusedAsMissing(String text) {
        assertThatThrownBy(() -> Money.of(text, "UGX"))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessage("amount is required");
        assertThatThrownBy(() -> Money.of((String) null, "UGX"))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessage("amount is required");
    }

    /**
     * Pins current behaviour: surrounding blanks are trimmed, not refused. The brief listed
     * {@code " 12 "} among refused inputs; the code deliberately trims (as it does for the
     * currency code). Reported to the lead as a question, not as a bug.
     */
    @Test
    void surroundingBlanksAreTrimmedBeforeParsing() {
        assertThat(Money.of(" 12 ", "UGX")).isEqualTo(Money.of(12, "UGX"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"XYZ", "UG", "UGXX", "U1X", "$"})
    void unknownOrMalformedCurrencyIsRefusedNamingIt(String code) {
        assertThatThrownBy(() -> Money.of("100", code))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("'" + code + "'")
                .hasMessageContaining("ISO 4217")
                .satisfies(e -> assertThat(((PaymentValidationException) e).field()).isEqualTo("currency"));
    }

    @Test
    void missingCurrencyIsRefused() {
        assertThatThrownBy(() -> Money.of("100", " "))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessage("currency is required");
    }

    @Test
    void lowerCaseCurrencyCodeIsUnderstood() {
        assertThat(Money.of("100", "ugx")).isEqualTo(Money.of("100", "UGX"));
        assertThat(Money.of("100", " kes ").currency()).isEqualTo(Currency.getInstance("KES"));
    }

    @Test
    void moneyOfOneCurrencyIsAddedAndSubtracted() {
        Money a = Money.of("10.50", "KES");
        Money b = Money.of("0.75", "KES");

        assertThat(a.plus(b)).isEqualTo(Money.of("11.25", "KES"));
        assertThat(a.minus(b)).isEqualTo(Money.of("9.75", "KES"));
        assertThat(a.isAtLeast(b)).isTrue();
        assertThat(b.isAtLeast(a)).isFalse();
        assertThat(a.isAtLeast(Money.of("10.5", "KES"))).isTrue();
        assertThat(a.compareTo(b)).isPositive();
    }

    @Test
    void subtractingMoreThanThereIsIsRefusedRatherThanGoingNegative() {
        assertThatThrownBy(() -> Money.of(5, "UGX").minus(Money.of(6, "UGX")))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void arithmeticAndOrderingAcrossCurrenciesAreRefused() {
        Money ugx = Money.of(1000, "UGX");
        Money kes = Money.of(1000, "KES");

        assertThatThrownBy(() -> ugx.plus(kes)).isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("UGX").hasMessageContaining("KES");
        assertThatThrownBy(() -> ugx.minus(kes)).isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("cannot combine");
        assertThatThrownBy(() -> ugx.compareTo(kes)).isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("cannot combine");
    }

    /** isAtLeast is documented to answer false (not throw) across currencies: no value is given. */
    @Test
    void moneyInAnotherCurrencyIsNeverAtLeastTheDueAmount() {
        assertThat(Money.of(1_000_000, "KES").isAtLeast(Money.of(1, "UGX"))).isFalse();
    }

    @Test
    void plainStringNeverUsesAnExponent() {
        assertThat(Money.of(new BigDecimal("1E+3"), "UGX").toPlainString()).isEqualTo("1000");
        assertThat(Money.of(new BigDecimal("1.5E+2"), "KES").toPlainString()).isEqualTo("150.00");
        assertThat(Money.of(new BigDecimal("1E+14"), "UGX").toString()).isEqualTo("100000000000000 UGX");
        assertThat(Money.of(new BigDecimal("1E-2"), "KES").toPlainString()).isEqualTo("0.01");
    }

    @Test
    void equalityIgnoresHowTheAmountWasWritten() {
        Money a = Money.of(new BigDecimal("1500"), "KES");
        Money b = Money.of(new BigDecimal("1500.00"), "KES");
        Money c = Money.of(new BigDecimal("1.5E+3"), "KES");

        assertThat(a).isEqualTo(b).isEqualTo(c);
        assertThat(a.hashCode()).isEqualTo(b.hashCode()).isEqualTo(c.hashCode());
        assertThat(Money.of(1500, "KES")).isNotEqualTo(Money.of(1500, "UGX"));
    }

    @Test
    void zeroIsZeroAndNotPositive() {
        Money zero = Money.zero(Currency.getInstance("ZMW"));

        assertThat(zero.isZero()).isTrue();
        assertThat(zero.isPositive()).isFalse();
        assertThat(zero.toPlainString()).isEqualTo("0.00");
        assertThat(Money.of("0.01", "ZMW").isPositive()).isTrue();
    }

    @Property(tries = 500)
    void parsingThePlainStringOfAnyValidAmountGivesTheSameMoney(@ForAll("validMoney") Money money) {
        String plain = money.toPlainString();

        assertThat(plain).doesNotContainIgnoringCase("e").doesNotContain("-");
        assertThat(Money.of(plain, money.currency().getCurrencyCode())).isEqualTo(money);
    }

    @Provide
    Arbitrary<Money> validMoney() {
        Arbitrary<String> codes = Arbitraries.of("UGX", "RWF", "XAF", "KES", "NGN", "ZMW", "USD", "TZS");
        Arbitrary<Long> units = Arbitraries.longs().between(0, 999_999_999_999_999L)
                .edgeCases(c -> c.includeOnly(0L, 1L, 999_999_999_999_999L));
        Arbitrary<Integer> cents = Arbitraries.integers().between(0, 99);
        Arbitrary<Integer> extraZeros = Arbitraries.integers().between(0, 4);
        return Combinators.combine(codes, units, cents, extraZeros).as((code, u, c, z) -> {
            int digits = Money.fractionDigits(Currency.getInstance(code));
            BigDecimal amount = BigDecimal.valueOf(u);
            if (digits == 2) {
                amount = amount.add(BigDecimal.valueOf(c, 2));
            }
            // the same value written with more trailing zeros must still be accepted
            return Money.of(amount.setScale(amount.scale() + z), code);
        });
    }
}
