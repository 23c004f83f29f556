package org.dusangire.payment.simulator.airtel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.dusangire.payment.simulator.SimRequest;

/**
 * Maps Airtel request paths to endpoint keys. The payment endpoints need their trailing slash,
 * as every client keeps it.
 */
final class AirtelRoutes {

    private AirtelRoutes() {
    }

    static Optional<AirtelEndpoint> endpointOf(SimRequest request) {
        List<String> p = request.segments();
        boolean post = request.method().equals("POST");
        boolean get = request.method().equals("GET");
        if (post && is(p, "auth", "oauth2", "token")) {
            return Optional.of(AirtelEndpoint.TOKEN);
        }
        if (post && p.size() == 4 && p.get(0).equals("merchant") && p.get(2).equals("payments")
                && p.get(3).isEmpty()) {
            return switch (p.get(1)) {
                case "v1" -> Optional.of(AirtelEndpoint.PAYMENT);
                case "v2" -> Optional.of(AirtelEndpoint.PAYMENT_V2);
                default -> Optional.empty();
            };
        }
        if (p.size() >= 4 && p.get(0).equals("standard") && p.get(2).equals("payments")) {
            boolean refund = p.get(3).equals("refund") && (p.size() == 4
                    || p.size() == 5 && p.get(4).isEmpty());
            if (post && refund) {
                return switch (p.get(1)) {
                    case "v1" -> Optional.of(AirtelEndpoint.REFUND);
                    case "v2" -> Optional.of(AirtelEndpoint.REFUND_V2);
                    default -> Optional.empty();
                };
            }
            if (get && p.size() == 4 && p.get(1).equals("v1") && !p.get(3).isEmpty()) {
                return Optional.of(AirtelEndpoint.ENQUIRY);
            }
        }
        if (get && is(p, "v1", "rsa", "encryption-keys")) {
            return Optional.of(AirtelEndpoint.ENCRYPTION_KEYS);
        }
        return Optional.empty();
    }

    /** A path segment percent-decoded (a {@code +} stays a plus). */
    static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static boolean is(List<String> p, String a, String b, String c) {
        return (p.size() == 3 || p.size() == 4 && p.get(3).isEmpty())
                && p.get(0).equals(a) && p.get(1).equals(b) && p.get(2).equals(c);
    }
}
