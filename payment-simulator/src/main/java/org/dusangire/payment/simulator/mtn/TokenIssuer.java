package org.dusangire.payment.simulator.mtn;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks bearer tokens per product; tokens expire by the simulator's clock.
 */
final class TokenIssuer {

    enum Product { COLLECTION, DISBURSEMENT }

    private record Issued(Product product, Instant expiresAt) {
    }

    private final MtnSettings settings;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();

    TokenIssuer(MtnSettings settings) {
        this.settings = settings;
    }

    /** Whether a Basic authorization header carries the configured API user and key. */
    boolean validBasic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            return decoded.equals(settings.apiUser() + ":" + settings.apiKey());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A new JWT-looking token valid for the configured lifetime. */
    String issue(Product product) {
        Instant now = settings.clock().instant();
        Instant expiresAt = now.plus(settings.tokenLifetime());
        byte[] signature = new byte[32];
        random.nextBytes(signature);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"R256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"clientId\":\"" + settings.apiUser()
                + "\",\"product\":\"" + product + "\",\"expires\":\"" + expiresAt
                + "\",\"sessionId\":\"" + Long.toHexString(random.nextLong()) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        String token = header + "." + claims + "." + b64.encodeToString(signature);
        tokens.put(token, new Issued(product, expiresAt));
        return token;
    }

    /** Whether a Bearer authorization header carries a live token of this product. */
    boolean validBearer(String authorization, Product product) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        Issued issued = tokens.get(authorization.substring(7).trim());
        return issued != null && issued.product() == product
                && settings.clock().instant().isBefore(issued.expiresAt());
    }
}
