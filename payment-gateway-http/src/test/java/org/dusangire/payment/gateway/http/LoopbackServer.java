package org.dusangire.payment.gateway.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on 127.0.0.1 whose answers a test scripts. */
final class LoopbackServer implements AutoCloseable {
    /** Answers one exchange; {@code n} counts requests to the same path from 1. */
    @FunctionalInterface
    interface Handler {
        Answer handle(Recorded request, int n) throws Exception;
    }

    /** {@code authorization} is the first Authorization header, {@code authorizations} all. */
    record Recorded(String method, String path, String authorization, List<String> authorizations,
            String body) {
    }

    record Answer(int status, String contentType, String body, long delayMillis, boolean drop) {
        static Answer json(int status, String body) {
            return new Answer(status, "application/json", body, 0, false);
        }

        static Answer text(int status, String body) {
            return new Answer(status, "text/html", body, 0, false);
        }

        static Answer delayed(long millis) {
            return new Answer(200, "application/json", "{}", millis, false);
        }

        static Answer dropped() {
            return new Answer(0, null, null, 0, true);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, AtomicInteger> counts = new java.util.concurrent.ConcurrentHashMap<>();

    LoopbackServer(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, handler));
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Recorded> requests() {
        return requests;
    }

    int count(String path) {
        return counts.getOrDefault(path, new AtomicInteger()).get();
    }

    private void serve(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            List<String> authorizations = exchange.getRequestHeaders()
                    .getOrDefault("Authorization", List.of());
            Recorded recorded = new Recorded(exchange.getRequestMethod(), path,
                    authorizations.isEmpty() ? null : authorizations.get(0),
                    List.copyOf(authorizations), body);
            requests.add(recorded);
            int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Answer answer = handler.handle(recorded, n);
            if (answer.drop()) {
                return; // closing without a status line drops the connection
            }
            if (answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
            byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
