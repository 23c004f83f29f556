package org.dusangire.payment.core.model;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dusangire.payment.core.error.PaymentValidationException;

/**
 * A mobile number in international digits without {@code +}, e.g. {@code 256772123456}.
 * {@link #parse(String, String)} accepts the forms people type ({@code 0772 123456},
 * {@code +256 772 123456}, {@code 256772123456}) for every country in {@link NumberingPlans}
 * (the markets of the shipped gateways, plus any plan a host registers), and MTN's sandbox test
 * numbers. {@link #network()} says which network the number belongs to. {@link #toString()} is
 * the masked form, so a number that slips into a log line does not reveal the payer.
 *
 * <p>Country, network and national number are worked out from the plans in use when they are
 * asked for, so a plan registered later applies to numbers parsed before.
 */
public record Msisdn(String digits) {
    /** Spaces, dashes, dots, brackets and slashes people write in numbers; compiled once. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()/]");
    /** MTN's sandbox payer numbers (46733123450 to 46733123459). */
    private static final String MTN_SANDBOX_PREFIX = "4673312345";

    public Msisdn {
        Objects.requireNonNull(digits, "msisdn must not be null");
        if (!isValidInternational(digits)) {
            throw new PaymentValidationException("phone", "phone number " + mask(digits)
                    + " is not a mobile number of a supported country");
        }
    }

    /**
     * Parses an international number (with or without {@code +} or {@code 00}).
     *
     * @throws PaymentValidationException with a message that says why the number was refused
     */
    public static Msisdn parse(String raw) {
        return parse(raw, null);
    }

    /**
     * Parses what a person typed. A national number (with or without the country's trunk
     * prefix, usually {@code 0}) is read in {@code defaultCountry} (ISO code such as {@code UG});
     * a number in international form is read as such whatever the default.
     *
     * @throws PaymentValidationException with a message that says why the number was refused
     */
    public static Msisdn parse(String raw, String defaultCountry) {
        if (raw == null || raw.isBlank()) {
            throw new PaymentValidationException("phone", "phone number is required");
        }
        String compact = SEPARATORS.matcher(raw.strip()).replaceAll("");
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
        if (international) {
            return new Msisdn(withoutTrunkPrefix(compact));
        }
        if (defaultCountry == null) {
            if (isValidInternational(compact)) {
                return new Msisdn(compact);
            }
            throw new PaymentValidationException("phone",
                    "phone number needs a country code, e.g. +256 772 123456");
        }
        Optional<NumberingPlan> known = NumberingPlans.of(defaultCountry);
        if (known.isEmpty() && isValidInternational(compact)) {
            return new Msisdn(compact);
        }
        NumberingPlan plan = known.orElseThrow(() ->
                new PaymentValidationException("phone", "country " + defaultCountry
                        + " is not supported for mobile numbers"));
        String trunk = plan.trunkPrefix();
        String national = !trunk.isEmpty() && compact.startsWith(trunk)
                ? compact.substring(trunk.length()) : compact;
        if (plan.isMobile(national)) {
            return new Msisdn(plan.callingCode() + national);
        }
        if (isValidInternational(compact)) {
            return new Msisdn(compact); // typed with the country code but without +
        }
        Set<Integer> lengths = plan.nationalLengths();
        if (!lengths.contains(national.length())) {
            throw new PaymentValidationException("phone", "a " + plan.country() + " mobile number has "
                    + lengths.stream().map(String::valueOf).collect(Collectors.joining(" or "))
                    + " digits" + (trunk.isEmpty() ? "" : " after the leading " + trunk)
                    + ", got " + national.length());
        }
        return new Msisdn(plan.callingCode() + national); // refused as not mobile, masked
    }

    private static boolean isValidInternational(String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        if (digits.length() == 11 && digits.startsWith(MTN_SANDBOX_PREFIX)) {
            return true;
        }
        return NumberingPlans.forNumber(digits).isPresent();
    }

    /** People often keep the national 0 after the country code (+256 0772...); drop it. */
    private static String withoutTrunkPrefix(String digits) {
        if (isValidInternational(digits)) {
            return digits;
        }
        for (NumberingPlan plan : NumberingPlans.all()) {
            String head = plan.callingCode() + plan.trunkPrefix();
            if (!plan.trunkPrefix().isEmpty() && digits.startsWith(head)
                    && plan.isMobile(digits.substring(head.length()))) {
                return plan.callingCode() + digits.substring(head.length());
            }
        }
        return digits;
    }

    /** True for MTN's sandbox test numbers. */
    public boolean isMtnSandboxNumber() {
        return digits.length() == 11 && digits.startsWith(MTN_SANDBOX_PREFIX);
    }

    /** The ISO country code, e.g. {@code UG}; empty for sandbox numbers. */
    public Optional<String> country() {
        return plan().map(NumberingPlan::country);
    }

    /** The country calling code, e.g. {@code 256}; {@code 46} for MTN sandbox numbers. */
    public String callingCode() {
        return plan().map(NumberingPlan::callingCode).orElse("46");
    }

    /** The number without its country code, e.g. {@code 772123456} (what Airtel expects). */
    public String nationalNumber() {
        return digits.substring(callingCode().length());
    }

    /**
     * The network the number was allocated to, e.g. {@link MobileNetworks#MTN}; {@code MTN} for
     * MTN's sandbox numbers. Empty where the plan is unsure between networks. In countries with
     * number portability this is the original network, not necessarily today's.
     */
    public Optional<String> network() {
        if (isMtnSandboxNumber()) {
            return Optional.of(MobileNetworks.MTN);
        }
        return plan().flatMap(p -> p.networkOf(nationalNumber()));
    }

    /**
     * True if the number may be on {@code network}: its plan puts it there, alone or as one of
     * the networks it is unsure between. What a gateway checks before charging a payer.
     */
    public boolean isOnNetwork(String network) {
        if (isMtnSandboxNumber()) {
            return MobileNetworks.MTN.equals(network);
        }
        return plan().map(p -> p.networksOf(nationalNumber()).contains(network)).orElse(false);
    }

    /**
     * True if a gateway of {@code network} may charge this number: {@link #isOnNetwork} says so,
     * or the country has number portability ({@link NumberingPlan#portable()}) and the network
     * operates there, since a ported number keeps the prefix of its first network. Refusing a real
     * customer costs more than a push the provider refuses itself (nothing is charged then).
     */
    public boolean mayBeOnNetwork(String network) {
        if (isOnNetwork(network)) {
            return true;
        }
        return plan().filter(NumberingPlan::portable)
                .map(p -> p.isMobile(nationalNumber()) && p.networks().contains(network)).orElse(false);
    }

    /** The masked form for logs, e.g. {@code 2567******56}. */
    public String masked() {
        return mask(digits);
    }

    @Override
    public String toString() {
        return masked();
    }

    private Optional<NumberingPlan> plan() {
        if (isMtnSandboxNumber()) {
            return Optional.empty();
        }
        return NumberingPlans.forNumber(digits);
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
