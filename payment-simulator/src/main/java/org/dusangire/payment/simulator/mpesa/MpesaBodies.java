package org.dusangire.payment.simulator.mpesa;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import org.dusangire.payment.simulator.Json;
import org.dusangire.payment.simulator.SimResponse;

/**
 * Builds Daraja's JSON bodies: the error envelope, the token, the push acknowledgement, the query
 * answer, the result callback and the simulator's own view of a push. Where Daraja's documents
 * and live answers disagree on a value's type, the configured {@link ValueFormat} decides.
 */
final class MpesaBodies {

    static final String ACCEPTED = "Success. Request accepted for processing";
    private static final DateTimeFormatter TRANSACTION_DATE =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(MpesaLedger.NAIROBI);

    private final Json json;
    private final MpesaSettings settings;
    private final AtomicLong requestIds = new AtomicLong(1_459_150_949L);

    MpesaBodies(Json json, MpesaSettings settings) {
        this.json = json;
        this.settings = settings;
    }

    /** Daraja's error envelope {@code {requestId, errorCode, errorMessage}}. */
    SimResponse error(int status, String errorCode, String errorMessage) {
        long n = requestIds.incrementAndGet();
        ObjectNode node = json.object().put("requestId", (n % 9000 + 1000) + "-" + n + "-1")
                .put("errorCode", errorCode).put("errorMessage", errorMessage);
        return json.response(status, node);
    }

    SimResponse badRequest(String what) {
        return error(400, "400.002.02", "Bad Request - Invalid " + what);
    }

    SimResponse token(String token) {
        ObjectNode node = json.object().put("access_token", token);
        long seconds = settings.tokenLifetime().toSeconds() - 1; // Daraja says 3599 for an hour
        put(node, "expires_in", seconds, settings.expiresInFormat());
        return json.response(200, node);
    }

    SimResponse accepted(StkPush.Request request) {
        ObjectNode node = json.object()
                .put("MerchantRequestID", request.merchantRequestId())
                .put("CheckoutRequestID", request.checkoutRequestId())
                .put("ResponseCode", "0")
                .put("ResponseDescription", ACCEPTED)
                .put("CustomerMessage", ACCEPTED);
        return json.response(200, node);
    }

    /** The query answer for a push the customer has answered. */
    SimResponse queryResult(StkPush push) {
        StkPush.Result result = push.result();
        ObjectNode node = json.object()
                .put("ResponseCode", "0")
                .put("ResponseDescription", "The service request has been accepted successsfully")
                .put("MerchantRequestID", push.request().merchantRequestId())
                .put("CheckoutRequestID", push.request().checkoutRequestId());
        put(node, "ResultCode", result.code(), settings.queryResultCodeFormat());
        node.put("ResultDesc", result.desc());
        return json.response(200, node);
    }

    /** {@code {"Body":{"stkCallback":{...}}}}; metadata only on success. */
    byte[] callback(StkPush push) {
        StkPush.Result result = push.result();
        ObjectNode root = json.object();
        ObjectNode cb = root.putObject("Body").putObject("stkCallback")
                .put("MerchantRequestID", push.request().merchantRequestId())
                .put("CheckoutRequestID", push.request().checkoutRequestId());
        put(cb, "ResultCode", result.code(), settings.callbackResultCodeFormat());
        cb.put("ResultDesc", result.desc());
        if (result.code() == 0) {
            ArrayNode items = cb.putObject("CallbackMetadata").putArray("Item");
            ObjectNode amount = items.addObject().put("Name", "Amount");
            if (settings.callbackAmountFormat() == ValueFormat.STRING) {
                amount.put("Value", push.request().amount().toPlainString());
            } else {
                amount.put("Value", new BigDecimal(push.request().amount().toPlainString() + ".00"));
            }
            items.addObject().put("Name", "MpesaReceiptNumber").put("Value", result.receiptNumber());
            items.addObject().put("Name", "Balance");
            items.addObject().put("Name", "TransactionDate")
                    .put("Value", Long.parseLong(TRANSACTION_DATE.format(result.at())));
            items.addObject().put("Name", "PhoneNumber")
                    .put("Value", Long.parseLong(push.request().phoneNumber()));
        }
        return json.write(root);
    }

    /** The control API's view of a push. */
    ObjectNode state(StkPushState state) {
        ObjectNode node = json.object();
        node.put("checkoutRequestId", state.checkoutRequestId());
        node.put("merchantRequestId", state.merchantRequestId());
        node.put("status", state.isFinal() ? (state.paid() ? "PAID" : "FAILED") : "PENDING");
        if (state.resultCode() != null) {
            node.put("resultCode", state.resultCode());
        }
        node.put("resultDesc", state.resultDesc());
        node.put("receiptNumber", state.receiptNumber());
        node.put("amount", state.amount());
        node.put("phoneNumber", state.phoneNumber());
        node.put("transactionType", state.transactionType());
        node.put("accountReference", state.accountReference());
        node.put("createdAt", state.createdAt().toString());
        node.put("queries", state.queries());
        return node;
    }

    private static void put(ObjectNode node, String field, long value, ValueFormat format) {
        if (format == ValueFormat.STRING) {
            node.put(field, Long.toString(value));
        } else {
            node.put(field, value);
        }
    }
}
