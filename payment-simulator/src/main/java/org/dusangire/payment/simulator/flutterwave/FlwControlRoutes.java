package org.dusangire.payment.simulator.flutterwave;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.dusangire.payment.simulator.Json;
import org.dusangire.payment.simulator.SimRequest;
import org.dusangire.payment.simulator.SimResponse;

/**
 * The Flutterwave control routes:
 * {@code POST /_sim/payments/{tx_ref}/pay-card|pay-bank-transfer|fail[?reason=]|cancel|pending|
 * pay-less?amount=|pay-currency?currency=}, {@code GET /_sim/payments/{tx_ref}},
 * {@code GET /_sim/transactions/{id}}, {@code POST /_sim/transactions/{id}/settle|fail|webhook},
 * {@code GET /_sim/webhooks}, {@code POST /_sim/webhooks/retry-due},
 * {@code POST /_sim/auto-pay?enabled=true|false} and {@code POST /_sim/refunds/{id}/complete|fail}.
 */
final class FlwControlRoutes {

    private final FlutterwaveSimulator sim;
    private final Json json;

    FlwControlRoutes(FlutterwaveSimulator sim, Json json) {
        this.sim = sim;
        this.json = json;
    }

    Optional<SimResponse> handle(SimRequest request) {
        List<String> p = FlwRoutes.trimmed(request.segments());
        boolean post = request.method().equals("POST");
        try {
            if (p.size() == 2 && p.get(1).equals("auto-pay") && post) {
                sim.autoPay(!"false".equals(request.queryParam("enabled")));
                return Optional.of(json.response(200, json.object().put("autoPay",
                        !"false".equals(request.queryParam("enabled")))));
            }
            if (p.size() >= 2 && p.get(1).equals("webhooks")) {
                return webhooks(p, post);
            }
            if (p.size() >= 3 && p.get(1).equals("payments")) {
                return payments(decode(p.get(2)), p, request);
            }
            if (p.size() >= 3 && p.get(1).equals("transactions")) {
                return transactions(Long.parseLong(p.get(2)), p, post);
            }
            if (p.size() == 4 && p.get(1).equals("refunds") && p.get(3).equals("complete") && post) {
                boolean done = sim.completeRefund(Long.parseLong(p.get(2)));
                return Optional.of(json.response(done ? 200 : 409, json.object().put("completed", done)));
            }
            if (p.size() == 4 && p.get(1).equals("refunds") && p.get(3).equals("fail") && post) {
                boolean done = sim.failRefund(Long.parseLong(p.get(2)));
                return Optional.of(json.response(done ? 200 : 409, json.object().put("failed", done)));
            }
            return Optional.empty();
        } catch (NoSuchElementException e) {
            return Optional.of(json.error(404, "NOT_FOUND", e.getMessage()));
        } catch (IllegalStateException e) {
            return Optional.of(json.error(409, "ALREADY_PAID", e.getMessage()));
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Optional.of(json.error(400, "BAD_REQUEST", e.getMessage()));
        }
    }

    private Optional<SimResponse> payments(String txRef, List<String> p, SimRequest request) {
        if (p.size() == 3 && request.method().equals("GET")) {
            String link = sim.paymentLink(txRef).orElseThrow(
                    () -> new NoSuchElementException("unknown tx_ref " + txRef)).toString();
            ObjectNode node = json.object().put("tx_ref", txRef).put("link", link)
                    .put("amount_due", sim.amountDue(txRef).orElse(null))
                    .put("cancellations", sim.cancellations(txRef));
            var list = node.putArray("transactions");
            sim.transactions(txRef).forEach(t -> list.add(view(t)));
            return Optional.of(json.response(200, node));
        }
        if (p.size() != 4 || !request.method().equals("POST")) {
            return Optional.empty();
        }
        if (p.get(3).equals("cancel")) {
            sim.cancel(txRef);
            return Optional.of(json.response(200, json.object().put("tx_ref", txRef)
                    .put("cancellations", sim.cancellations(txRef))));
        }
        Long id = switch (p.get(3)) {
            case "pay-card" -> sim.payByCard(txRef);
            case "pay-bank-transfer" -> sim.payByBankTransfer(txRef);
            case "fail" -> request.queryParam("reason") == null ? sim.fail(txRef)
                    : sim.fail(txRef, decode(request.queryParam("reason")));
            case "pending" -> sim.leavePending(txRef);
            case "pay-less" -> sim.payLess(txRef, new BigDecimal(required(request, "amount")));
            case "pay-currency" -> sim.payInCurrency(txRef, required(request, "currency"));
            default -> null;
        };
        return id == null ? Optional.empty() : Optional.of(transaction(id));
    }

    private Optional<SimResponse> transactions(long id, List<String> p, boolean post) {
        if (p.size() == 3 && !post) {
            return Optional.of(transaction(id));
        }
        if (p.size() != 4 || !post) {
            return Optional.empty();
        }
        return switch (p.get(3)) {
            case "settle" -> Optional.of(changed(sim.settle(id), id));
            case "fail" -> Optional.of(changed(sim.failPending(id), id));
            case "webhook" -> {
                WebhookDelivery d = sim.resendWebhook(id).join();
                yield Optional.of(json.response(200, json.object().put("transaction_id", id)
                        .put("webhook_status", d == null ? -1 : d.status())));
            }
            default -> Optional.empty();
        };
    }

    private Optional<SimResponse> webhooks(List<String> p, boolean post) {
        if (p.size() == 2 && !post) {
            var list = json.object().putArray("deliveries");
            for (WebhookDelivery d : sim.webhookDeliveries()) {
                list.addObject().put("at", FlwBodies.time(d.at())).put("transaction_id", d.transactionId())
                        .put("attempt", d.attempt()).put("status", d.status())
                        .put("suppressed", d.suppressed());
            }
            return Optional.of(json.response(200, json.object().set("deliveries", list)));
        }
        if (p.size() == 3 && p.get(2).equals("retry-due") && post) {
            return Optional.of(json.response(200, json.object().put("sent",
                    sim.deliverDueWebhookRetries())));
        }
        return Optional.empty();
    }

    private SimResponse changed(boolean changed, long id) {
        return changed ? transaction(id) : json.error(409, "ALREADY_FINAL", "transaction " + id
                + " is already final");
    }

    private SimResponse transaction(long id) {
        return json.response(200, view(sim.transaction(id).orElseThrow(
                () -> new NoSuchElementException("unknown transaction " + id))));
    }

    private ObjectNode view(FlutterwaveTransaction t) {
        return json.object().put("id", t.id()).put("tx_ref", t.txRef()).put("flw_ref", t.flwRef())
                .put("amount", t.amount()).put("charged_amount", t.chargedAmount())
                .put("currency", t.currency()).put("status", t.status())
                .put("payment_type", t.paymentType()).put("processor_response", t.processorResponse())
                .put("refunded", t.refunded());
    }

    private static String required(SimRequest request, String name) {
        String value = request.queryParam(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return decode(value);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
