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

    public static void main(String[] args) throws Exception {
        PaymentService payments = PaymentService.builder()
                .config(PaymentConfig.builder().siteUrl(URI.create("http://localhost:8081")).build())
                .repository(new InMemoryPaymentRepository())
                .build();
        Server server = start(payments, 8081);
        System.out.println("payment routes mounted at http://localhost:8081/payments/");
        server.join();
    }
}
