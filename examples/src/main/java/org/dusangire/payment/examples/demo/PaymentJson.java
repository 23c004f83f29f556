package org.dusangire.payment.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.StatusChange;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentEvent;
import org.dusangire.payment.core.port.StoredAnomaly;

/**
 * How the demo's JSON API shows payments, refunds, events and anomalies: no full phone number, no
 * callback token.
 */
final class PaymentJson {
    private PaymentJson() {
    }

    static ObjectNode of(ObjectMapper mapper, Payment p) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", p.id().toString());
        json.put("orderReference", p.orderReference());
        json.put("status", p.status().name());
        json.put("method", p.method().name());
        json.put("amount", p.money().toPlainString());
        json.put("currency", p.money().currency().getCurrencyCode());
        json.put("gateway", p.gatewayName());
        json.put("providerReference", p.providerReference());
        json.put("providerTransactionId", p.providerTransactionId());
        json.put("phone", p.payer().msisdn() == null ? null : p.payer().msisdn().masked());
        json.put("paymentLink", p.paymentLink() == null ? null : p.paymentLink().toString());
        json.put("failureReason", p.failureReason());
        json.put("outcomeUnknown", p.outcomeUnknown());
        json.put("refunded", p.refundedAmount().toPlainString());
        json.put("refundReserved", p.refundReservedAmount().toPlainString());
        json.put("refundable", p.refundableAmount().toPlainString());
        json.put("createdAt", p.createdAt().toString());
        json.put("updatedAt", p.updatedAt().toString());
        ArrayNode history = json.putArray("history");
        for (StatusChange c : p.history()) {
            ObjectNode h = history.addObject();
            h.put("from", c.from() == null ? null : c.from().name());
            h.put("to", c.to().name());
            h.put("at", c.at().toString());
            h.put("trigger", c.trigger().name());
            h.put("detail", c.detail());
        }
        return json;
    }

    static ObjectNode of(ObjectMapper mapper, PaymentEvent e) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", e.id().toString());
        json.put("type", e.type().name());
        json.put("refundId", e.refundId() == null ? null : e.refundId().toString());
        json.put("from", e.from());
        json.put("to", e.to());
        json.put("trigger", e.trigger() == null ? null : e.trigger().name());
        json.put("amount", e.amount() == null ? null : e.amount().toString());
        json.put("detail", e.detail());
        json.put("occurredAt", e.occurredAt().toString());
        json.put("deliveryFailures", e.attempts());
        return json;
    }

    static ObjectNode of(ObjectMapper mapper, StoredAnomaly stored) {
        PaymentAnomaly a = stored.anomaly();
        ObjectNode json = mapper.createObjectNode();
        json.put("id", a.id().toString());
        json.put("kind", a.kind().name());
        json.put("paymentReference", a.paymentReference());
        json.put("gateway", a.gatewayName());
        json.put("detail", a.detail());
        json.put("at", a.at().toString());
        json.put("acknowledgedBy", stored.acknowledgedBy());
        json.put("acknowledgedAt", stored.acknowledgedAt() == null ? null
                : stored.acknowledgedAt().toString());
        return json;
    }

    static ObjectNode of(ObjectMapper mapper, Refund r) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", r.id().toString());
        json.put("paymentId", r.paymentId().toString());
        json.put("status", r.status().name());
        json.put("amount", r.amount().toPlainString());
        json.put("currency", r.amount().currency().getCurrencyCode());
        json.put("reason", r.reason());
        json.put("actor", r.actor());
        json.put("outcomeUnknown", r.outcomeUnknown());
        json.put("providerTransactionId", r.providerTransactionId());
        json.put("failureReason", r.failureReason());
        json.put("createdAt", r.createdAt().toString());
        json.put("updatedAt", r.updatedAt().toString());
        return json;
    }
}
