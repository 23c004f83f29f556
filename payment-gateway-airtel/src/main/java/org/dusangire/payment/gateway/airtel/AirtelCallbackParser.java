package org.dusangire.payment.gateway.airtel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.error.WebhookRejectedException.Reason;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.WebhookNotification;
import org.dusangire.payment.gateway.http.JsonCodec;
import org.dusangire.payment.gateway.http.JsonNodes;

/**
 * Reads Airtel's callback {@code {"transaction":{"id","message","status_code","airtel_money_id"}}}.
 * With callback authentication configured, the top-level {@code hash} is required: it must equal
 * Base64(HMAC-SHA256) under the application's private key over one of the inputs the reference
 * lists (§B.5, unsure which): the raw body with the {@code hash} member cut out, the compact
 * {@code {"transaction":…}} form, or the compact transaction object alone; the key is tried as
 * UTF-8 and, if it is Base64, decoded. Comparison is constant-time. A callback is a hint only.
 */
final class AirtelCallbackParser {
    private static final Pattern HASH_MEMBER_BEFORE = Pattern.compile(
            ",\\s*\"hash\"\\s*:\\s*\"[^\"]*\"");
    private static final Pattern HASH_MEMBER_AFTER = Pattern.compile(
            "\"hash\"\\s*:\\s*\"[^\"]*\"\\s*,?");
    private static final String GATEWAY = AirtelMoneyGateway.NAME;

    private final JsonCodec codec;
    private final Secret privateKey;

    AirtelCallbackParser(JsonCodec codec, Secret privateKey) {
        this.codec = codec;
        this.privateKey = privateKey;
    }

    WebhookNotification parse(InboundRequest request) {
        if (!"POST".equals(request.method())) {
            throw malformed("Airtel callbacks are POST, got " + request.method());
        }
        JsonNode root = codec.readTree(request.body()).filter(JsonNode::isObject)
                .orElseThrow(() -> malformed("body is not a JSON object"));
        JsonNode tx = JsonNodes.object(root, "transaction");
        if (privateKey != null) {
            authenticate(request.bodyAsString(), root, tx);
        }
        String id = JsonNodes.text(tx, "id");
        if (id == null) {
            throw malformed("no transaction.id");
        }
        String statusCode = JsonNodes.text(tx, "status_code");
        if (statusCode == null) {
            statusCode = JsonNodes.text(tx, "status");
        }
        String airtelId = JsonNodes.text(tx, "airtel_money_id");
        String key = "airtel:" + id + ":" + statusCode + (airtelId == null ? "" : ":" + airtelId);
        return new WebhookNotification(key, id, null, status(statusCode), airtelId);
    }

    private static ProviderStatus status(String code) {
        return switch (String.valueOf(code).toUpperCase(Locale.ROOT)) {
            case "TS" -> ProviderStatus.SUCCEEDED;
            case "TF" -> ProviderStatus.FAILED;
            case "TE" -> ProviderStatus.EXPIRED;
            case "TIP", "TA" -> ProviderStatus.PENDING;
            default -> ProviderStatus.UNKNOWN;
        };
    }

    private void authenticate(String raw, JsonNode root, JsonNode tx) {
        String hash = JsonNodes.text(root, "hash");
        if (hash == null) {
            throw rejected("callback authentication is on but the callback has no hash");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(hash);
        } catch (IllegalArgumentException e) {
            throw rejected("the callback hash is not Base64");
        }
        boolean match = false;
        for (byte[] key : keys()) {
            for (String input : inputs(raw, root, tx)) {
                match |= MessageDigest.isEqual(hmac(key, input), given);
            }
        }
        if (!match) {
            throw rejected("the callback hash does not match");
        }
    }

    private List<byte[]> keys() {
        List<byte[]> keys = new ArrayList<>();
        keys.add(privateKey.reveal().getBytes(StandardCharsets.UTF_8));
        try {
            byte[] decoded = Base64.getDecoder().decode(privateKey.reveal());
            if (decoded.length >= 16) {
                keys.add(decoded);
            }
        } catch (IllegalArgumentException e) {
            // not Base64: the UTF-8 bytes are the only key
        }
        return keys;
    }

    private Set<String> inputs(String raw, JsonNode root, JsonNode tx) {
        Set<String> inputs = new LinkedHashSet<>();
        String cut = HASH_MEMBER_BEFORE.matcher(raw).replaceFirst("");
        inputs.add(cut.equals(raw) ? HASH_MEMBER_AFTER.matcher(raw).replaceFirst("") : cut);
        ObjectNode withoutHash = ((ObjectNode) root).deepCopy();
        withoutHash.remove("hash");
        inputs.add(codec.writeString(withoutHash));
        if (tx != null) {
            ObjectNode onlyTransaction = codec.object();
            onlyTransaction.set("transaction", tx);
            inputs.add(codec.writeString(onlyTransaction));
            inputs.add(codec.writeString(tx));
        }
        return inputs;
    }

    private static byte[] hmac(byte[] key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static WebhookRejectedException malformed(String message) {
        return new WebhookRejectedException(Reason.MALFORMED, GATEWAY, message);
    }

    private static WebhookRejectedException rejected(String message) {
        return new WebhookRejectedException(Reason.AUTHENTICATION, GATEWAY, message);
    }
}
