package org.dusangire.payment.gateway.flutterwave;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveSimulator;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveSimulatorBuilder;
import org.dusangire.payment.simulator.flutterwave.WebhookDelivery;
import org.dusangire.payment.testkit.MutableClock;
import org.dusangire.payment.testkit.TestPayments;

/**
 * A running simulator with a merchant webhook endpoint that answers 200, a gateway pointed at it,
 * and the customer's browser. Close it after each test.
 */
final class FlwFixture implements AutoCloseable {
    static final String HASH = "fixture-secret-hash";

    final MutableClock clock = new MutableClock(TestPayments.T0.plus(Duration.ofMinutes(1)));
    final HttpServer merchant;
    final FlutterwaveSimulator sim;
    final FlutterwaveGateway gateway;
    private final HttpClient browser = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    FlwFixture() {
        this(b -> { }, c -> { });
    }

    FlwFixture(Consumer<FlutterwaveSimulatorBuilder> sim, Consumer<FlutterwaveConfig.Builder> config) {
        try {
            merchant = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        merchant.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, -1);
            }
        });
        merchant.start();
        FlutterwaveSimulatorBuilder b = FlutterwaveSimulator.builder().clock(clock).secretHash(HASH)
                .webhookUrl(URI.create("http://localhost:" + merchant.getAddress().getPort()
                        + "/payments/webhooks/flutterwave/"));
        sim.accept(b);
        this.sim = b.build().start();
        FlutterwaveConfig.Builder c = FlutterwaveConfig.builder().secretKey(this.sim.secretKey())
                .publicKey(this.sim.publicKey()).secretHash(HASH).baseUrl(this.sim.apiBaseUri());
        config.accept(c);
        this.gateway = FlutterwaveGateway.builder(c.build()).clock(clock).sleeper(d -> { }).build();
    }

    /** A new card payment of 1,500 UGX created at {@link TestPayments#T0}. */
    static Payment cardPayment() {
        return TestPayments.pending(FlutterwaveGateway.NAME).method(PaymentMethod.CARD).build();
    }

    /** The webhook the simulator delivered for the latest transaction of a tx_ref, as the host got it. */
    InboundRequest webhookFor(String txRef) {
        long id = sim.transactions(txRef).get(sim.transactions(txRef).size() - 1).id();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<WebhookDelivery> found = sim.webhookDeliveries().stream()
                    .filter(d -> d.transactionId() == id).toList();
            if (!found.isEmpty()) {
                return inbound(found.get(0));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no webhook for transaction " + id);
            }
            pause();
        }
    }

    static InboundRequest inbound(WebhookDelivery d) {
        InboundRequest.Builder b = InboundRequest.builder("POST").header("Content-Type", "application/json");
        d.headers().forEach(b::header);
        return b.body(d.body()).build();
    }

    /** The browser opens the link and presses a button; returns the 302's Location. */
    String choose(URI link, String action) {
        send(HttpRequest.newBuilder(link).GET());
        HttpResponse<String> r = send(HttpRequest.newBuilder(link)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=" + action)));
        if (r.statusCode() != 302) {
            throw new AssertionError("expected a redirect, got " + r.statusCode());
        }
        return r.headers().firstValue("Location").orElseThrow();
    }

    /** The customer's browser arriving back at the host with the redirect's query. */
    static InboundRequest redirect(String location) {
        InboundRequest.Builder b = InboundRequest.builder("GET").path("callback");
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            b.queryParameter(pair.substring(0, eq),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return b.build();
    }

    static InboundRequest redirect(Map<String, String> query) {
        InboundRequest.Builder b = InboundRequest.builder("GET").path("callback");
        query.forEach(b::queryParameter);
        return b.build();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        sim.close();
        merchant.stop(0);
    }
}
