package org.dusangire.payment.simulator.airtel;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tiny merchant endpoint that records every callback it receives. */
final class CallbackReceiver implements AutoCloseable {

    record Received(String method, String path, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    CallbackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8);
                received.add(new Received(exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(), body));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    /** A callback URL on host {@code localhost}, as the simulator's callback host demands. */
    String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
