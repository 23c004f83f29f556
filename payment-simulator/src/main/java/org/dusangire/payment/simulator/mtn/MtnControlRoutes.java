package org.dusangire.payment.simulator.mtn;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.dusangire.payment.simulator.Json;
import org.dusangire.payment.simulator.SimRequest;
import org.dusangire.payment.simulator.SimResponse;

/**
 * The MTN control routes: {@code GET /_sim/payments/{ref}},
 * {@code POST /_sim/payments/{ref}/approve|decline|expire|insufficient-funds|fail?reason=CODE},
 * {@code GET /_sim/refunds/{ref}} and {@code POST /_sim/refunds/{ref}/complete|fail?reason=CODE}.
 */
final class MtnControlRoutes {

    private final MtnMomoSimulator simulator;
    private final Json json;
    private final MtnBodies bodies;

    MtnControlRoutes(MtnMomoSimulator simulator, Json json, MtnBodies bodies) {
        this.simulator = simulator;
        this.json = json;
        this.bodies = bodies;
    }

    Optional<SimResponse> handle(SimRequest request) {
        List<String> parts = request.segments();
        if (parts.size() >= 3 && parts.get(1).equals("refunds")) {
            return refund(parts, request);
        }
        if (parts.size() < 3 || !parts.get(1).equals("payments")) {
            return Optional.empty();
        }
        String reference = parts.get(2);
        if (parts.size() == 3 && request.method().equals("GET")) {
            return Optional.of(simulator.state(reference)
                    .map(state -> json.response(200, bodies.state(state)))
                    .orElseGet(this::unknown));
        }
        if (parts.size() != 4 || !request.method().equals("POST")) {
            return Optional.empty();
        }
        try {
            Optional<Boolean> changed = apply(parts.get(3), reference, request);
            if (changed.isEmpty()) {
                return Optional.empty();
            }
            var state = bodies.state(simulator.state(reference).orElseThrow());
            return Optional.of(json.response(changed.get() ? 200 : 409, state));
        } catch (NoSuchElementException e) {
            return Optional.of(unknown());
        }
    }

    private Optional<SimResponse> refund(List<String> parts, SimRequest request) {
        String reference = parts.get(2);
        if (parts.size() == 3 && request.method().equals("GET")) {
            return Optional.of(simulator.refund(reference)
                    .map(state -> json.response(200, bodies.refundState(state)))
                    .orElseGet(this::unknownRefund));
        }
        if (parts.size() != 4 || !request.method().equals("POST")) {
            return Optional.empty();
        }
        try {
            Boolean changed = switch (parts.get(3)) {
                case "complete" -> simulator.completeRefund(reference);
                case "fail" -> simulator.failRefund(reference,
                        Optional.ofNullable(request.queryParam("reason")).orElse("NOT_ENOUGH_FUNDS"));
                default -> null;
            };
            if (changed == null) {
                return Optional.empty();
            }
            var state = bodies.refundState(simulator.refund(reference).orElseThrow());
            return Optional.of(json.response(changed ? 200 : 409, state));
        } catch (NoSuchElementException e) {
            return Optional.of(unknownRefund());
        }
    }

    private SimResponse unknownRefund() {
        return json.error(404, "RESOURCE_NOT_FOUND", "No such refund in the simulator.");
    }

    private Optional<Boolean> apply(String action, String reference, SimRequest request) {
        return Optional.ofNullable(switch (action) {
            case "approve" -> simulator.approve(reference);
            case "decline" -> simulator.decline(reference);
            case "expire" -> simulator.expire(reference);
            case "insufficient-funds" -> {
                String reason = request.queryParam("reason");
                yield reason == null ? simulator.insufficientFunds(reference)
                        : simulator.fail(reference, reason);
            }
            case "fail" -> simulator.fail(reference,
                    Optional.ofNullable(request.queryParam("reason"))
                            .orElse("INTERNAL_PROCESSING_ERROR"));
            default -> null;
        });
    }

    private SimResponse unknown() {
        return json.error(404, "RESOURCE_NOT_FOUND", "No such payment in the simulator.");
    }
}
