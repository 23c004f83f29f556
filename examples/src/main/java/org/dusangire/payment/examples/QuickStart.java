package org.dusangire.payment.examples;

// quickstart:start
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.dusangire.payment.core.config.StartupCheck;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.service.CheckoutRequest;
import org.dusangire.payment.core.service.CheckoutResult;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.gateway.airtel.AirtelMoneyConfig;
import org.dusangire.payment.gateway.airtel.AirtelMoneyGateway;
import org.dusangire.payment.gateway.flutterwave.FlutterwaveConfig;
import org.dusangire.payment.gateway.flutterwave.FlutterwaveGateway;
import org.dusangire.payment.gateway.mtn.MtnMomoConfig;
import org.dusangire.payment.gateway.mtn.MtnMomoGateway;
import org.dusangire.payment.persistence.jdbi.JdbiPaymentRepository;
import org.dusangire.payment.persistence.jdbi.PaymentSchema;
import org.dusangire.payment.webhooks.servlet.PaymentWebhookServlet;
// quickstart:end
// the quick start's own harness: simulators, Jetty, H2
import java.io.PrintStream;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The README's embedding example, compiled and run: the three provider simulators in this
 * process, H2, the payment routes in Jetty, and a first MTN Mobile Money payment taken to
 * SUCCEEDED by the (simulated) payer's approval and MTN's callback. The lines between the
 * {@code quickstart} markers are the README's, word for word ({@code QuickStartReadmeTest}).
 * Run it with {@code mvn -B -ntp -q -pl examples -am -DskipTests package exec:java@quickstart}.
 */
public final class QuickStart implements AutoCloseable {
    private final PrintStream out;
    private final Server jetty;
    private final SimulatedProviders providers;
    private final JdbcDataSource dataSource;
    private final Orders orders = new Orders();
    private PaymentService payments;
    private ScheduledExecutorService scheduler;

    private QuickStart(PrintStream out, Server jetty, SimulatedProviders providers,
            JdbcDataSource dataSource) {
        this.out = out;
        this.jetty = jetty;
        this.providers = providers;
        this.dataSource = dataSource;
    }

