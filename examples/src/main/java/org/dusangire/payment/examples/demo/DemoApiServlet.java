package org.dusangire.payment.examples.demo;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.dusangire.payment.core.error.IllegalPaymentStateException;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.core.error.PaymentNotFoundException;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.error.UnsupportedCapabilityException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.service.CheckoutRequest;
import org.dusangire.payment.core.service.CheckoutResult;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.core.service.RefundCommand;

/**
 * The demo's JSON API, mounted at {@code /api/*}: create a payment, read one or all, ask the
 * provider about one now, confirm a cash payment, refund a paid one and list its refunds, show a
 * payment's event log, and list and acknowledge anomalies. Bad input answers 400 with a message
 * that says what is wrong. {@link DemoGuard} has checked the cashier token before any POST.
 */
final class DemoApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 16 * 1024;

    private final transient PaymentService payments;
    private final transient ObjectMapper mapper;
    private final String defaultCountry;

    DemoApiServlet(PaymentService payments, ObjectMapper mapper) {
        this.payments = payments;
        this.mapper = mapper;
        this.defaultCountry = payments.config().defaultCountry();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] parts = parts(req);
        if (parts.length == 1 && parts[0].equals("payments")) {
            ArrayNode list = mapper.createArrayNode();
            payments.recent(100).forEach(p -> list.add(json(p)));
            write(resp, 200, list);
        } else if (parts.length == 2 && parts[0].equals("payments")) {
            withPayment(resp, parts[1], p -> write(resp, 200, json(p)));
        } else if (parts.length == 3 && parts[0].equals("payments") && parts[2].equals("refunds")) {
            withPayment(resp, parts[1], p -> {
                ArrayNode list = mapper.createArrayNode();
                payments.refunds(p.id()).forEach(r -> list.add(PaymentJson.of(mapper, r)));
                write(resp, 200, list);
            });
        } else if (parts.length == 3 && parts[0].equals("payments") && parts[2].equals("events")) {
            withPayment(resp, parts[1], p -> {
                ArrayNode list = mapper.createArrayNode();
                payments.eventsOf(p.id()).forEach(e -> list.add(PaymentJson.of(mapper, e)));
                write(resp, 200, list);
            });
        } else if (parts.length == 1 && parts[0].equals("anomalies")) {
            ArrayNode list = mapper.createArrayNode();
            boolean all = "all".equals(req.getParameter("show"));
            payments.anomalies(!all, 100).forEach(a -> list.add(PaymentJson.of(mapper, a)));
            write(resp, 200, list);
        } else {
            error(resp, 404, "no such resource");
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] parts = parts(req);
        try {
            if (parts.length == 1 && parts[0].equals("payments")) {
                create(req, resp);
            } else if (parts.length == 3 && parts[0].equals("payments") && parts[2].equals("confirm-cash")) {
                PaymentId id = PaymentId.parse(parts[1]);
                JsonNode body = readOptional(req);
                String who = text(body, "confirmedBy");
                Payment paid = payments.confirmCashPayment(id, who == null ? "demo cashier" : who);
                write(resp, 200, json(paid));
            } else if (parts.length == 3 && parts[0].equals("payments") && parts[2].equals("verify")) {
                write(resp, 200, json(payments.verify(PaymentId.parse(parts[1]))));
            } else if (parts.length == 3 && parts[0].equals("payments") && parts[2].equals("refunds")) {
                refund(PaymentId.parse(parts[1]), readOptional(req), resp);
            } else if (parts.length == 3 && parts[0].equals("anomalies")
                    && parts[2].equals("acknowledge")) {
                UUID id = anomalyId(parts[1]);
                String by = text(readOptional(req), "acknowledgedBy");
                if (!payments.acknowledgeAnomaly(id, by == null ? "demo cashier" : by)) {
                    error(resp, 409, "no open anomaly " + id);
                } else {
                    ObjectNode ok = mapper.createObjectNode();
                    ok.put("acknowledged", id.toString());
                    write(resp, 200, ok);
                }
            } else {
                error(resp, 404, "no such resource");
            }
        } catch (PaymentValidationException e) {
            error(resp, 400, e.getMessage());
        } catch (PaymentNotFoundException e) {
            error(resp, 404, e.getMessage());
        } catch (IllegalPaymentStateException e) {
            error(resp, 409, e.getMessage());
        } catch (UnsupportedCapabilityException e) {
            error(resp, 409, e.getMessage());
        } catch (PaymentException e) {
            error(resp, 502, "the payment provider could not be reached; try again");
        }
    }

    private void create(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        JsonNode body;
        try {
            body = read(req);
        } catch (JacksonException e) {
            error(resp, 400, "body must be a JSON object");
            return;
        }
        PaymentMethod method = method(text(body, "method"));
        String amount = body.hasNonNull("amount") ? body.get("amount").asText() : null;
        String currency = text(body, "currency");
        Money money = Money.of(amount, currency == null ? payments.config().defaultCurrency()
                .getCurrencyCode() : currency);
        String phone = text(body, "phone");
        Msisdn msisdn = phone == null ? null : Msisdn.parse(phone, defaultCountry);
        String email = text(body, "email");
        if (method.isRedirect() && email == null) {
            email = "patient@example.org";
        }
        String key = text(body, "idempotencyKey");
        String order = text(body, "orderReference");
        if (order == null) {
            // an invented reference would hide the caller's bug, and a retry would make a second bill
            throw new PaymentValidationException("orderReference",
                    "orderReference is required: the bill or order this payment is for");
        }
        CheckoutResult result = payments.initiate(CheckoutRequest.builder()
                .orderReference(order)
                .money(money)
                .method(method)
                .payer(new Payer(msisdn, email, text(body, "name")))
                .idempotencyKey(key == null ? UUID.randomUUID().toString() : key)
                .description(text(body, "description"))
                .build());
        ObjectNode json = json(result.payment());
        json.put("nextAction", result.nextAction().name());
        json.put("instructions", result.instructions());
        write(resp, 201, json);
    }

    /**
     * Refunds a paid payment: {@code amount} (all that is refundable when absent), {@code reason},
     * {@code actor} (who hands the money back; the demo cashier when absent) and
     * {@code idempotencyKey}. Answers 201 with the refund, whatever its status: PENDING means the
     * provider is processing it or its answer was lost, and reconciliation settles it.
     */
    private void refund(PaymentId id, JsonNode body, HttpServletResponse resp) throws IOException {
        String amount = text(body, "amount");
        Money money = null;
        if (amount != null) {
            Payment payment = payments.find(id)
                    .orElseThrow(() -> new PaymentNotFoundException(id.toString()));
            money = Money.of(amount, payment.money().currency().getCurrencyCode());
        }
        String actor = text(body, "actor");
        Refund refund = payments.refund(new RefundCommand(id, money, text(body, "reason"),
                actor == null ? "demo cashier" : actor, text(body, "idempotencyKey")));
        write(resp, 201, PaymentJson.of(mapper, refund));
    }

    /**
     * A payment as {@link PaymentJson} shows it, and whether its gateway takes refunds at all
     * ({@code refunds}; M-Pesa does not), so the page offers a refund only where one can be made.
     */
    private ObjectNode json(Payment p) {
        ObjectNode json = PaymentJson.of(mapper, p);
        json.put("refunds", payments.gateway(p.gatewayName()).map(PaymentGateway::supportsRefunds)
                .orElse(false));
        return json;
    }

    private static UUID anomalyId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new PaymentValidationException("anomalyId", "anomaly id must be a UUID");
        }
    }

    private static PaymentMethod method(String text) {
        if (text == null) {
            throw new PaymentValidationException("method", "method is required: one of "
                    + PaymentMethod.values());
        }
        // refuses an unknown name with a 400 that lists the declared methods
        return PaymentMethod.valueOf(text);
    }

    private interface PaymentAction {
        void accept(Payment p) throws IOException;
    }

    private void withPayment(HttpServletResponse resp, String id, PaymentAction action) throws IOException {
        PaymentId paymentId;
        try {
            paymentId = PaymentId.parse(id);
        } catch (PaymentValidationException e) {
            error(resp, 400, e.getMessage());
            return;
        }
        var found = payments.find(paymentId);
        if (found.isEmpty()) {
            error(resp, 404, "no payment " + paymentId);
        } else {
            action.accept(found.get());
        }
    }

    private JsonNode read(HttpServletRequest req) throws IOException {
        try (InputStream in = req.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new PaymentValidationException("body", "body is larger than " + MAX_BODY + " bytes");
            }
            JsonNode node = mapper.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new PaymentValidationException("body", "body must be a JSON object");
            }
            return node;
        }
    }

    private JsonNode readOptional(HttpServletRequest req) throws IOException {
        try {
            return req.getContentLengthLong() > 0 ? read(req) : mapper.createObjectNode();
        } catch (JacksonException e) {
            throw new PaymentValidationException("body", "body must be a JSON object");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    private static String[] parts(HttpServletRequest req) {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    private void write(HttpServletResponse resp, int status, JsonNode json) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        mapper.writeValue(resp.getOutputStream(), json);
    }

    private void error(HttpServletResponse resp, int status, String message) throws IOException {
        ObjectNode json = mapper.createObjectNode();
        json.put("error", message);
        write(resp, status, json);
    }
}
