package org.dusangire.payment.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The mobile numbers of one country: its calling code, the trunk prefix people type before a
 * national number, and per network the leading digits and length of its national significant
 * numbers (the digits after the calling code). The longest matching prefix decides the network;
 * a prefix given to two networks means "either" (see {@link #networksOf(String)}).
 *
 * <p>Build one with {@link #builder(String, String)} and install it with
 * {@link NumberingPlans#register(NumberingPlan)}.
 *
 * @param country     ISO 3166 alpha-2 code, upper case, e.g. {@code UG}
 * @param callingCode country calling code, e.g. {@code 256}
 * @param trunkPrefix what is typed before a national number ({@code 0}), or empty where a
 *                    leading 0 belongs to the number itself (e.g. Côte d'Ivoire)
 * @param ranges      every mobile range; not empty
 * @param portable    true where subscribers keep their number when they change network, so a
 *                    prefix names the network a number was allocated to, not necessarily today's
 */
public record NumberingPlan(String country, String callingCode, String trunkPrefix, List<Range> ranges,
        boolean portable) {

    /** A plan of a country without number portability. */
    public NumberingPlan(String country, String callingCode, String trunkPrefix, List<Range> ranges) {
        this(country, callingCode, trunkPrefix, ranges, false);
    }

    /**
     * National significant numbers of {@code length} digits starting with {@code prefix} belong
     * to {@code network}.
     */
    public record Range(String network, String prefix, int length) {
        public Range {
            Objects.requireNonNull(network, "network must not be null");
            Objects.requireNonNull(prefix, "prefix must not be null");
            if (!network.matches("[A-Z0-9_]{1,40}")) {
                throw new IllegalArgumentException("network must be upper-case letters, digits and _,"
                        + " got '" + network + "'");
            }
            if (!prefix.matches("[0-9]{1,8}")) {
                throw new IllegalArgumentException("prefix must be 1 to 8 digits, got '" + prefix + "'");
            }
            if (length < 4 || length > 13 || length < prefix.length()) {
                throw new IllegalArgumentException("length must be 4 to 13 and at least the prefix's,"
                        + " got " + length);
            }
        }

        boolean matches(String nationalNumber) {
            return nationalNumber.length() == length && nationalNumber.startsWith(prefix);
        }
    }

    public NumberingPlan {
        Objects.requireNonNull(country, "country must not be null");
        Objects.requireNonNull(callingCode, "callingCode must not be null");
        Objects.requireNonNull(trunkPrefix, "trunkPrefix must not be null");
        Objects.requireNonNull(ranges, "ranges must not be null");
        if (!country.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("country must be an upper-case ISO code such as UG, got '"
                    + country + "'");
        }
        if (!callingCode.matches("[1-9][0-9]{0,2}")) {
            throw new IllegalArgumentException("callingCode must be 1 to 3 digits, got '" + callingCode + "'");
        }
        if (!trunkPrefix.matches("[0-9]{0,2}")) {
            throw new IllegalArgumentException("trunkPrefix must be empty or digits, got '" + trunkPrefix + "'");
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("a numbering plan needs at least one mobile range");
        }
        ranges = List.copyOf(ranges);
    }

    /** Starts a plan for {@code country} (ISO code) with calling code {@code callingCode}. */
    public static Builder builder(String country, String callingCode) {
        return new Builder(country, callingCode);
    }

    /** The lengths a mobile national significant number has here, e.g. {@code [9]}. */
    public Set<Integer> nationalLengths() {
        return ranges.stream().map(Range::length).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The networks with at least one range here. */
    public Set<String> networks() {
        return ranges.stream().map(Range::network).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** True if {@code nationalNumber} (without calling code or trunk prefix) is a mobile number here. */
    public boolean isMobile(String nationalNumber) {
        Objects.requireNonNull(nationalNumber, "nationalNumber must not be null");
        return isMobile(nationalNumber, 0);
    }

    /**
     * Whether the national number that starts at {@code from} in {@code digits} is mobile here:
     * {@link #isMobile(String)} without cutting it out, and stopping at the first range that
     * takes it (any range that does puts it on some network).
     */
    boolean isMobile(String digits, int from) {
        int length = digits.length() - from;
        for (Range r : ranges) {
            if (r.length() == length && digits.startsWith(r.prefix(), from)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The networks a national number may be on: those whose longest matching prefix is longest.
     * Usually one; two where the plan is unsure; none for a number that is not mobile here.
     */
    public Set<String> networksOf(String nationalNumber) {
        Objects.requireNonNull(nationalNumber, "nationalNumber must not be null");
        int longest = 0;
        Set<String> found = new LinkedHashSet<>();
        for (Range r : ranges) {
            if (!r.matches(nationalNumber) || r.prefix().length() < longest) {
                continue;
            }
            if (r.prefix().length() > longest) {
                longest = r.prefix().length();
                found.clear();
            }
            found.add(r.network());
        }
        return Collections.unmodifiableSet(found);
    }

    /** The network of a national number, empty when it is not mobile or the plan is unsure. */
    public Optional<String> networkOf(String nationalNumber) {
        Set<String> networks = networksOf(nationalNumber);
        return networks.size() == 1 ? Optional.of(networks.iterator().next()) : Optional.empty();
    }

    /**
     * A national number that this plan puts on {@code network} alone, for tests and examples;
     * empty if the network has no such range here.
     */
    public Optional<String> exampleNumber(String network) {
        for (Range r : ranges) {
            if (!r.network().equals(network)) {
                continue;
            }
            for (char fill = '1'; fill <= '9'; fill++) {
                String candidate = r.prefix() + String.valueOf(fill).repeat(r.length() - r.prefix().length());
                if (networkOf(candidate).filter(network::equals).isPresent()) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Collects the ranges of a {@link NumberingPlan}. */
    public static final class Builder {
        private final String country;
        private final String callingCode;
        private String trunkPrefix = "0";
        private boolean portable;
        private final List<Range> ranges = new ArrayList<>();

        private Builder(String country, String callingCode) {
            this.country = country;
            this.callingCode = callingCode;
        }

        /** {@code "0"} by default; {@code ""} where the country has none. */
        public Builder trunkPrefix(String value) {
            this.trunkPrefix = value;
            return this;
        }

        /** Subscribers keep their number when they change network ({@code false} by default). */
        public Builder portable(boolean value) {
            this.portable = value;
            return this;
        }

        /** Numbers of {@code length} digits starting with any of {@code prefixes} are on {@code network}. */
        public Builder network(String network, int length, String... prefixes) {
            for (String prefix : prefixes) {
                ranges.add(new Range(network, prefix, length));
            }
            return this;
        }

        /** @throws IllegalArgumentException if a value is malformed */
        public NumberingPlan build() {
            return new NumberingPlan(country, callingCode, trunkPrefix, ranges, portable);
        }
    }
}
