package org.dusangire.payment.core.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.PaymentGateway;

/**
 * Chooses the gateway for a payment: by method, then by the currency and the payer's country each
 * gateway says it serves ({@link PaymentGateway#currencies()}, {@link PaymentGateway#countries()}).
 * An explicit route for a method wins over all of that. Among gateways that fit equally, the first
 * registered serves, so routing never depends on map order.
 */
final class GatewayRoutes {
    private final Map<PaymentMethod, List<PaymentGateway>> candidates;

    GatewayRoutes(Map<String, PaymentGateway> gateways, Map<PaymentMethod, String> explicit) {
        Map<PaymentMethod, List<PaymentGateway>> byMethod = new LinkedHashMap<>();
        for (PaymentGateway g : gateways.values()) {
            for (PaymentMethod method : g.methods()) {
                if (!explicit.containsKey(method)) {
                    byMethod.computeIfAbsent(method, m -> new ArrayList<>()).add(g);
                }
            }
        }
        explicit.forEach((method, name) -> {
            PaymentGateway g = gateways.get(name);
            if (g == null) {
                throw new PaymentConfigurationException(null, "route for " + method
                        + " names gateway '" + name + "', which is not registered");
            }
            byMethod.put(method, List.of(g));
        });
        byMethod.replaceAll((method, list) -> List.copyOf(list));
        this.candidates = Map.copyOf(byMethod);
    }

    /** The first gateway registered for a method, whatever the currency and country. */
    Optional<PaymentGateway> any(PaymentMethod method) {
        return candidates.getOrDefault(method, List.of()).stream().findFirst();
    }

    /** The gateway that serves this method, currency and payer, if one does. */
    Optional<PaymentGateway> find(PaymentMethod method, String currency, String country) {
        return candidates.getOrDefault(method, List.of()).stream()
                .filter(g -> g.currencies().isEmpty() || g.currencies().contains(currency))
                .filter(g -> g.countries().isEmpty() || country == null
                        || g.countries().contains(country))
                .findFirst();
    }

    /**
     * The gateway for a checkout.
     *
     * @throws PaymentValidationException naming the method, currency and country no gateway serves
     */
    PaymentGateway choose(PaymentMethod method, Money money, Payer payer) {
        String currency = money.currency().getCurrencyCode();
        String country = payer.msisdn() == null ? null : payer.msisdn().country().orElse(null);
        return find(method, currency, country).orElseThrow(() -> {
            if (!candidates.containsKey(method)) {
                return new PaymentValidationException("method", "no gateway is configured for "
                        + method);
            }
            return new PaymentValidationException("method", "no gateway serves " + method + " in "
                    + currency + (country == null ? "" : " for a payer in " + country)
                    + "; configured: " + describe(method));
        });
    }

    private String describe(PaymentMethod method) {
        List<String> parts = new ArrayList<>();
        for (PaymentGateway g : candidates.get(method)) {
            parts.add(g.name() + " (" + (g.currencies().isEmpty() ? "any currency"
                    : String.join("/", g.currencies())) + ", " + (g.countries().isEmpty()
                    ? "any country" : String.join("/", g.countries())) + ")");
        }
        return String.join(", ", parts);
    }
}