    /** Runs the quick start: first payment to SUCCEEDED, then everything is stopped. */
    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        try (QuickStart quickStart = start(System.out)) {
            Payment paid = quickStart.payFirstBill(Duration.ofSeconds(30));
            System.out.printf("%s: %s %s, bill marked paid; %d ms after start%n",
                    paid.orderReference(), paid.money(), paid.status(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Starts the simulators, H2, the library and Jetty with the payment routes on a free port. */
    public static QuickStart start(PrintStream out) throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("localhost");
        jetty.addConnector(connector);
        connector.open();                       // the port is known before SITE_URL is set
        URI site = URI.create("http://localhost:" + connector.getLocalPort());
        SimulatedProviders providers = new SimulatedProviders(site);
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:quickstart-" + connector.getLocalPort() + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=64");
        QuickStart quickStart = new QuickStart(out, jetty, providers, dataSource);
        try {
            ServletContextHandler context = new ServletContextHandler();
            quickStart.embed(providers.environment(site), dataSource, context);
            jetty.setHandler(context);
            jetty.start();
            out.println("Payment routes on " + site + "/payments/, providers simulated in process");
            return quickStart;
        } catch (Exception | Error e) {
            quickStart.close();
            throw e;
        }
    }

    private void embed(Map<String, String> env, DataSource dataSource, ServletContextHandler context) {
        Orders orders = this.orders;
        // quickstart:start
        // env is System.getenv() in a deployment (the quick start's points at the simulators);
        // every variable is checked, all at once, before the database is touched
        StartupCheck.Result checked = StartupCheck.of(env)
                .gateway(MtnMomoConfig.class, MtnMomoConfig::fromEnvironment)
                .gateway(AirtelMoneyConfig.class, AirtelMoneyConfig::fromEnvironment)
                .gateway(FlutterwaveConfig.class, FlutterwaveConfig::fromEnvironment)
                .check();                                            // throws, naming every problem
        PaymentSchema.migrate(dataSource);                           // or your own Flyway
        PaymentService payments = PaymentService.builder()
                .config(checked.payment())
                .repository(JdbiPaymentRepository.create(dataSource))
                .gateway(new MtnMomoGateway(checked.gateway(MtnMomoConfig.class)))
                .gateway(new AirtelMoneyGateway(checked.gateway(AirtelMoneyConfig.class)))
                .gateway(new FlutterwaveGateway(checked.gateway(FlutterwaveConfig.class)))
                .listener(new OrdersListener(orders))                // see "Events" below
                .build();
        // the webhook and callback routes, in your Servlet 6 container (Jetty's here)
        context.addServlet(PaymentWebhookServlet.builder(payments)
                .successUrl("/bills/paid").failureUrl("/bills/unpaid").build(),
                payments.config().routePrefix() + "/*");
        // reconciliation settles payments whose callback never came; every instance runs it
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        scheduler.scheduleWithFixedDelay(payments::reconcile, 1, 1, TimeUnit.MINUTES);
        // quickstart:end
        this.payments = payments;
        this.scheduler = scheduler;
    }

    private CheckoutResult checkout() {
        // quickstart:start
        CheckoutResult checkout = payments.initiate(CheckoutRequest.builder()
                .orderReference("BILL-2026-0042")
                .money(Money.of("35000", "UGX"))             // MTN's sandbox: EUR (see below)
                .method(PaymentMethod.MTN_MOBILE_MONEY)
                .payer(Payer.ofPhone(Msisdn.parse("0772 123456", "UG")))
                .idempotencyKey("BILL-2026-0042/attempt-1")
                .build());
        switch (checkout.nextAction()) {
            case APPROVE_ON_PHONE, PAY_CASH, WAIT -> show(checkout.instructions());
            case REDIRECT -> redirectTo(checkout.paymentLink().orElseThrow());
            case NONE -> show(checkout.payment().failureReason());
        }
        // quickstart:end
        return checkout;
    }

    /**
     * Takes the README's checkout, has the simulated payer approve it on the phone, and waits
     * until MTN's callback made it SUCCEEDED and the listener marked the bill paid.
     *
     * @throws IllegalStateException when that did not happen within {@code timeout}
     */
    public Payment payFirstBill(Duration timeout) throws InterruptedException {
        CheckoutResult checkout = checkout();
        out.println("The payer approves on the phone (simulated)");
        providers.mtn.approve(checkout.payment().providerReference());
        return awaitBill(checkout.payment(), timeout);
    }

    /**
     * Waits until the bill is marked paid (SUCCEEDED) or its payment is final otherwise, and MTN
     * (the simulator) has our answer to its callback.
     */
    Payment awaitBill(Payment payment, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Payment now = payments.find(payment.id()).orElseThrow();
            boolean settled = orders.isPaid(now.orderReference())
                    || now.status().isFinal() && now.status() != PaymentStatus.SUCCEEDED;
            if (settled && providers.mtn.journal().callbacks().stream()
                    .anyMatch(c -> c.reference().equals(now.providerReference()))) {
                return now;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException(payment.orderReference() + " was not settled within "
                + timeout + "; it is " + payments.find(payment.id()).map(Payment::status).orElse(null));
    }

    /** The library as the README wires it. */
    public PaymentService payments() {
        return payments;
    }

    /** The host's bills, as the listener left them. */
    public Orders orders() {
        return orders;
    }

    /** The simulated MTN payer declines the payment with this provider reference. */
    public boolean declineOnPhone(String providerReference) {
        return providers.mtn.decline(providerReference);
    }

    private void show(String text) {
        out.println("Cashier's screen: " + text);
    }

    private void redirectTo(URI link) {
        out.println("Send the browser to " + link);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        try {
            jetty.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        } finally {
            providers.close();
            shutDown(dataSource);
        }
    }

    private static void shutDown(DataSource h2) {
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // already gone: nothing to free
        }
    }
}
