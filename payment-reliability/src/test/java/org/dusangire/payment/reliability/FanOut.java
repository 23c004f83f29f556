package org.dusangire.payment.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The public site in front of several instances: every request it receives (a provider's
 * callback) is delivered to every instance at once, so all of them handle the same webhook
 * stream concurrently. It answers with the first instance's status.
 */
final class FanOut implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(32);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<URI> targets;
    final AtomicInteger deliveries = new AtomicInteger();

    FanOut(int port, List<URI> targets) {
        this.targets = targets;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            List<CompletableFuture<HttpResponse<Void>>> sent = targets.stream().map(t -> {
                HttpRequest.Builder b = HttpRequest.newBuilder(t.resolve(path))
                        .timeout(Duration.ofSeconds(20))
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    String n = name.toLowerCase(Locale.ROOT);
                    if (!n.equals("host") && !n.equals("content-length") && !n.equals("connection")
                            && !n.equals("upgrade") && !n.equals("http2-settings")) {
                        values.forEach(v -> b.header(name, v));
                    }
                });
                deliveries.incrementAndGet();
                return http.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding());
            }).toList();
            int status = 502;
            for (int i = 0; i < sent.size(); i++) {
                try {
                    int s = sent.get(i).join().statusCode();
                    if (i == 0) {
                        status = s;
                    }
                } catch (RuntimeException e) {
                    // that instance missed it; reconciliation is the backstop
                }
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
