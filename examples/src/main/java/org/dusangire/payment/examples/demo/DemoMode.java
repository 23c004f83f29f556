package org.dusangire.payment.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.service.PaymentService;

/**
 * {@code GET /api/mode}: whether providers are simulated, and each method the configured gateways
 * serve with its display name and the currencies it collects, so the page offers nothing a
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
     * @param collects the one currency of each gateway bound to a currency (MTN and Airtel are,
     *                 per account); any other gateway is offered in the default currency
     */
    static ObjectNode json(ObjectMapper mapper, PaymentService payments, boolean simulated,
            String description, Map<String, Currency> collects) {
        ObjectNode json = mapper.createObjectNode();
        json.put("simulated", simulated);
        json.put("description", description);
        ArrayNode methods = json.putArray("methods");
        Set<String> all = new LinkedHashSet<>();
        for (PaymentMethod method : PaymentMethod.values()) {
            PaymentGateway gateway = payments.gatewayFor(method).orElse(null);
            if (gateway == null) {
                continue;
            }
            String currency = collects.getOrDefault(gateway.name(), payments.config().defaultCurrency())
                    .getCurrencyCode();
            all.add(currency);
            ObjectNode m = methods.addObject();
            m.put("method", method.name());
            m.put("name", NAMES.getOrDefault(method, method.name()));
            m.putArray("currencies").add(currency);
        }
        ArrayNode currencies = json.putArray("currencies");
        all.forEach(currencies::add);
        return json;
    }
}
