package org.dusangire.payment.gateway.mtn;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

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

    private MtnTargetEnvironments() {
    }

    static Optional<String> currencyOf(String targetEnvironment) {
        return Optional.ofNullable(CURRENCIES.get(targetEnvironment));
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
