package org.dusangire.payment.core.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The numbering plans {@link Msisdn} reads numbers with: the standard ones shipped in
 * {@code numbering-plans.tsv} (every market of the MTN and Airtel gateways, Safaricom's Kenya,
 * Burundi, South Sudan and Ethiopia; sources per country in the file) plus any a host registers.
 *
 * <p><b>Host extension.</b> {@link #register(NumberingPlan)} adds a country, or replaces a
 * shipped country's plan (say a regulator opened a range before a library release). It is
 * process-wide, like the data it extends: call it once at start-up, before taking payments. It
 * is thread-safe (the table is an immutable snapshot swapped atomically), and numbers parsed
 * before a registration are judged by the new plans from then on.
 *
 * <p><b>Why not libphonenumber.</b> Google's libphonenumber knows every country's number lengths
 * and mobile ranges, but its core jar (9.0.35: 360 kB) knows no networks; network names come
 * from the separate {@code carrier} jar (1.229: 142 kB) with {@code prefixmapper} (20 kB), as
 * localised display names ("Airtel", "MTN Cameroon", "Swazi MTN", "Areeba") rather than stable
 * identifiers, and it would be payment-core's first dependency besides slf4j-api (about 520 kB
 * for the three). We need 25 countries and a network check, so the shipped plans take
 * libphonenumber's carrier and metadata files as their main source (cited per country in the
 * data file) and cost 9 kB of text. A host that already has libphonenumber can feed its ranges
 * in through {@link #register(NumberingPlan)}.
 */
public final class NumberingPlans {
    private static final List<NumberingPlan> STANDARD = NumberingPlanFile.standard();
    private static final AtomicReference<Snapshot> CURRENT = new AtomicReference<>(Snapshot.of(STANDARD));

    private NumberingPlans() {
    }

    /** The plan of a country (ISO code, any case), if one is shipped or registered. */
    public static Optional<NumberingPlan> of(String country) {
        if (country == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(CURRENT.get().byCountry().get(country.trim().toUpperCase(Locale.ROOT)));
    }

    /** Every plan in use, shipped and registered. */
    public static Collection<NumberingPlan> all() {
        return CURRENT.get().byCountry().values();
    }

    /** The plans shipped with the library, whatever has been registered since. */
    public static List<NumberingPlan> standard() {
        return STANDARD;
    }

    /**
     * Adds {@code plan}'s country, or replaces the plan it had.
     *
     * @return the plan it replaced, if any
     */
    public static Optional<NumberingPlan> register(NumberingPlan plan) {
        Objects.requireNonNull(plan, "plan must not be null");
        Snapshot before = CURRENT.getAndUpdate(s -> s.with(plan));
        return Optional.ofNullable(before.byCountry().get(plan.country()));
    }

    /** Back to the shipped plans; for tests of this package. */
    static void reset() {
        CURRENT.set(Snapshot.of(STANDARD));
    }

    /** The plan in which international {@code digits} are a mobile number. */
    static Optional<NumberingPlan> forNumber(String digits) {
        Snapshot s = CURRENT.get();
        for (int i = 1; i <= 3 && i < digits.length(); i++) {
            for (NumberingPlan plan : s.byCallingCode().getOrDefault(digits.substring(0, i), List.of())) {
                if (plan.isMobile(digits, i)) {
                    return Optional.of(plan);
                }
            }
        }
        return Optional.empty();
    }

    private record Snapshot(Map<String, NumberingPlan> byCountry,
            Map<String, List<NumberingPlan>> byCallingCode) {
        static Snapshot of(Collection<NumberingPlan> plans) {
            Map<String, NumberingPlan> byCountry = new LinkedHashMap<>();
            plans.forEach(p -> byCountry.put(p.country(), p));
            Map<String, List<NumberingPlan>> byCode = new LinkedHashMap<>();
            byCountry.values().forEach(p -> byCode.computeIfAbsent(p.callingCode(), k -> new ArrayList<>()).add(p));
            byCode.replaceAll((k, v) -> List.copyOf(v));
            return new Snapshot(java.util.Collections.unmodifiableMap(byCountry), Map.copyOf(byCode));
        }

        Snapshot with(NumberingPlan plan) {
            Map<String, NumberingPlan> next = new LinkedHashMap<>(byCountry);
            next.put(plan.country(), plan);
            return of(next.values());
        }
    }
}
