package org.dusangire.payment.gateway.airtel;

import java.net.URI;
import java.util.Map;
import org.dusangire.payment.core.config.PaymentEnvironment;

/**
 * Default Airtel hosts (provider reference §B.1): the country host where both its UAT and
 * production names are known, the pan-African {@code openapi(uat).airtel.africa} otherwise.
 */
final class AirtelHosts {
    static final URI PAN_AFRICAN_UAT = URI.create("https://openapiuat.airtel.africa");
    static final URI PAN_AFRICAN_PRODUCTION = URI.create("https://openapi.airtel.africa");

    /** Countries with a known own host pair, by domain suffix. */
    private static final Map<String, String> COUNTRY_DOMAINS = Map.of(
            "UG", "airtel.ug", "ZM", "airtel.co.zm", "CD", "airtel.cd", "CG", "airtel.cg");

    private AirtelHosts() {
    }

    static URI defaultBaseUrl(String country, PaymentEnvironment environment) {
        String domain = COUNTRY_DOMAINS.get(country);
        if (domain == null) {
            return environment.isProduction() ? PAN_AFRICAN_PRODUCTION : PAN_AFRICAN_UAT;
        }
        return URI.create("https://" + (environment.isProduction() ? "openapi." : "openapiuat.")
                + domain);
    }

    /** True for Airtel's staging hosts, which production must not use. */
    static boolean isUatHost(URI uri) {
        String host = uri.getHost();
        return host != null && host.startsWith("openapiuat.");
    }
}
