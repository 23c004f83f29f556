package org.dusangire.payment.core.model;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.dusangire.payment.core.error.PaymentValidationException;

/**
 * An exact, non-negative amount in one currency. The amount is held at the currency's own scale
 * (UGX, RWF, XAF: no decimals; KES, NGN, ZMW: two), and an amount with more decimals than the
 * currency allows is refused rather than rounded: rounding money silently is how it gets lost.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {
    /**
     * Compiled once: every status answer carries an amount and a currency, and
     * {@code String.matches} compiled its pattern again for each (a twentieth of a
     * reconciliation's status check).
     */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern ISO_CODE = Pattern.compile("[A-Z]{3}");

    private static final int MAX_INTEGER_DIGITS = 15;

    public Money {
        Objects.requireNonNull(amount, "amount must not be null");
        Objects.requireNonNull(currency, "currency must not be null");
        if (amount.signum() < 0) {
            throw new PaymentValidationException("amount", "amount must not be negative");
        }
        int digits = fractionDigits(currency);
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > digits) {
            throw new PaymentValidationException("amount", "amount " + amount.toPlainString()
                    + " has more decimals than " + currency.getCurrencyCode() + " allows ("
                    + digits + ")");
        }
        if (stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS) {
            throw new PaymentValidationException("amount", "amount is too large");
        }
        amount = amount.setScale(digits);
    }

    /** Parses a decimal string and an ISO 4217 code, e.g. {@code Money.of("1500", "UGX")}. */
    public static Money of(String amount, String currencyCode) {
        return of(parseAmount(amount), currency(currencyCode));
    }

    public static Money of(BigDecimal amount, String currencyCode) {
        return new Money(amount, currency(currencyCode));
    }

    public static Money of(BigDecimal amount, Currency currency) {
        return new Money(amount, currency);
    }

    public static Money of(long amount, String currencyCode) {
        return new Money(BigDecimal.valueOf(amount), currency(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** Number of decimals the currency uses; a currency without a defined scale counts as 0. */
    public static int fractionDigits(Currency currency) {
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    /** True when both are in the same currency and this amount is at least {@code other}'s. */
    public boolean isAtLeast(Money other) {
        return currency.equals(other.currency) && amount.compareTo(other.amount) >= 0;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    /** The amount without exponent at the currency's scale, e.g. {@code 1500} or {@code 99.50}. */
    public String toPlainString() {
        return amount.toPlainString();
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }

    private void requireSameCurrency(Money other) {
        Objects.requireNonNull(other, "other must not be null");
        if (!currency.equals(other.currency)) {
            throw new PaymentValidationException("currency", "cannot combine "
                    + currency.getCurrencyCode() + " with " + other.currency.getCurrencyCode());
        }
    }

    private static BigDecimal parseAmount(String amount) {
        if (amount == null || amount.isBlank()) {
            throw new PaymentValidationException("amount", "amount is required");
        }
        String text = amount.trim();
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            throw new PaymentValidationException("amount", "amount '" + abbreviate(text)
                    + "' is not a plain decimal number such as 1500 or 99.50");
        }
        return new BigDecimal(text);
    }

    private static Currency currency(String code) {
        if (code == null || code.isBlank()) {
            throw new PaymentValidationException("currency", "currency is required");
        }
        String upper = code.trim().toUpperCase(Locale.ROOT);
        try {
            if (!ISO_CODE.matcher(upper).matches()) {
                throw new IllegalArgumentException();
            }
            return Currency.getInstance(upper);
        } catch (IllegalArgumentException e) {
            throw new PaymentValidationException("currency", "currency '" + abbreviate(code)
                    + "' is not an ISO 4217 code such as UGX");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 24 ? text : text.substring(0, 24) + "...";
    }
}
