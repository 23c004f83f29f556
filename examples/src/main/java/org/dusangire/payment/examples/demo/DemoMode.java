package org.dusangire.payment.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.service.PaymentService;

/**
 * {@code GET /api/mode}: whether providers are simulated, and each method the configured gateways
 * serve with its display name and the currencies they collect, so the page offers nothing a
 * gateway would refuse.
 */
final class DemoMode {
    private static final Map<PaymentMethod, String> NAMES = Map.of(
            PaymentMethod.MTN_MOBILE_MONEY, "MTN Mobile Money",
            PaymentMethod.AIRTEL_MONEY, "Airtel Money",
            PaymentMethod.MPESA, "M-Pesa",
            PaymentMethod.CARD, "Card",
            PaymentMethod.BANK_TRANSFER, "Bank transfer",
            PaymentMethod.CASH_ON_DELIVERY, "Cash on delivery");

    private DemoMode() {
    }

    /**
     * @param gateways the gateways the demo registered; a method none of them serves (cash on
     *                 delivery) is offered when the service serves it itself
     */
    static ObjectNode json(ObjectMapper mapper, PaymentService payments, List<PaymentGateway> gateways,
            boolean simulated, String description) {
        ObjectNode json = mapper.createObjectNode();
        json.put("simulated", simulated);
        json.put("description", description);
        ArrayNode methods = json.putArray("methods");
        Set<String> all = new LinkedHashSet<>();
        for (PaymentMethod method : PaymentMethod.values()) {
            List<PaymentGateway> serving = gateways.stream()
                    .filter(g -> g.methods().contains(method)).toList();
            if (serving.isEmpty()) {
                serving = payments.gatewayFor(method).stream().toList();
            }
            if (serving.isEmpty()) {
                continue;
            }
            Set<String> currencies = currencies(serving, payments.config().defaultCurrency().getCurrencyCode());
            all.addAll(currencies);
            ObjectNode m = methods.addObject();
            m.put("method", method.name());
            m.put("name", NAMES.getOrDefault(method, method.name()));
            currencies.forEach(m.putArray("currencies")::add);
        }
        ArrayNode currencies = json.putArray("currencies");
        all.forEach(currencies::add);
        return json;
    }

    /** What the gateways collect, as each declares it; one that names none takes the default. */
    private static Set<String> currencies(List<PaymentGateway> serving, String defaultCurrency) {
        Set<String> currencies = new LinkedHashSet<>();
        for (PaymentGateway gateway : serving) {
            currencies.addAll(gateway.currencies().isEmpty() ? Set.of(defaultCurrency)
                    : new TreeSet<>(gateway.currencies()));
        }
        return currencies;
    }
}
