package org.dusangire.payment.simulator.flutterwave;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.dusangire.payment.simulator.SimulatorServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hosted checkout host (Flutterwave's {@code checkout.flutterwave.com}): serves the payment
 * page and takes the customer's choice, then answers 302 to the merchant's {@code redirect_url}.
 * It runs on its own port because the shared simulator base cannot send a {@code Location}
 * header, and because the real page lives on another host than the API too.
 */
final class CheckoutHost implements AutoCloseable {

    static final String PATH = "/v3/hosted/pay/";
    private static final Logger LOG = LoggerFactory.getLogger(CheckoutHost.class);

    /** What the customer's choice led to: a redirect, or a page to show instead. */
    record Outcome(String location, int status, String page) {
        static Outcome redirect(String location) {
            return new Outcome(location, 302, null);
        }

        static Outcome show(int status, String page) {
            return new Outcome(null, status, page);
        }
    }

    /** The simulator side of the page. */
    interface Customer {
        Optional<FlwCheckout> link(String linkId);

        boolean paid(FlwCheckout checkout);

        Outcome act(FlwCheckout checkout, String action);
    }

    private final Customer customer;
    private final InetSocketAddress address;
    private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "flutterwave-checkout");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger views = new AtomicInteger();
    private final AtomicInteger submissions = new AtomicInteger();
    private HttpServer server;

    CheckoutHost(Customer customer, InetAddress bindAddress, int port) {
        this.customer = customer;
        this.address = bindAddress == null ? new InetSocketAddress("127.0.0.1", port)
                : new InetSocketAddress(bindAddress, port);
    }

    synchronized void start() {
        try {
            server = HttpServer.create(address, 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the checkout host to " + address, e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    synchronized URI baseUri() {
        if (server == null) {
            throw new IllegalStateException("checkout host not started");
        }
        return SimulatorServer.httpUri(server.getAddress());
    }

    int views() {
        return views.get();
    }

    int submissions() {
        return submissions.get();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        executor.shutdownNow();
    }

    private void dispatch(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Optional<FlwCheckout> link = path.startsWith(PATH)
                    ? customer.link(path.substring(PATH.length())) : Optional.empty();
            if (link.isEmpty()) {
                html(exchange, 404, CheckoutPage.message("Payment link not found",
                        "This payment link does not exist or has expired."));
                return;
            }
            FlwCheckout c = link.get();
            if (method.equals("GET")) {
                views.incrementAndGet();
                html(exchange, 200, customer.paid(c)
                        ? CheckoutPage.message("Already paid", "This payment has been completed.")
                        : CheckoutPage.page(c, PATH + c.linkId()));
            } else if (method.equals("POST")) {
                submissions.incrementAndGet();
                Map<String, String> form = form(exchange.getRequestBody().readAllBytes());
                Outcome outcome = customer.act(c, form.getOrDefault("action", ""));
                if (outcome.location() != null) {
                    exchange.getResponseHeaders().set("Location", outcome.location());
                    exchange.sendResponseHeaders(302, -1);
                } else {
                    html(exchange, outcome.status(), outcome.page());
                }
            } else {
                html(exchange, 405, CheckoutPage.message("Method not allowed", method));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("checkout host: {}", e.toString());
        }
    }

    private static void html(HttpExchange exchange, int status, String page) throws IOException {
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    static Map<String, String> form(byte[] body) {
        Map<String, String> fields = new HashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(key, value);
        }
        return fields;
    }
}
