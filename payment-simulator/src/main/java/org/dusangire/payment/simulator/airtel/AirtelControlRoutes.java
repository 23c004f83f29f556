package org.dusangire.payment.simulator.airtel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.dusangire.payment.simulator.Json;
import org.dusangire.payment.simulator.SimRequest;
import org.dusangire.payment.simulator.SimResponse;

/**
 * The Airtel control routes: {@code GET /_sim/payments/{id}};
 * {@code POST /_sim/payments/{id}/approve|decline|wrong-pin|insufficient-funds|time-out|expire|
 * ambiguous|fail?code=DP...}; {@code GET /_sim/payments/{id}/refund} (the reversal, 404 while
 * none); {@code GET /_sim/tokens}; {@code POST /_sim/auto-approve?enabled=};
 * {@code POST /_sim/callback-url} with {@code {"url":...}}.
 */
final class AirtelControlRoutes {

    private final AirtelMoneySimulator simulator;
    private final Json json;
    private final AirtelBodies bodies;

    AirtelControlRoutes(AirtelMoneySimulator simulator, Json json, AirtelBodies bodies) {
        this.simulator = simulator;
        this.json = json;
        this.bodies = bodies;
    }

    Optional<SimResponse> handle(SimRequest request) {
        List<String> parts = request.segments();
        String method = request.method();
        if (parts.size() == 2 && parts.get(1).equals("tokens") && method.equals("GET")) {
            return Optional.of(json.response(200, json.object()
                    .put("requests", simulator.tokenRequests())));
        }
        if (parts.size() == 2 && parts.get(1).equals("auto-approve") && method.equals("POST")) {
            simulator.autoApprove(!"false".equals(request.queryParam("enabled")));
            return Optional.of(SimResponse.empty(204));
        }
        if (parts.size() == 2 && parts.get(1).equals("callback-url") && method.equals("POST")) {
            JsonNode body = json.parseOrNull(request.body());
            simulator.callbackUrl(body == null ? null : Json.text(body, "url"));
            return Optional.of(SimResponse.empty(204));
        }
        if (parts.size() < 3 || !parts.get(1).equals("payments")) {
            return Optional.empty();
        }
        String id = AirtelRoutes.decode(parts.get(2));
        if (parts.size() == 3 && method.equals("GET")) {
            return Optional.of(simulator.state(id)
                    .map(state -> json.response(200, bodies.state(state)))
                    .orElseGet(this::unknown));
        }
        if (parts.size() == 4 && parts.get(3).equals("refund") && method.equals("GET")) {
            return Optional.of(simulator.refund(id)
                    .map(refund -> json.response(200, bodies.refund(refund)))
                    .orElseGet(() -> json.error(404, "RESOURCE_NOT_FOUND",
                            "No refund of this payment in the simulator.")));
        }
        if (parts.size() != 4 || !method.equals("POST")) {
            return Optional.empty();
        }
        try {
            Optional<Boolean> changed = apply(parts.get(3), id, request);
            if (changed.isEmpty()) {
                return Optional.empty();
            }
            var state = bodies.state(simulator.state(id).orElseThrow());
            return Optional.of(json.response(changed.get() ? 200 : 409, state));
        } catch (NoSuchElementException e) {
            return Optional.of(unknown());
        }
    }

    private Optional<Boolean> apply(String action, String id, SimRequest request) {
        return Optional.ofNullable(switch (action) {
            case "approve" -> simulator.approve(id);
            case "decline" -> simulator.decline(id);
            case "wrong-pin" -> simulator.wrongPin(id);
            case "insufficient-funds" -> simulator.insufficientFunds(id);
            case "time-out" -> simulator.timeOut(id);
            case "expire" -> simulator.expire(id);
            case "ambiguous" -> simulator.ambiguous(id);
            case "fail" -> simulator.fail(id, Optional.ofNullable(request.queryParam("code"))
                    .orElse(AirtelCodes.DO_NOT_HONOR));
            default -> null;
        });
    }

    private SimResponse unknown() {
        return json.error(404, "RESOURCE_NOT_FOUND", "No such payment in the simulator.");
    }
}
