package org.dusangire.payment.simulator.mpesa;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.dusangire.payment.simulator.Json;
import org.dusangire.payment.simulator.SimRequest;
import org.dusangire.payment.simulator.SimResponse;

/**
 * The M-Pesa control routes: {@code GET /_sim/stk/{CheckoutRequestID}};
 * {@code POST /_sim/stk/{id}/approve|cancel|wrong-pin|timeout|insufficient-funds|expired|
 * subscriber-locked}, {@code POST /_sim/stk/{id}/fail?code=N&desc=TEXT},
 * {@code POST /_sim/stk/{id}/resend-callback}; {@code POST /_sim/customers/{msisdn}?outcome=
 * approve&afterMillis=N} scripts a number and {@code DELETE} forgets it;
 * {@code POST /_sim/auto-approve?enabled=true|false}; {@code POST /_sim/tokens/expire}.
 */
final class MpesaControlRoutes {

    private final MpesaSimulator simulator;
    private final Json json;
    private final MpesaBodies bodies;

    MpesaControlRoutes(MpesaSimulator simulator, Json json, MpesaBodies bodies) {
        this.simulator = simulator;
        this.json = json;
        this.bodies = bodies;
    }

    Optional<SimResponse> handle(SimRequest request) {
        List<String> parts = request.segments();
        String method = request.method();
        if (parts.size() == 2 && parts.get(1).equals("auto-approve") && method.equals("POST")) {
            simulator.autoApprove(!"false".equals(request.queryParam("enabled")));
            return Optional.of(SimResponse.empty(204));
        }
        if (parts.size() == 3 && parts.get(1).equals("tokens") && parts.get(2).equals("expire")
                && method.equals("POST")) {
            simulator.expireTokens();
            return Optional.of(SimResponse.empty(204));
        }
        if (parts.size() == 3 && parts.get(1).equals("customers")) {
            return Optional.of(customer(parts.get(2), request));
        }
        if (parts.size() < 3 || !parts.get(1).equals("stk")) {
            return Optional.empty();
        }
        String id = parts.get(2);
        if (parts.size() == 3 && method.equals("GET")) {
            return Optional.of(simulator.state(id).map(s -> json.response(200, bodies.state(s)))
                    .orElseGet(this::unknown));
        }
        if (parts.size() != 4 || !method.equals("POST")) {
            return Optional.empty();
        }
        try {
            if (parts.get(3).equals("resend-callback")) {
                simulator.resendCallback(id);
                return Optional.of(SimResponse.empty(202));
            }
            Boolean changed = apply(parts.get(3), id, request);
            if (changed == null) {
                return Optional.empty();
            }
            var state = bodies.state(simulator.state(id).orElseThrow());
            return Optional.of(json.response(changed ? 200 : 409, state));
        } catch (NoSuchElementException e) {
            return Optional.of(unknown());
        } catch (IllegalStateException | IllegalArgumentException e) {
            return Optional.of(json.error(409, "CONFLICT", e.getMessage()));
        }
    }

    private Boolean apply(String action, String id, SimRequest request) {
        if (action.equals("fail")) {
            String code = request.queryParam("code");
            String desc = request.queryParam("desc");
            return simulator.fail(id, code == null ? 1 : Integer.parseInt(code),
                    desc == null ? "Simulated failure" : desc);
        }
        try {
            return simulator.answer(id, MpesaOutcome.fromRouteName(action));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private SimResponse customer(String msisdn, SimRequest request) {
        return switch (request.method()) {
            case "DELETE" -> {
                simulator.clearScript(msisdn);
                yield SimResponse.empty(204);
            }
            case "POST" -> {
                try {
                    String outcome = request.queryParam("outcome");
                    String after = request.queryParam("afterMillis");
                    simulator.script(msisdn, MpesaOutcome.fromRouteName(
                            outcome == null ? "approve" : outcome),
                            Duration.ofMillis(after == null ? 0 : Long.parseLong(after)));
                    yield SimResponse.empty(204);
                } catch (IllegalArgumentException e) {
                    yield json.error(400, "BAD_REQUEST", e.getMessage());
                }
            }
            default -> json.error(405, "METHOD_NOT_ALLOWED", request.method());
        };
    }

    private SimResponse unknown() {
        return json.error(404, "RESOURCE_NOT_FOUND", "No such STK push in the simulator.");
    }
}
