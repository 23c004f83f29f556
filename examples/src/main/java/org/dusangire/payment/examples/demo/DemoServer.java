package org.dusangire.payment.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.persistence.jdbi.JdbiPaymentRepository;
import org.dusangire.payment.persistence.jdbi.PaymentSchema;
import org.dusangire.payment.webhooks.servlet.PaymentWebhookServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hospital cashier demo: embedded Jetty serving the page, its JSON API and the webhook
 * adapter, payments kept in H2, and, unless {@code PAYMENT_ENVIRONMENT} is set, the provider
 * simulators started in-process so it runs with no credentials and no internet. It refuses to run
 * in production, answers only to localhost (or {@code SITE_URL}'s host), and every state-changing
 * call of the cashier's needs the cashier token (see {@link DemoGuard}).
 */
public final class DemoServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoServer.class);

    private final Server jetty;
    private final URI baseUri;
    private final PaymentService payments;
    private final List<AutoCloseable> resources;
    private final ScheduledExecutorService scheduler;
    private final boolean simulated;
    private final CashierToken token;

    private DemoServer(Server jetty, URI baseUri, PaymentService payments, List<AutoCloseable> resources,
            ScheduledExecutorService scheduler, boolean simulated, CashierToken token) {
        this.jetty = jetty;
        this.baseUri = baseUri;
        this.payments = payments;
        this.resources = resources;
        this.scheduler = scheduler;
        this.simulated = simulated;
        this.token = token;
    }

    /**
     * Starts the demo on {@code port} (0 picks a free one). With {@code PAYMENT_ENVIRONMENT} set in
     * {@code env}, gateways are configured from the environment and talk to the provider sandboxes.
     * The cashier token is {@code DEMO_CASHIER_TOKEN}, or generated when that is unset.
     *
     * @throws IllegalStateException when {@code PAYMENT_ENVIRONMENT} is production or
     *                               {@code DEMO_CASHIER_TOKEN} is unusable, before anything starts
     */
    public static DemoServer start(Map<String, String> env, int port) throws Exception {
        refuseProduction(env.get(PaymentConfig.PAYMENT_ENVIRONMENT));
        CashierToken token = CashierToken.from(env.get(CashierToken.VARIABLE), new SecureRandom());
        // bind first, so the port (and with it SITE_URL) is known and cannot be taken meanwhile
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("localhost");
        connector.setPort(port);
        jetty.addConnector(connector);
        connector.open();
        int actualPort = connector.getLocalPort();
        boolean simulated = !env.containsKey(PaymentConfig.PAYMENT_ENVIRONMENT);
        List<AutoCloseable> resources = new ArrayList<>();
        DemoProviders providers;
        try {
            providers = simulated ? DemoProviders.simulated(actualPort, resources)
                    : DemoProviders.configured(env);
        } catch (RuntimeException e) {
            // a refused configuration must not leave the port bound or a simulator running
            connector.close();
            for (AutoCloseable r : resources) {
                r.close();
            }
            throw e;
        }
        PaymentConfig config = providers.config();

        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(env.getOrDefault("DEMO_H2_URL", "jdbc:h2:mem:demo-" + actualPort
                + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=64"));
        PaymentSchema.migrate(dataSource);
        PaymentRepository repository = JdbiPaymentRepository.create(dataSource);

        PaymentService.Builder builder = PaymentService.builder().config(config).repository(repository);
        providers.gateways().forEach(builder::gateway);
        PaymentService payments = builder.build();

        ObjectMapper mapper = new ObjectMapper();
        ServletContextHandler context = new ServletContextHandler();
        String mode = simulated ? "Simulated providers (no real money): approve or decline on the simulated phone"
                : "Connected to providers in " + config.environment().name().toLowerCase(java.util.Locale.ROOT);
        StaticPageServlet page = new StaticPageServlet(mapper.writeValueAsString(
                DemoMode.json(mapper, payments, providers.gateways(), simulated, mode)));
        DemoGuard guard = new DemoGuard(token, actualPort, config.siteUrl(), config.routePrefix());
        context.addFilter(new FilterHolder(guard), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(page), "/");
        context.addServlet(new ServletHolder(page), "/api/mode");
        context.addServlet(new ServletHolder(new DemoApiServlet(payments, mapper)), "/api/*");
        context.addServlet(new ServletHolder(PaymentWebhookServlet.builder(payments)
                .successUrl("/?result=paid")
                .failureUrl("/?result=failed")
                .pendingUrl("/?result=pending")
                .verifyAuthorizer(guard::hasToken) // the guard checked it already; twice is cheap
                .build()), config.routePrefix() + "/*");
        if (simulated) {
            context.addServlet(new ServletHolder(new SimulatorControlServlet(providers.customers(), payments)),
                    "/simulator/*");
        }
        jetty.setHandler(context);
        jetty.start();

        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-reconcile");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                payments.reconcile();
            } catch (RuntimeException e) {
                log.warn("reconcile pass failed: {}", e.getMessage());
            }
        }, 5, 5, TimeUnit.SECONDS);
        return new DemoServer(jetty, URI.create("http://localhost:" + actualPort + "/"), payments,
                resources, scheduler, simulated, token);
    }

    private static void refuseProduction(String environment) {
        if (environment != null && environment.trim().equalsIgnoreCase(PaymentEnvironment.PRODUCTION.name())) {
            throw new DemoRefusedException("PAYMENT_ENVIRONMENT=production: this demo is not a production "
                    + "cashier app (no user accounts, no TLS, localhost only). Run it with sandbox "
                    + "credentials or none, and embed the library in your own application to take real "
                    + "money (README, Going live).");
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    public PaymentService payments() {
        return payments;
    }

    public boolean simulated() {
        return simulated;
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /** The cashier token; {@link DemoApp} prints it once when it was generated. */
    CashierToken cashierToken() {
        return token;
    }

    /**
     * Stops the server and the simulators. Throws nothing checked, so callers' try-with-resources
     * stays free of -Xlint:try warnings.
     *
     * @throws IllegalStateException when a part does not stop, or the thread is interrupted while
     *                               waiting (its interrupt flag is set again)
     */
    @Override
    public void close() {
        scheduler.shutdownNow();
        Exception failure = null;
        try {
            jetty.stop();
        } catch (Exception e) {
            failure = e;
        }
        for (AutoCloseable r : resources) { // the simulators stop even when Jetty did not
            try {
                r.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the demo", failure);
        } else if (failure != null) {
            throw new IllegalStateException("the demo did not stop cleanly", failure);
        }
    }
}
