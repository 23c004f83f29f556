package org.dusangire.payment.simulator.airtel;

import java.security.KeyPair;
import java.util.Optional;
import org.dusangire.payment.simulator.SimRequest;
import org.dusangire.payment.simulator.SimResponse;

/**
 * The checks every API call passes before its own logic: bearer token, message signature (v2)
 * and the {@code X-Country}/{@code X-Currency} headers.
 */
final class AirtelChecks {

    private final AirtelSettings settings;
    private final AirtelBodies bodies;
    private final AirtelTokens tokens;
    private KeyPair keyPair;

    AirtelChecks(AirtelSettings settings, AirtelBodies bodies, AirtelTokens tokens) {
        this.settings = settings;
        this.bodies = bodies;
        this.tokens = tokens;
        this.keyPair = settings.keyPair();
    }

    /** The RSA key pair whose public half is served; generated on first use when not configured. */
    synchronized KeyPair keyPair() {
        if (keyPair == null) {
            keyPair = AirtelMoneySimulatorBuilder.generateKeyPair();
        }
        return keyPair;
    }

    /** Token and country/currency headers. */
    Optional<SimResponse> access(SimRequest request) {
        if (!tokens.valid(request.header("Authorization"))) {
            return Optional.of(bodies.oauthError(401, "invalid_token",
                    "The access token is missing, invalid or expired"));
        }
        String country = request.header("X-Country");
        String currency = request.header("X-Currency");
        if (country == null || country.isBlank() || currency == null || currency.isBlank()) {
            return Optional.of(bodies.error(400, AirtelCodes.ROUTER_MISSING_FIELD, null,
                    "Missing mandatory header X-Country or X-Currency"));
        }
        if (!country.trim().equals(settings.country())) {
            return Optional.of(bodies.error(400, AirtelCodes.ROUTER_COUNTRY, null,
                    "Invalid country " + country.trim()));
        }
        if (!currency.trim().equals(settings.currency())) {
            return Optional.of(bodies.error(400, AirtelCodes.ROUTER_CURRENCY, null,
                    "Invalid currency " + currency.trim()));
        }
        return Optional.empty();
    }

    /**
     * Message signing where the country enforces it: v2 calls need a valid signature, v1 calls
     * are refused. Where it is not enforced both versions pass and signature headers are ignored.
     */
    Optional<SimResponse> signature(SimRequest request, boolean v2) {
        if (!settings.messageSigning()) {
            return Optional.empty();
        }
        if (!v2) {
            return Optional.of(bodies.error(403, AirtelCodes.ESB_FAILED, AirtelCodes.FORBIDDEN,
                    "Message signing is mandatory in " + settings.country()
                            + ": use the v2 API with x-signature and x-key"));
        }
        boolean valid = MessageSigning.verify(request.body(), request.header("x-signature"),
                request.header("x-key"), keyPair().getPrivate());
        return valid ? Optional.empty() : Optional.of(bodies.error(403, AirtelCodes.ESB_FAILED,
                AirtelCodes.FORBIDDEN, AirtelCodes.reason(AirtelCodes.FORBIDDEN)));
    }

    /** A 400 for a missing or malformed mandatory field. */
    SimResponse missing(String what) {
        return bodies.error(400, AirtelCodes.ROUTER_MISSING_FIELD, null,
                "Missing or invalid mandatory field " + what);
    }
}
