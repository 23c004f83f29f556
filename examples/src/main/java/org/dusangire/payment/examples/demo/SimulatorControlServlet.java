package org.dusangire.payment.examples.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NoSuchElementException;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.service.PaymentService;

/**
 * {@code POST /simulator/{mtn|airtel|flutterwave|mpesa}/payments/{id}/{approve|decline}}: acts as the
 * customer at the simulated provider. Only mounted when the demo runs on its simulators.
 */
final class SimulatorControlServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, SimulatedCustomer> customers;
    private final transient PaymentService payments;

    SimulatorControlServlet(Map<String, SimulatedCustomer> customers, PaymentService payments) {
        this.customers = Map.copyOf(customers);
        this.payments = payments;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] parts = java.util.Arrays.stream(String.valueOf(req.getPathInfo()).split("/"))
                .filter(s -> !s.isEmpty()).toArray(String[]::new);
        if (parts.length != 4 || !parts[1].equals("payments")) {
            answer(resp, 404, "{\"error\":\"no such route\"}");
            return;
        }
        SimulatedCustomer customer = customers.get(parts[0]);
        if (customer == null) {
            answer(resp, 404, "{\"error\":\"no simulator named " + json(parts[0]) + "\"}");
            return;
        }
        Payment payment;
        try {
            payment = payments.find(PaymentId.parse(parts[2])).orElse(null);
        } catch (PaymentValidationException e) {
            answer(resp, 400, "{\"error\":\"payment id must be a UUID\"}");
            return;
        }
        if (payment == null) {
            answer(resp, 404, "{\"error\":\"no such payment\"}");
            return;
        }
        try {
            boolean changed = switch (parts[3]) {
                case "approve" -> customer.approve(payment.providerReference());
                case "decline" -> customer.decline(payment.providerReference());
                default -> throw new IllegalArgumentException();
            };
            answer(resp, changed ? 200 : 409, changed ? "{\"status\":\"ok\"}"
                    : "{\"error\":\"the payment already ended at the provider\"}");
        } catch (IllegalArgumentException e) {
            answer(resp, 404, "{\"error\":\"action must be approve or decline\"}");
        } catch (NoSuchElementException e) {
            answer(resp, 404, "{\"error\":\"the provider has no such payment\"}");
        }
    }

    private static void answer(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "");
    }
}
