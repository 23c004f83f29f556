package org.dusangire.payment.simulator.flutterwave;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Currency;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.dusangire.payment.simulator.Json;
import org.dusangire.payment.simulator.SimRequest;
import org.dusangire.payment.simulator.SimResponse;

/**
 * {@code POST /v3/payments}: checks the Standard request and answers {@code "Hosted Link"}. A
 * reused {@code tx_ref} gets the link already issued for it, with the terms of the first request:
 * Flutterwave does not document what it does, and answering idempotently is what lets a client
 * that timed out retry safely with the same reference.
 */
final class PaymentLinkHandler {

    private static final java.util.regex.Pattern EMAIL =
            java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final FlwSettings settings;
    private final Json json;
    private final FlwBodies bodies;
    private final FlwLedger ledger;
    private final Supplier<URI> checkoutBase;
    private final Consumer<FlwCheckout> onNewLink;

    PaymentLinkHandler(FlwSettings settings, Json json, FlwBodies bodies, FlwLedger ledger,
                       Supplier<URI> checkoutBase, Consumer<FlwCheckout> onNewLink) {
        this.settings = settings;
        this.json = json;
        this.bodies = bodies;
        this.ledger = ledger;
        this.checkoutBase = checkoutBase;
        this.onNewLink = onNewLink;
    }

    SimResponse create(SimRequest request) {
        JsonNode body = json.parseOrNull(request.body());
        if (body == null || !body.isObject()) {
            return bodies.error(400, "Invalid request body: expected a JSON object");
        }
        String txRef = text(body.get("tx_ref"));
        if (txRef == null) {
            return bodies.error(400, "tx_ref is required");
        }
        if (txRef.length() > 100) {
            return bodies.error(400, "tx_ref must not be longer than 100 characters");
        }
        if (body.get("amount") == null || body.get("amount").isNull()) {
            return bodies.error(400, "amount is required");
        }
        BigDecimal amount = FlwAmounts.read(body.get("amount"));
        if (amount == null) {
            return bodies.error(400, "amount must be a number greater than 0");
        }
        String currency = text(body.get("currency"));
        currency = currency == null ? "NGN" : currency.toUpperCase(Locale.ROOT);
        if (!validCurrency(currency)) {
            return bodies.error(400, "Invalid currency: " + abbreviate(currency));
        }
        String redirect = text(body.get("redirect_url"));
        if (redirect == null) {
            return bodies.error(400, "redirect_url is required");
        }
        if (!validUrl(redirect)) {
            return bodies.error(400, "redirect_url must be a valid http or https URL");
        }
        JsonNode customer = body.get("customer");
        if (customer == null || !customer.isObject()) {
            return bodies.error(400, "customer is required");
        }
        String email = text(customer.get("email"));
        if (email == null || !EMAIL.matcher(email).matches()) {
            return bodies.error(400, "customer.email is required and must be a valid email");
        }
        JsonNode options = body.get("payment_options");
        if (options != null && !options.isNull() && !options.isTextual()) {
            return bodies.error(400, "payment_options must be a comma-separated string");
        }
        JsonNode custom = body.get("customizations");
        if (custom != null && !custom.isNull() && !custom.isObject()) {
            return bodies.error(400, "customizations must be an object");
        }
        for (String field : new String[] {"title", "description", "logo"}) {
            JsonNode value = custom == null ? null : custom.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                return bodies.error(400, "customizations." + field + " must be a string");
            }
        }
        String phone = text(customer.get("phonenumber"));
        if (phone == null) {
            phone = text(customer.get("phone_number"));
        }
        JsonNode meta = body.get("meta");
        FlwCheckout wanted = new FlwCheckout(FlwLedger.newLinkId(), txRef, amount, currency,
                redirect, email, text(customer.get("name")), phone,
                options == null || options.isNull() ? null : options.asText(),
                custom == null ? null : text(custom.get("title")),
                custom == null ? null : text(custom.get("description")),
                meta != null && meta.isObject() ? meta.deepCopy() : null,
                settings.clock().instant());
        FlwCheckout held = ledger.putIfAbsent(wanted);
        if (held == wanted) {
            onNewLink.accept(held);
        }
        var data = json.object().put("link", link(held));
        return bodies.success("Hosted Link", data);
    }

    String link(FlwCheckout checkout) {
        return checkoutBase.get() + CheckoutHost.PATH + checkout.linkId();
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String value = node.asText().trim();
        return value.isEmpty() ? null : value;
    }

    private static boolean validCurrency(String code) {
        if (!code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean validUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.getHost() != null && ("http".equals(uri.getScheme())
                    || "https".equals(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 12 ? s : s.substring(0, 12) + "...";
    }
}
