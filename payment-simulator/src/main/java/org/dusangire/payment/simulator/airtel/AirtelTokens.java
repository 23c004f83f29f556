package org.dusangire.payment.simulator.airtel;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Issues and checks short-lived bearer tokens; they expire by the simulator's clock. */
final class AirtelTokens {

    private final AirtelSettings settings;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();

    AirtelTokens(AirtelSettings settings) {
        this.settings = settings;
    }

    /** A new opaque token valid for the configured lifetime. */
    String issue() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        tokens.put(token, settings.clock().instant().plus(settings.tokenLifetime()));
        return token;
    }

    /** Whether an Authorization header carries a live bearer token. */
    boolean valid(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        Instant expiresAt = tokens.get(authorization.substring(7).trim());
        return expiresAt != null && settings.clock().instant().isBefore(expiresAt);
    }
}
