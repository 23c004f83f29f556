package org.dusangire.payment.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.dusangire.payment.core.error.PaymentValidationException;

/**
 * How the customer pays: an open value, so a gateway module can bring a method the core has never
 * heard of ({@code PaymentMethod.of("ORANGE_MONEY", Family.MOBILE_MONEY)}). The well-known methods
 * are constants. A method has a name (upper case, stored as is) and a {@link Family}, which decides
 * how the service treats it: a phone prompt, a hosted checkout page, or a cashier.
 *
 * <p>Every method made with {@link #of} is remembered, so {@link #valueOf} finds it again when a
 * stored payment is read back; declaring the same name with another family is refused. Two methods
 * are equal when their names are; the constants are the only instances of their names, so
 * {@code ==} against a constant also works.
 */
public final class PaymentMethod {
    /** What kind of payment a method is; the service's behaviour follows the family. */
    public enum Family {
        /** The customer approves a prompt on a phone (USSD push, STK push). */
        MOBILE_MONEY,
        /** The customer pays by card on a hosted checkout page. */
        CARD,
        /** The customer pays by bank transfer through a hosted checkout page. */
        BANK_TRANSFER,
        /** The customer pays in cash; a cashier confirms it. */
        CASH
    }

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");
    private static final Map<String, PaymentMethod> KNOWN = new ConcurrentHashMap<>();

    public static final PaymentMethod MTN_MOBILE_MONEY = of("MTN_MOBILE_MONEY", Family.MOBILE_MONEY);
    public static final PaymentMethod AIRTEL_MONEY = of("AIRTEL_MONEY", Family.MOBILE_MONEY);
    /** Safaricom M-Pesa (Lipa na M-Pesa Online, STK push). */
    public static final PaymentMethod MPESA = of("MPESA", Family.MOBILE_MONEY);
    public static final PaymentMethod BANK_TRANSFER = of("BANK_TRANSFER", Family.BANK_TRANSFER);
    public static final PaymentMethod CARD = of("CARD", Family.CARD);
    public static final PaymentMethod CASH_ON_DELIVERY = of("CASH_ON_DELIVERY", Family.CASH);

    private final String name;
    private final Family family;

    private PaymentMethod(String name, Family family) {
        this.name = name;
        this.family = family;
    }

    /**
     * The method with this name, declaring it on first use.
     *
     * @param name   upper-case letters, digits and underscores, 2 to 32 characters, e.g.
     *               {@code TIGO_PESA}
     * @param family how the service treats it
     * @throws IllegalArgumentException when the name is malformed or already declared with
     *                                  another family
     */
    public static PaymentMethod of(String name, Family family) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(family, "family must not be null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("payment method name '" + name + "' must be upper-case "
                    + "letters, digits and underscores (2 to 32), starting with a letter");
        }
        PaymentMethod method = KNOWN.computeIfAbsent(name, n -> new PaymentMethod(n, family));
        if (method.family != family) {
            throw new IllegalArgumentException("payment method " + name + " is already declared as "
                    + method.family + ", not " + family);
        }
        return method;
    }

    /**
     * A declared method by name (letter case and dashes are forgiven: {@code mtn-mobile-money}).
     *
     * @throws PaymentValidationException naming the declared methods when none has this name
     */
    public static PaymentMethod valueOf(String name) {
        Objects.requireNonNull(name, "name must not be null");
        String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        PaymentMethod method = KNOWN.get(key);
        if (method == null) {
            throw new PaymentValidationException("method", "unknown payment method '"
                    + oneLine(name) + "': one of " + values() + " (a gateway module declares "
                    + "its own methods when it is loaded)");
        }
        return method;
    }

    /** Every declared method, sorted by name. */
    public static List<PaymentMethod> values() {
        List<PaymentMethod> all = new ArrayList<>(KNOWN.values());
        all.sort((a, b) -> a.name.compareTo(b.name));
        return List.copyOf(all);
    }

    /** The stored name, e.g. {@code MTN_MOBILE_MONEY}. */
    public String name() {
        return name;
    }

    public Family family() {
        return family;
    }

    /** True for methods where the customer approves a prompt on a phone. */
    public boolean isMobileMoney() {
        return family == Family.MOBILE_MONEY;
    }

    /** True for methods where the customer is sent to a hosted checkout page. */
    public boolean isRedirect() {
        return family == Family.CARD || family == Family.BANK_TRANSFER;
    }

    /** True for cash paid to a person, confirmed by a cashier. */
    public boolean isCash() {
        return family == Family.CASH;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof PaymentMethod other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }

    /** Keeps an unknown name from carrying line breaks into an error message. */
    private static String oneLine(String s) {
        String flat = s.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= 40 ? flat : flat.substring(0, 40) + "...";
    }
}
