package org.dusangire.payment.simulator.mtn;

import java.util.List;
import java.util.Optional;
import org.dusangire.payment.simulator.SimRequest;

/**
 * Maps MTN request paths to endpoint keys.
 */
final class MtnRoutes {

    private MtnRoutes() {
    }

    static Optional<MtnEndpoint> endpointOf(SimRequest request) {
        List<String> p = request.segments();
        boolean post = request.method().equals("POST");
        boolean get = request.method().equals("GET");
        if (p.size() >= 2 && p.get(1).equals("token") && post && (p.size() == 2
                || p.size() == 3 && p.get(2).isEmpty())) {
            return switch (p.get(0)) {
                case "collection" -> Optional.of(MtnEndpoint.COLLECTION_TOKEN);
                case "disbursement" -> Optional.of(MtnEndpoint.DISBURSEMENT_TOKEN);
                default -> Optional.empty();
            };
        }
        if (p.size() >= 3 && p.get(0).equals("collection") && p.get(1).equals("v1_0")) {
            if (p.get(2).equals("requesttopay")) {
                if (p.size() == 3 && post) {
                    return Optional.of(MtnEndpoint.REQUEST_TO_PAY);
                }
                if (p.size() == 4 && get) {
                    return Optional.of(MtnEndpoint.REQUEST_TO_PAY_STATUS);
                }
            }
            if (p.size() == 6 && get && p.get(2).equals("accountholder")
                    && p.get(3).equalsIgnoreCase("msisdn") && p.get(5).equals("active")) {
                return Optional.of(MtnEndpoint.ACCOUNT_HOLDER_ACTIVE);
            }
        }
        if (p.size() >= 3 && p.get(0).equals("disbursement")
                && (p.get(1).equals("v1_0") || p.get(1).equals("v2_0"))
                && p.get(2).equals("refund")) {
            if (p.size() == 3 && post) {
                return Optional.of(MtnEndpoint.REFUND);
            }
            if (p.size() == 4 && get) {
                return Optional.of(MtnEndpoint.REFUND_STATUS);
            }
        }
        return Optional.empty();
    }
}
