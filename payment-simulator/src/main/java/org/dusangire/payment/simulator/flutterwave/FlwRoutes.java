package org.dusangire.payment.simulator.flutterwave;

import java.util.List;
import java.util.Optional;
import org.dusangire.payment.simulator.SimRequest;

/** Maps v3 request paths to endpoint keys. */
final class FlwRoutes {

    private FlwRoutes() {
    }

    static Optional<FlutterwaveEndpoint> endpointOf(SimRequest request) {
        List<String> p = trimmed(request.segments());
        boolean post = request.method().equals("POST");
        boolean get = request.method().equals("GET");
        if (p.size() < 2 || !p.get(0).equals("v3")) {
            return Optional.empty();
        }
        if (p.size() == 2 && p.get(1).equals("payments") && post) {
            return Optional.of(FlutterwaveEndpoint.CREATE_PAYMENT);
        }
        if (p.size() == 2 && p.get(1).equals("refunds") && get) {
            return Optional.of(FlutterwaveEndpoint.REFUND_LIST);
        }
        if (p.size() == 3 && p.get(1).equals("refunds") && get) {
            return Optional.of(FlutterwaveEndpoint.REFUND_STATUS);
        }
        if (!p.get(1).equals("transactions")) {
            return Optional.empty();
        }
        if (p.size() == 3 && p.get(2).equals("verify_by_reference") && get) {
            return Optional.of(FlutterwaveEndpoint.VERIFY_BY_REFERENCE);
        }
        if (p.size() == 4 && p.get(3).equals("verify") && get) {
            return Optional.of(FlutterwaveEndpoint.VERIFY);
        }
        if (p.size() == 4 && p.get(3).equals("refund")) {
            return post ? Optional.of(FlutterwaveEndpoint.REFUND)
                    : get ? Optional.of(FlutterwaveEndpoint.REFUND_STATUS) : Optional.empty();
        }
        return Optional.empty();
    }

    /** Segments without a trailing empty one, so {@code /v3/payments/} matches too. */
    static List<String> trimmed(List<String> segments) {
        if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
            return segments.subList(0, segments.size() - 1);
        }
        return segments;
    }
}
