package org.dusangire.payment.gateway.flutterwave;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.WebhookNotification;
import org.dusangire.payment.gateway.http.JsonCodec;
import org.dusangire.payment.gateway.http.JsonNodes;

/**
 * Reads an authenticated webhook body in every shape Flutterwave sends: the v3 envelope
 * {@code {"event":"charge.completed","data":{..}}}, the legacy flat payload ({@code txRef},
 * {@code flwRef}), and the v4 {@code {"type":..,"data":{"reference":..}}}. Only charge events name
 * a payment; every other event or shape is acknowledged with hint UNKNOWN and no reference, so
 * it is kept but changes nothing. The event key is {@code <event>:<transaction id>:<status>},
 * the same for a redelivery in either shape.
 */
final class WebhookParser {
    static final String CHARGE_COMPLETED = "charge.completed";

    private final JsonCodec codec;

    WebhookParser(JsonCodec codec) {
        this.codec = codec;
    }

    /**
     * @throws WebhookRejectedException MALFORMED when the body is not a JSON object, or a charge
     *                                  event names neither a transaction nor a tx_ref
     */
    WebhookNotification parse(byte[] body) {
        JsonNode root = codec.readTree(body).filter(JsonNode::isObject)
                .orElseThrow(() -> malformed("webhook body is not a JSON object"));
        JsonNode data = JsonNodes.object(root, "data");
        String event = JsonNodes.text(root, "event");
        if (event == null && data != null) {
            event = JsonNodes.text(root, "type"); // v4
        }
        if (event != null && data != null) {
            if (!event.equalsIgnoreCase(CHARGE_COMPLETED)) {
                return ignored(event, JsonNodes.text(data, "id"), JsonNodes.text(data, "status"), body);
            }
            String txRef = first(JsonNodes.text(data, "tx_ref"), JsonNodes.text(data, "reference"));
            return charge(JsonNodes.text(data, "id"), txRef, JsonNodes.text(data, "status"));
        }
        if (root.has("txRef") || root.has("flwRef")) {
            return charge(JsonNodes.text(root, "id"), JsonNodes.text(root, "txRef"),
                    JsonNodes.text(root, "status"));
        }
        if (root.has("AmountRefunded") || root.has("TransactionId")) {
            return ignored("refund", JsonNodes.text(root, "id"), JsonNodes.text(root, "status"), body);
        }
        return ignored(event == null ? "unknown" : event, null, null, body);
    }

    private static WebhookNotification charge(String id, String txRef, String status) {
        if (id == null && txRef == null) {
            throw malformed("charge event names neither a transaction id nor a tx_ref");
        }
        String s = status == null ? "unknown" : status.toLowerCase(Locale.ROOT);
        String key = CHARGE_COMPLETED + ":" + (id != null ? id : "ref-" + txRef) + ":" + s;
        return new WebhookNotification(key, txRef, null, hint(s), id);
    }

    private static WebhookNotification ignored(String event, String id, String status, byte[] body) {
        String key = event.toLowerCase(Locale.ROOT) + ":" + (id != null ? id + ":" + status : sha256(body));
        return new WebhookNotification(key, null, null, ProviderStatus.UNKNOWN, null);
    }

    private static ProviderStatus hint(String status) {
        return switch (status) {
            case "successful", "succeeded" -> ProviderStatus.SUCCEEDED;
            case "failed" -> ProviderStatus.FAILED;
            case "pending" -> ProviderStatus.PENDING;
            default -> ProviderStatus.UNKNOWN;
        };
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WebhookRejectedException malformed(String message) {
        return new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED,
                FlutterwaveGateway.NAME, message);
    }
}
