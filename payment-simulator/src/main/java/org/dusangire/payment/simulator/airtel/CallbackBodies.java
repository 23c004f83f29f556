package org.dusangire.payment.simulator.airtel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dusangire.payment.simulator.Json;

/**
 * Builds the callback body {@code {"transaction":{"id","message","status_code","airtel_money_id"}}}.
 * With callback authentication on, a top-level {@code hash} is added: Base64(HMAC-SHA256(key =
 * UTF-8 of the private key, message = the compact JSON {@code {"transaction":{...}}} exactly as
 * sent, i.e. the body without its {@code hash} member)). Of the canonical inputs the reference
 * lists this is the one where "whole body minus hash" and "compact {@code {"transaction":…}}"
 * coincide, so a receiver trying either succeeds.
 */
final class CallbackBodies {

    private final Json json;
    private final String privateKey;

    CallbackBodies(Json json, String privateKey) {
        this.json = json;
        this.privateKey = privateKey;
    }

    byte[] body(AirtelPaymentState state) {
        ObjectNode root = json.object();
        ObjectNode tx = root.putObject("transaction");
        tx.put("id", state.id());
        tx.put("message", state.message());
        tx.put("status_code", state.status().name());
        if (state.airtelMoneyId() != null) {
            tx.put("airtel_money_id", state.airtelMoneyId());
        }
        if (privateKey == null) {
            return json.write(root);
        }
        String unsigned = new String(json.write(root), StandardCharsets.UTF_8);
        String hash = hmac(privateKey, unsigned.getBytes(StandardCharsets.UTF_8));
        return (unsigned.substring(0, unsigned.length() - 1) + ",\"hash\":\"" + hash + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String hmac(String key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
