package org.dusangire.payment.simulator.mpesa;

import java.util.Optional;
import org.dusangire.payment.simulator.SimRequest;

/**
 * Maps Daraja request paths to endpoint keys.
 */
final class MpesaRoutes {

    private MpesaRoutes() {
    }

    static Optional<MpesaEndpoint> endpointOf(SimRequest request) {
        String path = request.path().endsWith("/") && request.path().length() > 1
                ? request.path().substring(0, request.path().length() - 1) : request.path();
        String method = request.method();
        return Optional.ofNullable(switch (path) {
            case "/oauth/v1/generate" -> method.equals("GET") ? MpesaEndpoint.OAUTH : null;
            case "/mpesa/stkpush/v1/processrequest" ->
                    method.equals("POST") ? MpesaEndpoint.STK_PUSH : null;
            case "/mpesa/stkpushquery/v1/query" ->
                    method.equals("POST") ? MpesaEndpoint.STK_QUERY : null;
            default -> null;
        });
    }
}
