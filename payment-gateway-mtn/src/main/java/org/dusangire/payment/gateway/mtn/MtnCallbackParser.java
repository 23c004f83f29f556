package org.dusangire.payment.gateway.mtn;

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
 * Parses MTN's request-to-pay callback. MTN signs nothing, so authenticity rests on the callback
 * path {@code <paymentId>/<token>}: this parser only checks the token's shape and hands it to the
 * core, which compares it with the payment's own token in constant time and then asks MTN's status
 * API before believing anything. MTN documents PUT and some accounts send POST: both are accepted.
 */
final class MtnCallbackParser {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,256}");

    private final JsonCodec codec;

    MtnCallbackParser(JsonCodec codec) {
        this.codec = codec;
    }

    WebhookNotification parse(InboundRequest request) {
        if (!request.method().equals("PUT") && !request.method().equals("POST")) {
            throw rejected(Reason.MALFORMED, "method " + request.method() + " is not PUT or POST");
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
        JsonNode body = codec.readTree(request.body()).filter(JsonNode::isObject)
                .orElseThrow(() -> rejected(Reason.MALFORMED, "callback body is not a JSON object"));
        MtnStatusMapper.Reading reading = MtnStatusMapper.read(body);
        String detail = reading.financialTransactionId() != null ? reading.financialTransactionId()
                : reading.reason() != null ? reading.reason() : "-";
        String eventKey = MtnMomoGateway.NAME + ":" + paymentId + ":" + reading.rawStatus() + ":" + detail;
        return new WebhookNotification(eventKey, paymentId.toString(), parts[1], reading.status(),
                reading.financialTransactionId());
    }

    private static WebhookRejectedException rejected(Reason reason, String message) {
        return new WebhookRejectedException(reason, MtnMomoGateway.NAME, message);
    }
}
