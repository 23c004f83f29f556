package org.dusangire.payment.simulator.mpesa;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks Daraja access tokens (opaque, 28 letters and digits, as Daraja's look);
 * they expire by the simulator's clock.
 */
final class MpesaTokens {

    private static final String ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final MpesaSettings settings;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();

    MpesaTokens(MpesaSettings settings) {
        this.settings = settings;
    }

    /** Whether a Basic authorization header carries the consumer key and secret. */
    boolean validBasic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            return decoded.equals(settings.consumerKey() + ":" + settings.consumerSecret());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    String issue() {
        StringBuilder token = new StringBuilder(28);
        for (int i = 0; i < 28; i++) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        tokens.put(token.toString(), settings.clock().instant().plus(settings.tokenLifetime()));
        return token.toString();
    }

    /** Whether a Bearer authorization header carries a live token. */
    boolean validBearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        Instant expiresAt = tokens.get(authorization.substring(7).trim());
        return expiresAt != null && settings.clock().instant().isBefore(expiresAt);
    }

    /** Forgets every token, as if each had expired. */
    void expireAll() {
        tokens.clear();
    }
}
