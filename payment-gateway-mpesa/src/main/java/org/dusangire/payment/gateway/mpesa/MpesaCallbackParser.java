package org.dusangire.payment.gateway.mpesa;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.error.WebhookRejectedException.Reason;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.WebhookNotification;
import org.dusangire.payment.gateway.http.JsonCodec;

/**
 * Parses Daraja's STK result callback ({@code POST} with {@code Body.stkCallback}). Daraja signs
 * nothing, so, as for MTN, authenticity rests on the callback path {@code <paymentId>/<token>}:
 * this parser checks the token's shape and hands it to the core, which compares it with the
 * payment's own token in constant time and then asks the STK query before believing anything.
 * The notification names Daraja's {@code CheckoutRequestID}, so a payment whose push answer was
 * lost learns its reference from an authenticated callback.
 */
final class MpesaCallbackParser {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,256}");

    private final String gateway;
    private final JsonCodec codec;

    MpesaCallbackParser(String gateway, JsonCodec codec) {
        this.gateway = gateway;
        this.codec = codec;
    }

    WebhookNotification parse(InboundRequest request) {
        if (!request.method().equals("POST")) {
            throw rejected(Reason.MALFORMED, "method " + request.method() + " is not POST");
        }
        String[] parts = request.path().isEmpty() ? new String[0] : request.path().split("/", -1);
        if (parts.length == 0 || parts.length > 2) {
            throw rejected(Reason.MALFORMED, "callback path must be <paymentId>/<token>");
        }
        PaymentId paymentId;
        try {
            paymentId = PaymentId.parse(parts[0]);
        } catch (PaymentValidationException e) {
            throw rejected(Reason.MALFORMED, "callback path does not start with a payment id");
        }
        if (parts.length < 2 || !TOKEN.matcher(parts[1]).matches()) {
            throw rejected(Reason.AUTHENTICATION, "callback path carries no valid token");
        }
        JsonNode stk = codec.readTree(request.body()).filter(JsonNode::isObject)
                .map(body -> body.path("Body").path("stkCallback"))
                .filter(JsonNode::isObject)
                .orElseThrow(() -> rejected(Reason.MALFORMED,
                        "callback body is not a JSON object with Body.stkCallback"));
        MpesaStatusMapper.Reading reading = MpesaStatusMapper.callback(stk);
        if (reading.checkoutRequestId() == null || reading.resultCode() == null) {
            throw rejected(Reason.MALFORMED, "stkCallback has no CheckoutRequestID or ResultCode");
        }
        String detail = reading.receipt() != null ? reading.receipt() : "-";
        String eventKey = gateway + ":" + paymentId + ":" + reading.checkoutRequestId() + ":"
                + MpesaResultCodes.normalise(reading.resultCode()) + ":" + detail;
        return new WebhookNotification(eventKey, paymentId.toString(), parts[1], reading.status(),
                reading.receipt(), reading.checkoutRequestId());
    }

    private WebhookRejectedException rejected(Reason reason, String message) {
        return new WebhookRejectedException(reason, gateway, message);
    }
}
