package org.dusangire.payment.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dusangire.payment.core.error.PaymentValidationException;

/**
 * A mobile number in international digits without {@code +}, e.g. {@code 256772123456}.
 * {@link #parse(String, String)} accepts the forms people type ({@code 0772 123456},
 * {@code +256 772 123456}, {@code 256772123456}) for the East and Central African countries the
 * library serves, and MTN's sandbox test numbers. {@link #toString()} is the masked form, so a
 * number that slips into a log line does not reveal the payer.
 */
public record Msisdn(String digits) {
    /** A country's calling code, the length of its national number and its mobile prefixes. */
    private record Plan(String iso, String callingCode, int nationalLength, String mobilePrefixes) {
    }

    private static final List<Plan> PLANS = List.of(
            new Plan("UG", "256", 9, "7"),
            new Plan("RW", "250", 9, "7"),
            new Plan("KE", "254", 9, "71"),
            new Plan("TZ", "255", 9, "67"),
            new Plan("ZM", "260", 9, "79"),
            new Plan("CD", "243", 9, "89"),
            new Plan("BI", "257", 8, "67"),
            new Plan("MW", "265", 9, "89"),
            new Plan("GH", "233", 9, "25"),
            new Plan("CM", "237", 9, "6"),
            new Plan("NG", "234", 10, "789"));

    /** MTN's sandbox payer numbers (46733123450 to 46733123459). */
    private static final String MTN_SANDBOX_PREFIX = "4673312345";

    public Msisdn {
        Objects.requireNonNull(digits, "msisdn must not be null");
        if (!isValidInternational(digits)) {
            throw new PaymentValidationException("phone", "phone number " + mask(digits)
                    + " is not a mobile number of a supported country");
        }
    }

    /** Parses an international number (with or without {@code +} or {@code 00}). */
    public static Msisdn parse(String raw) {
        return parse(raw, null);
    }

    /**
     * Parses what a person typed. A national number starting with {@code 0} (or a bare national
     * number) is read in {@code defaultCountry} (ISO code such as {@code UG}).
     *
     * @throws PaymentValidationException with a message that says why the number was refused
     */
    public static Msisdn parse(String raw, String defaultCountry) {
        if (raw == null || raw.isBlank()) {
            throw new PaymentValidationException("phone", "phone number is required");
        }
        String compact = raw.strip().replaceAll("[\\s\\-.()/]", "");
        boolean international = false;
        if (compact.startsWith("+")) {
            compact = compact.substring(1);
            international = true;
        } else if (compact.startsWith("00")) {
            compact = compact.substring(2);
            international = true;
        }
        if (compact.isEmpty() || !compact.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new PaymentValidationException("phone",
                    "phone number may contain only digits, spaces, dashes and a leading +");
        }
        if (international || isValidInternational(compact)) {
            return new Msisdn(withoutTrunkZero(compact));
        }
        Plan plan = defaultCountry == null ? null : planFor(defaultCountry).orElseThrow(() ->
                new PaymentValidationException("phone", "country " + defaultCountry
                        + " is not supported for mobile numbers"));
        if (plan == null) {
            throw new PaymentValidationException("phone",
                    "phone number needs a country code, e.g. +256 772 123456");
        }
        String national = compact.startsWith("0") ? compact.substring(1) : compact;
        if (national.length() != plan.nationalLength()) {
            throw new PaymentValidationException("phone", "a " + plan.iso()
                    + " mobile number has " + plan.nationalLength()
                    + " digits after the leading 0, got " + national.length());
        }
        return new Msisdn(plan.callingCode() + national);
    }

    private static boolean isValidInternational(String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        if (digits.length() == 11 && digits.startsWith(MTN_SANDBOX_PREFIX)) {
            return true;
        }
        for (Plan plan : PLANS) {
            if (digits.startsWith(plan.callingCode())
                    && digits.length() == plan.callingCode().length() + plan.nationalLength()
                    && plan.mobilePrefixes().indexOf(digits.charAt(plan.callingCode().length())) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** People often keep the national 0 after the country code (+256 0772...); drop it. */
    private static String withoutTrunkZero(String digits) {
        for (Plan plan : PLANS) {
            String cc = plan.callingCode();
            if (digits.startsWith(cc + "0")
                    && digits.length() == cc.length() + 1 + plan.nationalLength()) {
                return cc + digits.substring(cc.length() + 1);
            }
        }
        return digits;
    }

    private static Optional<Plan> planFor(String iso) {
        return PLANS.stream().filter(p -> p.iso().equalsIgnoreCase(iso.trim())).findFirst();
    }

    /** True for MTN's sandbox test numbers. */
    public boolean isMtnSandboxNumber() {
        return digits.startsWith(MTN_SANDBOX_PREFIX);
    }

    /** The ISO country code, e.g. {@code UG}; empty for sandbox numbers. */
    public Optional<String> country() {
        return plan().map(Plan::iso);
    }

    /** The country calling code, e.g. {@code 256}; {@code 46} for MTN sandbox numbers. */
    public String callingCode() {
        return plan().map(Plan::callingCode).orElse("46");
    }

    /** The number without its country code, e.g. {@code 772123456} (what Airtel expects). */
    public String nationalNumber() {
        return digits.substring(callingCode().length());
    }

    /** The masked form for logs, e.g. {@code 2567******56}. */
    public String masked() {
        return mask(digits);
    }

    @Override
    public String toString() {
        return masked();
    }

    private Optional<Plan> plan() {
        if (isMtnSandboxNumber()) {
            return Optional.empty();
        }
        return PLANS.stream().filter(p -> digits.startsWith(p.callingCode())).findFirst();
    }

    /** Masks all but the first four and last two digits of any digit string. */
    public static String mask(String digits) {
        if (digits == null) {
            return "null";
        }
        if (digits.length() <= 6) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 4) + "*".repeat(digits.length() - 6)
                + digits.substring(digits.length() - 2);
    }
}
