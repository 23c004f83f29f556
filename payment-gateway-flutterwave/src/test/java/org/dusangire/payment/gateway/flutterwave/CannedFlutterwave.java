package org.dusangire.payment.gateway.flutterwave;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server answering v3 paths with canned bodies, for shapes the simulator never sends
 * (real sockets and the real adapter; only the provider is scripted). Unscripted paths answer the
 * v3 "not found" envelope with 404.
 */
final class CannedFlutterwave implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String[]> answers = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    CannedFlutterwave() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    /** Answers {@code method path} (the path without query, after {@code /v3}) with a body. */
    CannedFlutterwave on(String method, String path, int status, String body) {
        answers.put(method + " " + path, new String[] {Integer.toString(status), body});
        return this;
    }

    URI apiBaseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v3");
    }

    private void answer(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getRawPath().substring("/v3".length());
            String query = ex.getRequestURI().getRawQuery();
            requests.add(ex.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
            String[] canned = answers.getOrDefault(ex.getRequestMethod() + " " + path, new String[] {
                "404", "{\"status\":\"error\",\"message\":\"No transaction was found for this id\",\"data\":null}"});
            byte[] bytes = canned[1].getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(Integer.parseInt(canned[0]), bytes.length);
            ex.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
