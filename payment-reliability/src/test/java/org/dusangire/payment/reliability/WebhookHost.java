package org.dusangire.payment.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.webhooks.servlet.PaymentWebhookServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** One service instance's webhook servlet, mapped at {@code /payments/*} in embedded Jetty. */
final class WebhookHost implements AutoCloseable {
    private final Server server;
    private final URI base;

    private WebhookHost(Server server, URI base) {
        this.server = server;
        this.base = base;
    }

    static WebhookHost start(PaymentService service, int port) {
        Server server = new Server(new QueuedThreadPool(64, 8));
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(512);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(PaymentWebhookServlet.builder(service)
                .successUrl("/paid").failureUrl("/failed").build()), "/payments/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start Jetty on port " + port, e);
        }
        return new WebhookHost(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    URI baseUri() {
        return base;
    }

    /** A port free now, so a service's SITE_URL can be known before its servlet exists. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping Jetty", e);
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
