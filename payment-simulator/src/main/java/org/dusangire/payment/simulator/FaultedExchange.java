package org.dusangire.payment.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Runs the provider logic for one exchange with at most one fault wrapped around it.
 */
final class FaultedExchange {

    private final HttpExchange exchange;
    private final Fault fault;
    private final Json json;

    FaultedExchange(HttpExchange exchange, Fault fault, Json json) {
        this.exchange = exchange;
        this.fault = fault;
        this.json = json;
    }

    void run(Supplier<SimResponse> provider) throws IOException {
        if (fault == null) {
            SimulatorServer.send(exchange, provider.get());
            return;
        }
        switch (fault.kind()) {
            case HTTP_500 -> SimulatorServer.send(exchange,
                    json.error(500, "INTERNAL_PROCESSING_ERROR", "Injected fault."));
            case HTTP_503 -> SimulatorServer.send(exchange,
                    json.error(503, "SERVICE_UNAVAILABLE", "Injected fault."));
            case HTTP_429 -> SimulatorServer.send(exchange, SimResponse.json(429,
                    "{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}"));
            case DROP_BEFORE_PROCESSING -> drop();
            case DROP_AFTER_PROCESSING -> {
                provider.get();
                drop();
            }
            case LATENCY -> {
                SimResponse response = provider.get();
                sleep();
                SimulatorServer.send(exchange, response);
            }
            case MALFORMED_BODY -> SimulatorServer.send(exchange, malformed(provider.get()));
            default -> SimulatorServer.send(exchange, provider.get());
        }
    }

    private void drop() {
        // Closing an exchange before its headers are sent makes the JDK server close the socket.
        exchange.close();
    }

    private void sleep() {
        try {
            Thread.sleep(fault.latency().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SimResponse malformed(SimResponse real) {
        int status = real.successful() ? real.status() : 200;
        byte[] body = real.body();
        byte[] broken = body.length > 1
                ? Arrays.copyOf(body, body.length / 2)
                : "{\"status\":\"PEND".getBytes(StandardCharsets.UTF_8);
        return SimResponse.json(status, broken);
    }
}
