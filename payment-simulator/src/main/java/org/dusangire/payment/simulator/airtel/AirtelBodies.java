package org.dusangire.payment.simulator.airtel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dusangire.payment.simulator.Json;
import org.dusangire.payment.simulator.SimResponse;

/**
 * Builds Airtel's JSON envelopes: {@code {"data":{...},"status":{code,message,result_code,
 * response_code,success}}} with {@code status.code} as a string, as the docs show.
 */
final class AirtelBodies {

    private final Json json;

    AirtelBodies(Json json) {
        this.json = json;
    }

    ObjectNode object() {
        return json.object();
    }

    /** An envelope with an empty {@code data} object and the given status block. */
    ObjectNode envelope(int code, String message, String resultCode, String responseCode,
                        boolean success) {
        ObjectNode node = json.object();
        node.putObject("data");
        ObjectNode status = node.putObject("status");
        status.put("code", Integer.toString(code)).put("message", message);
        if (resultCode != null) {
            status.put("result_code", resultCode);
        }
        if (responseCode != null) {
            status.put("response_code", responseCode);
        }
        status.put("success", success);
        return node;
    }

    /** A refusal: HTTP status and {@code status.code} alike, {@code success:false}. */
    SimResponse error(int http, String resultCode, String responseCode, String message) {
        return json.response(http, envelope(http, message, resultCode, responseCode, false));
    }

    /** The OAuth2-style error of the token endpoint and of the API gateway's token check. */
    SimResponse oauthError(int http, String error, String description) {
        return json.response(http, json.object().put("error", error)
                .put("error_description", description));
    }

    SimResponse ok(ObjectNode node) {
        return json.response(200, node);
    }

    byte[] write(Object value) {
        return json.write(value);
    }

    /** The control API's view of a payment. */
    ObjectNode state(AirtelPaymentState s) {
        ObjectNode node = json.object();
        node.put("id", s.id()).put("status", s.status().name())
                .put("response_code", s.responseCode()).put("message", s.message());
        if (s.airtelMoneyId() != null) {
            node.put("airtel_money_id", s.airtelMoneyId());
        }
        node.put("msisdn", s.msisdn()).put("amount", s.amount()).put("currency", s.currency())
                .put("country", s.country()).put("reference", s.reference())
                .put("signed", s.signed()).put("refunded", s.refunded())
                .put("created_at", s.createdAt().toString());
        return node;
    }

    /** The control API's view of a refund. */
    ObjectNode refund(AirtelRefundState r) {
        return json.object().put("airtel_money_id", r.airtelMoneyId())
                .put("transaction_id", r.transactionId())
                .put("reversed_airtel_money_id", r.reversedAirtelMoneyId())
                .put("amount", r.amount()).put("currency", r.currency())
                .put("reversed_at", r.reversedAt().toString());
    }
}
