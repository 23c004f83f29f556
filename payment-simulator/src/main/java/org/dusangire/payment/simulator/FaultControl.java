package org.dusangire.payment.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;

/**
 * The shared fault routes: {@code POST /_sim/faults} adds a rule (JSON with {@code endpoint},
 * {@code kind}, optional {@code times}, {@code probability}, {@code latencyMillis}, {@code seed}),
 * {@code GET} describes rules and counters, {@code DELETE} clears the rules.
 */
final class FaultControl {

    private final FaultInjector faults;
    private final Json json;

    FaultControl(FaultInjector faults, Json json) {
        this.faults = faults;
        this.json = json;
    }

    Optional<SimResponse> handle(SimRequest request) {
        String path = request.path();
        String method = request.method();
        if (path.equals("/_sim/faults") || path.equals("/_sim/faults/")) {
            return Optional.of(switch (method) {
                case "POST" -> add(request);
                case "DELETE" -> {
                    faults.clear();
                    yield SimResponse.empty(204);
                }
                case "GET" -> json.response(200, describe());
                default -> json.error(405, "METHOD_NOT_ALLOWED", method);
            });
        }
        return Optional.empty();
    }

    private SimResponse add(SimRequest request) {
        JsonNode body = json.parseOrNull(request.body());
        if (body == null || !body.isObject()) {
            return json.error(400, "BAD_REQUEST", "expected a JSON object");
        }
        try {
            if (body.hasNonNull("seed")) {
                faults.reseed(body.get("seed").asLong());
            }
            if (!body.hasNonNull("kind")) {
                return json.response(200, describe());
            }
            FaultKind kind = FaultKind.valueOf(body.get("kind").asText());
            Fault fault = new Fault(kind, Duration.ofMillis(body.path("latencyMillis").asLong(0)));
            String endpoint = body.path("endpoint").asText(FaultRule.ANY_ENDPOINT);
            int times = body.path("times").asInt(FaultRule.UNLIMITED);
            double probability = body.path("probability").asDouble(1.0);
            faults.add(new FaultRule(endpoint, fault, times, probability));
            return json.response(201, describe());
        } catch (IllegalArgumentException e) {
            return json.error(400, "BAD_REQUEST", e.getMessage());
        }
    }

    private ObjectNode describe() {
        ObjectNode node = json.object();
        var rules = node.putArray("rules");
        for (FaultRule rule : faults.rules()) {
            rules.addObject().put("endpoint", rule.endpoint())
                    .put("kind", rule.fault().kind().name())
                    .put("latencyMillis", rule.fault().latency().toMillis())
                    .put("times", rule.times()).put("probability", rule.probability());
        }
        ObjectNode counts = node.putObject("injected");
        for (FaultKind kind : FaultKind.values()) {
            counts.put(kind.name(), faults.injectedCount(kind));
        }
        return node;
    }
}
