package org.dusangire.payment.examples;

import java.net.URI;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.testkit.InMemoryPaymentRepository;
import org.dusangire.payment.webhooks.servlet.PaymentWebhookServlet;
import org.dusangire.payment.webhooks.servlet.VerifyAuthorizer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A webhook route in a host's own servlet container: the host keeps its own servlets and mounts
 * the payment routes under {@code /payments/*}. Any Servlet 6 container works the same way.
 */
public final class HostContainerExample {
    private HostContainerExample() {
    }

    /** Starts a host server on {@code port} (0 for any) with the payment routes mounted. */
    public static Server start(PaymentService payments, int port) throws Exception {
        ServletContextHandler context = new ServletContextHandler();
        // ... the host's own servlets go here ...
        context.addServlet(new ServletHolder(PaymentWebhookServlet.builder(payments)
                .successUrl("/orders/paid")
                .failureUrl("/orders/failed")
                .verifyAuthorizer(VerifyAuthorizer.denyAll())
                .build()), payments.config().routePrefix() + "/*");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        return server;
    }

    /**
     * Serves the payment routes on {@code PORT} (default 8081) until Ctrl-C, printing where.
     * Exits with 2 when {@code PORT} is not a port number.
     */
    public static void main(String[] args) throws Exception {
        int port;
        try {
            port = port(System.getenv().get("PORT"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        PaymentService payments = PaymentService.builder()
                .config(PaymentConfig.builder().siteUrl(URI.create("http://localhost:" + port)).build())
                .repository(new InMemoryPaymentRepository())
                .build();
        Server server = start(payments, port);
        int bound = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
                System.out.println("Stopped.");
            } catch (Exception e) {
                System.err.println("could not stop cleanly: " + e);
            }
        }, "host-container-shutdown"));
        System.out.println("Payment routes mounted at http://localhost:" + bound
                + payments.config().routePrefix() + "/ (Ctrl-C stops)");
        server.join();
    }

    /** The port from {@code PORT}: 8081 when unset, 0 for any free one. */
    static int port(String value) {
        if (value == null || value.isBlank()) {
            return 8081;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("PORT must be a port number (0-65535), not " + value);
    }
}
