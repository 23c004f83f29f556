package org.dusangire.payment.simulator.mtn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;
import org.dusangire.payment.simulator.Json;

/**
 * Builds MTN's JSON bodies: the status body (also the callback body), the refund status body and
 * the simulator's own views of payments and refunds.
 */
final class MtnBodies {

    private static final Map<String, String> MESSAGES = Map.of(
            "APPROVAL_REJECTED", "The payer rejected the request.",
            "EXPIRED", "The payer did not approve in time.",
            "NOT_ENOUGH_FUNDS", "The payer does not have enough funds.",
            "INTERNAL_PROCESSING_ERROR", "An internal error occurred while processing.",
            "PAYER_NOT_FOUND", "The payer could not be found.");

    private final Json json;
    private final ReasonFormat reasonFormat;

    MtnBodies(Json json, ReasonFormat reasonFormat) {
        this.json = json;
        this.reasonFormat = reasonFormat;
    }

    /** MTN prints amounts without trailing zeros: "6.0" comes back as "6". */
    static String wireAmount(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    byte[] status(MtnPaymentState state) {
        ObjectNode node = json.object();
        node.put("amount", wireAmount(state.amount()));
        node.put("currency", state.currency());
        if (state.financialTransactionId() != null) {
            node.put("financialTransactionId", state.financialTransactionId());
        }
        putIfPresent(node, "externalId", state.externalId());
        node.putObject("payer").put("partyIdType", state.payerIdType())
                .put("partyId", state.payerId());
        putIfPresent(node, "payerMessage", state.payerMessage());
        putIfPresent(node, "payeeNote", state.payeeNote());
        node.put("status", state.status().name());
        putReason(node, state.reason());
        return json.write(node);
    }

    /** The refund status body: a transfer result with {@code payee} instead of {@code payer}. */
    byte[] refund(MtnRefundState state, MtnRefund.Request request) {
        ObjectNode node = json.object();
        node.put("amount", wireAmount(state.amount()));
        node.put("currency", state.currency());
        if (state.financialTransactionId() != null) {
            node.put("financialTransactionId", state.financialTransactionId());
        }
        putIfPresent(node, "externalId", request.externalId());
        node.putObject("payee").put("partyIdType", "MSISDN").put("partyId", request.payeeId());
        putIfPresent(node, "payerMessage", request.payerMessage());
        putIfPresent(node, "payeeNote", request.payeeNote());
        node.put("status", state.status().name());
        putReason(node, state.reason());
        return json.write(node);
    }

    /** The control API's view of a refund. */
    ObjectNode refundState(MtnRefundState state) {
        ObjectNode node = json.object();
        node.put("reference", state.reference());
        node.put("originalReference", state.originalReference());
        node.put("status", state.status().name());
        node.put("reason", state.reason());
        node.put("financialTransactionId", state.financialTransactionId());
        node.put("amount", wireAmount(state.amount()));
        node.put("currency", state.currency());
        return node;
    }

    ObjectNode state(MtnPaymentState state) {
        ObjectNode node = json.object();
        node.put("reference", state.reference());
        node.put("status", state.status().name());
        node.put("reason", state.reason());
        node.put("financialTransactionId", state.financialTransactionId());
        node.put("amount", wireAmount(state.amount()));
        node.put("currency", state.currency());
        node.put("externalId", state.externalId());
        node.put("payerIdType", state.payerIdType());
        node.put("payerId", state.payerId());
        node.put("callbackUrl", state.callbackUrl());
        node.put("createdAt", state.createdAt().toString());
        node.put("statusPolls", state.statusPolls());
        node.put("refunded", wireAmount(state.refunded()));
        return node;
    }

    /** {@code reason} in the configured shape: a string, or Swagger's {@code {code,message}}. */
    private void putReason(ObjectNode node, String reason) {
        if (reason == null) {
            return;
        }
        if (reasonFormat == ReasonFormat.OBJECT) {
            node.putObject("reason").put("code", reason).put("message",
                    MESSAGES.getOrDefault(reason, reason));
        } else {
            node.put("reason", reason);
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
