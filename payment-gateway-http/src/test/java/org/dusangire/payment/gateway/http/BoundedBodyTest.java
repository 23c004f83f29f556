package org.dusangire.payment.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The body of an answer is bounded in size and time however it arrives (declared or chunked),
 * and reading it costs the client no hand-over to its executor beyond what the JDK's own
 * byte-array body costs.
 */
class BoundedBodyTest {
    private HttpServer server;
    private ExecutorService serverThreads;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }

    private URI serve(String path, Answer answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "body-test-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(serverThreads);
        server.createContext(path, exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                answer.write(exchange);
            } catch (IOException e) {
                // the client gave up on the body: expected in the tests that cap it
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @FunctionalInterface
    private interface Answer {
        void write(HttpExchange exchange) throws IOException;
    }

    /** A chunked answer (no Content-Length): {@code chunks} pieces of {@code size} bytes. */
    private static Answer chunked(int chunks, int size) {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"a\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] piece = "x".repeat(size).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < chunks; i++) {
                out.write(piece);
                out.flush();
            }
            out.write("\"}".getBytes(StandardCharsets.UTF_8));
        };
    }

    @Test
    void aChunkedAnswerUnderTheCapIsReadWhole() throws Exception {
        URI base = serve("/small", chunked(4, 100));
        JsonHttpClient client = JsonHttpClient.builder("test", base).maxResponseBytes(1_000).build();

        ApiResponse response = client.send(ApiRequest.get("/small").build());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().orElseThrow().get("a").asText()).hasSize(400);
    }

    @Test
    void aChunkedAnswerOverTheCapIsGivenUpAsItArrives() throws Exception {
        // 10 MB offered in 10 kB pieces against a cap of 10 kB
        URI base = serve("/big", chunked(1_000, 10_000));
        JsonHttpClient client = JsonHttpClient.builder("test", base).retryPolicy(RetryPolicy.none())
                .maxResponseBytes(10_000).build();

        assertThatThrownBy(() -> client.send(ApiRequest.get("/big").reference("pay-1").build()))
                .isInstanceOfSatisfying(GatewayUnavailableException.class, e -> {
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.getMessage()).contains("oversized");
                });
    }

    @Test
    void aDeclaredAnswerThatStallsAfterTheHeadersTimesOutAsOutcomeUnknown() throws Exception {
        assertStallTimesOut(serve("/stall", stalling(100)));
    }

    @Test
    void aChunkedAnswerThatStallsTimesOutAsOutcomeUnknown() throws Exception {
        assertStallTimesOut(serve("/stall", stalling(0)));
    }

    /**
     * Headers declaring {@code length} (chunked for 0), a piece of the body, then 5 s of nothing.
     */
    private static Answer stalling(long length) {
        return exchange -> {
            exchange.sendResponseHeaders(200, length);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"status\":".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** The request timeout bounds the whole answer, not only its headers. */
    private static void assertStallTimesOut(URI base) {
        JsonHttpClient client = JsonHttpClient.builder("test", base).retryPolicy(RetryPolicy.none())
                .requestTimeout(Duration.ofMillis(300)).build();

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.send(ApiRequest.get("/stall").reference("pay-1").build()))
                .isInstanceOfSatisfying(GatewayUnavailableException.class, e -> {
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.getMessage()).contains("timed out");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void readingTheBodyHandsNoMoreWorkToTheClientsExecutorThanTheJdksOwnBody() throws Exception {
        URI base = serve("/status", exchange -> {
            byte[] body = "{\"status\":\"SUCCESSFUL\",\"amount\":\"1000\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        });
        AtomicInteger handedOver = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(task -> {
                        handedOver.incrementAndGet();
                        pool.execute(task);
                    }).build();
            JsonHttpClient client = JsonHttpClient.builder("test", base).httpClient(http).build();
            int calls = 40;
            // both connections are opened and every class loaded before counting
            client.send(ApiRequest.get("/status").build());
            http.send(HttpRequest.newBuilder(base.resolve("/status")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            handedOver.set(0);
            for (int i = 0; i < calls; i++) {
                assertThat(client.send(ApiRequest.get("/status").build()).status()).isEqualTo(200);
            }
            int library = handedOver.getAndSet(0);
            for (int i = 0; i < calls; i++) {
                assertThat(http.send(HttpRequest.newBuilder(base.resolve("/status")).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(200);
            }
            int jdk = handedOver.get();

            // a body subscriber of one's own is started through the executor: one more a call
            assertThat(library).as("hand-overs for %d calls (the JDK's byte-array body: %d)", calls, jdk)
                    .isLessThan(jdk + calls / 4);
        } finally {
            pool.shutdownNow();
        }
    }
}
