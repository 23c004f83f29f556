package org.dusangire.payment.simulator.airtel;

import java.util.Map;

/** Airtel markets: calling code, national number length and usual currency. */
final class Countries {

    record Market(String callingCode, int nationalLength, String currency) {
    }

    private static final Map<String, Market> MARKETS = Map.ofEntries(
            Map.entry("UG", new Market("256", 9, "UGX")),
            Map.entry("KE", new Market("254", 9, "KES")),
            Map.entry("TZ", new Market("255", 9, "TZS")),
            Map.entry("RW", new Market("250", 9, "RWF")),
            Map.entry("ZM", new Market("260", 9, "ZMW")),
            Map.entry("MW", new Market("265", 9, "MWK")),
            Map.entry("NG", new Market("234", 10, "NGN")),
            Map.entry("CD", new Market("243", 9, "CDF")),
            Map.entry("CG", new Market("242", 9, "XAF")),
            Map.entry("GA", new Market("241", 8, "XAF")),
            Map.entry("TD", new Market("235", 8, "XAF")),
            Map.entry("NE", new Market("227", 8, "XOF")),
            Map.entry("MG", new Market("261", 9, "MGA")),
            Map.entry("SC", new Market("248", 7, "SCR")));

    private Countries() {
    }

    static Market of(String country) {
        Market market = MARKETS.get(country);
        if (market == null) {
            throw new IllegalArgumentException("country " + country + " is not an Airtel market"
                    + " the simulator knows: " + MARKETS.keySet());
        }
        return market;
    }
}
