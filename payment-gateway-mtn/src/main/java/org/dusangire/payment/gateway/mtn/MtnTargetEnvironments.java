package org.dusangire.payment.gateway.mtn;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MTN's {@code X-Target-Environment} values with the currency each operator uses and its API
 * host where it differs from the shared one (provider reference, section A.1).
 */
final class MtnTargetEnvironments {
    static final String SANDBOX = "sandbox";
    static final URI SANDBOX_BASE_URL = URI.create("https://sandbox.momodeveloper.mtn.com");
    static final URI PRODUCTION_BASE_URL = URI.create("https://proxy.momoapi.mtn.com");
    private static final URI RWANDA_BASE_URL = URI.create("https://proxy.momoapi.mtn.co.rw");

    private static final Map<String, String> CURRENCIES = Map.ofEntries(
            Map.entry(SANDBOX, "EUR"), Map.entry("mtnuganda", "UGX"),
            Map.entry("mtnghana", "GHS"), Map.entry("mtnivorycoast", "XOF"),
            Map.entry("mtnzambia", "ZMW"), Map.entry("mtncameroon", "XAF"),
            Map.entry("mtnbenin", "XOF"), Map.entry("mtncongo", "XAF"),
            Map.entry("mtnswaziland", "SZL"), Map.entry("mtnguineaconakry", "GNF"),
            Map.entry("mtnsouthafrica", "ZAR"), Map.entry("mtnliberia", "LRD"),
            Map.entry("mtnrwanda", "RWF"));

    /** The country of each production target environment: its payers' numbers are there. */
    private static final Map<String, String> COUNTRIES = Map.ofEntries(
            Map.entry("mtnuganda", "UG"), Map.entry("mtnghana", "GH"),
            Map.entry("mtnivorycoast", "CI"), Map.entry("mtnzambia", "ZM"),
            Map.entry("mtncameroon", "CM"), Map.entry("mtnbenin", "BJ"),
            Map.entry("mtncongo", "CG"), Map.entry("mtnswaziland", "SZ"),
            Map.entry("mtnguineaconakry", "GN"), Map.entry("mtnsouthafrica", "ZA"),
            Map.entry("mtnliberia", "LR"), Map.entry("mtnrwanda", "RW"));

    private MtnTargetEnvironments() {
    }

    static Optional<String> currencyOf(String targetEnvironment) {
        return Optional.ofNullable(CURRENCIES.get(targetEnvironment));
    }

    /** Every target environment with a known currency, the sandbox included. */
    static Set<String> known() {
        return CURRENCIES.keySet();
    }

    /** The ISO country of a production target environment; empty for the sandbox or an unknown one. */
    static Optional<String> countryOf(String targetEnvironment) {
        return Optional.ofNullable(COUNTRIES.get(targetEnvironment));
    }

    static URI defaultBaseUrl(String targetEnvironment) {
        if (SANDBOX.equals(targetEnvironment)) {
            return SANDBOX_BASE_URL;
        }
        return "mtnrwanda".equals(targetEnvironment) ? RWANDA_BASE_URL : PRODUCTION_BASE_URL;
    }

    static boolean isSandboxHost(URI uri) {
        String host = uri.getHost();
        return host != null && host.toLowerCase(java.util.Locale.ROOT).startsWith("sandbox.");
    }
}
