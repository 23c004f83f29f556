package org.dusangire.payment.benchmarks;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentEventListener;
import org.dusangire.payment.core.port.PaymentStatusChanged;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.webhooks.servlet.PaymentWebhookServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Provider callbacks posted to the servlet adapter on Jetty (authenticate, inbox, status check at
 * the simulator, guarded update with its event row, listener) against the store floor on the same
 * Jetty and store ({@link WebhookFloor}: the same required work by hand in plain JDBC) and a bare
 * servlet that reads the body and answers 200.
 */
final class WebhookBenchmark {
    static final int CALLERS = 16;
    static final double TARGET_H2 = 0.5;
    /** Issue 19: the library against its store floor, on H2 and PostgreSQL. */
    static final double FLOOR_TARGET = 0.8;
    /**
     * Slices of the library's webhooks and of the floor's, taken in turn (200 webhooks a side in
     * quick mode, about 0.2 s; 1,000 in long mode), as finely as initiation's rounds
     * ({@link InitiationBenchmark#ROUNDS}).
     */
    static final int ROUNDS = 10;

    private WebhookBenchmark() {
    }

    /** Which provider's webhooks are posted. */
    enum Provider { FLUTTERWAVE, MTN }

    static void run(Mode mode, ResultTable table) throws Exception {
        run(mode, table, Provider.FLUTTERWAVE);
        if (mode == Mode.LONG) {
            run(mode, table, Provider.MTN);
        }
    }

    private static String title(Provider provider) {
        return provider == Provider.FLUTTERWAVE ? "Webhooks (Flutterwave, signed)" : "Webhooks (MTN callback)";
    }

    static void run(Mode mode, ResultTable table, Provider provider) throws Exception {
        Database.onEachStore(table, title(provider), "PostgreSQL, " + CALLERS + " callers",
                db -> runOn(db, mode, table, provider));
    }

    private static void runOn(Database db, Mode mode, ResultTable table, Provider provider)
            throws Exception {
        AtomicInteger changes = new AtomicInteger();
        AtomicInteger anomalies = new AtomicInteger();
        PaymentEventListener listener = new PaymentEventListener() {
            @Override
            public void onStatusChanged(PaymentStatusChanged event) {
                changes.incrementAndGet();
            }

            @Override
            public void onAnomaly(PaymentAnomaly anomaly) {
                anomalies.incrementAndGet();
            }
        };
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new BareServlet()), "/bare/*");
        String on = db.name.equals("H2") ? "" : db.name + ", ";
        jetty.setHandler(context);
        jetty.start();
        int port = connector.getLocalPort();
        try (WebhookSource source = provider == Provider.FLUTTERWAVE ? new FlutterwaveSource()
                : new MtnSource()) {
            PaymentService payments = PaymentService.builder()
                    .config(Checkouts.config("http://localhost:" + port))
                    .repository(db.repository).gateway(source.gateway())
                    .listener(listener).build();
            context.addServlet(new ServletHolder(PaymentWebhookServlet.builder(payments)
                    .successUrl("/paid").failureUrl("/failed").build()), "/payments/*");
            int total = mode.webhookWarmup() + mode.webhooks();
            List<Payment> created = Collections.synchronizedList(new ArrayList<>());
            LoadRunner.counted(CALLERS, 0, total, seq -> created.add(
                    payments.initiate(source.checkout(seq)).payment()));
            List<WebhookSource.Delivery> deliveries = source.pay(created);
            // the store floor gets payments and deliveries of its own: each applies once
            List<Payment> forFloor = Collections.synchronizedList(new ArrayList<>());
            LoadRunner.counted(CALLERS, 0, total, seq -> forFloor.add(
                    payments.initiate(source.checkout(seq)).payment()));
            List<WebhookSource.Delivery> floorDeliveries = source.pay(forFloor);
            db.printCounts("setup", 1);
            AtomicInteger floorTold = new AtomicInteger();
            context.addServlet(new ServletHolder(new WebhookFloor(source, db.dataSource,
                    ResultTable.isPostgres(db.name), event -> floorTold.incrementAndGet())),
                    "/floor/*");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + port;
            LoadRunner.Operation library = seq -> post(client, base, deliveries.get((int) seq));
            // with -Dbench.sameCode=true the floor's deliveries go to the library's servlet too
            boolean same = LoadRunner.sameCode();
            LoadRunner.Operation atFloor = seq -> post(client, same ? base : base + "/floor",
                    floorDeliveries.get((int) seq));
            int libraryTotal = same ? 2 * total : total;
            int floorTotal = same ? 0 : total;
            Stats lib;
            Stats floor;
            if (db.counting()) {
                // store calls are counted per path: one path at a time
                lib = LoadRunner.counted(CALLERS, mode.webhookWarmup(), mode.webhooks(), library);
                db.printCounts("library webhook", total);
                floor = LoadRunner.counted(CALLERS, mode.webhookWarmup(), mode.webhooks(), atFloor);
                db.printCounts("floor webhook", total);
            } else {
                int warm = mode.webhookWarmup();
                LoadRunner.counted(CALLERS, 0, warm, library);
                LoadRunner.counted(CALLERS, 0, warm, atFloor);
                // the statistics of tables the warm-up filled, as autovacuum would gather them
                // in service: without them PostgreSQL's connections keep the plans they made
                // on an empty events table (a full scan for a mark of two events)
                db.analyze();
                // in turn, ROUNDS slices each, so that drift during the run falls on both alike
                Stats[] both = LoadRunner.alternatingCounted("webhooks-" + provider.name()
                        .toLowerCase(Locale.ROOT) + "-" + ResultTable.storeKey(db.name), CALLERS,
                        LoadRunner.rounds(ROUNDS),
                        mode.webhooks(), seq -> library.run(warm + seq),
                        seq -> atFloor.run(warm + seq));
                lib = both[0];
                floor = both[1];
            }
            int applied = changes.get();
            Stats bare = LoadRunner.counted(CALLERS, mode.webhookWarmup(), mode.webhooks(),
                    seq -> post(client, base + "/bare", deliveries.get((int) seq)));
            if (db.name.equals("H2")) {
                // the store plays no part in this floor: measured once, beside the H2 run
                context.addServlet(new ServletHolder(new ConfirmingServlet(source)), "/confirm/*");
                Stats confirming = LoadRunner.counted(CALLERS, mode.webhookWarmup(), mode.webhooks(),
                        seq -> post(client, base + "/confirm", deliveries.get((int) seq)));
                table.add(title(provider), CALLERS + " callers, confirming floor: a bare servlet that "
                        + "makes the same status query by hand",
                        ResultTable.cell(confirming, "webhooks") + "; library on H2/floor "
                                + ResultTable.ratio(lib.perSecond(), confirming.perSecond()),
                        ResultTable.cell(bare, "webhooks"),
                        ResultTable.ratio(confirming.perSecond(), bare.perSecond()), "", "");
                System.out.printf("webhooks %s: confirming floor %s%n", provider,
                        ResultTable.cell(confirming, "webhooks"));
            }
            table.add(title(provider), on + CALLERS + " callers, store floor: authenticate, inbox row,"
                    + " payment read, status query, guarded update with history and claimed event row,"
                    + " listener told, event marked delivered, in plain JDBC (see WebhookFloor)",
                    ResultTable.cell(floor, "webhooks") + "; library/floor "
                            + ResultTable.ratio(lib.perSecond(), floor.perSecond()),
                    ResultTable.cell(bare, "webhooks"), ResultTable.ratio(floor.perSecond(),
                            bare.perSecond()), ">= 0.80 of floor",
                    ResultTable.meets(lib.perSecond(), floor.perSecond(), FLOOR_TARGET));
            if (provider == Provider.FLUTTERWAVE) {
                System.out.println(table.floorRatio("webhooks", db.name, lib.perSecond(),
                        floor.perSecond()));
                System.out.println(table.floorCpu("webhooks", db.name, lib, floor));
                table.pausesShared("webhooks", db.name, lib, floor).ifPresent(System.out::println);
            }
            table.add(title(provider), db.name + ", " + CALLERS + " callers",
                    ResultTable.cell(lib, "webhooks"), ResultTable.cell(bare, "webhooks"),
                    ResultTable.ratio(lib.perSecond(), bare.perSecond()),
                    db.name.equals("H2") ? ">= 0.50" : "",
                    db.name.equals("H2") ? ResultTable.meets(lib.perSecond(), bare.perSecond(), TARGET_H2) : "");
            System.out.printf("webhooks %s %s: library %s | floor %s | bare %s | %d of %d payments"
                    + " moved to SUCCEEDED, the floor's listener told of %d%n",
                    provider, db.name, ResultTable.cell(lib, "webhooks"), ResultTable.cell(floor, "webhooks"),
                    ResultTable.cell(bare, "webhooks"), applied, libraryTotal, floorTold.get());
            int settled = db.count("SELECT COUNT(*) FROM pay_payments WHERE status = 'SUCCEEDED'");
            if (settled != 2 * total) {
                table.note("Webhooks on " + db.name + ": " + settled + " of " + 2 * total
                        + " payments settled by the library and the store floor together: a figure"
                        + " is not the full path.");
            }
            if (floorTold.get() != floorTotal) {
                table.note("Webhooks on " + db.name + ": the store floor told its listener of "
                        + floorTold.get() + " of " + floorTotal + " changes: a figure is not the full"
                        + " path.");
            }
            // both sides have a listener: every event either wrote must be marked delivered
            int open = db.count("SELECT COUNT(*) FROM pay_events WHERE delivered_at IS NULL");
            System.out.printf("webhooks %s %s: %d events left undelivered%n", provider, db.name,
                    open);
            if (open != 0) {
                table.note("Webhooks on " + db.name + ": " + open + " events left undelivered by"
                        + " the library and the store floor together: a figure is not the full"
                        + " path.");
            }
            if (applied != libraryTotal || anomalies.get() != 0) {
                table.note("Webhooks on " + db.name + ": only " + applied + " of " + libraryTotal
                        + " webhooks applied a transition (" + anomalies.get() + " anomalies): "
                        + "the figure is not the full path.");
            }
        } finally {
            jetty.stop();
        }
    }

    private static boolean post(HttpClient client, String base, WebhookSource.Delivery d)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + d.path()))
                .header("Content-Type", "application/json")
                .method(d.method(), HttpRequest.BodyPublishers.ofByteArray(d.body()));
        d.headers().forEach(b::header);
        HttpResponse<Void> r = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
        return r.statusCode() == 200;
    }

    /**
     * The floor of any receiver that confirms each webhook with the provider before it answers:
     * the bare servlet plus one status query sent by hand, no store, no checks.
     */
    static final class ConfirmingServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
        private final transient WebhookSource source;

        ConfirmingServlet(WebhookSource source) {
            this.source = source;
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            byte[] body = req.getInputStream().readAllBytes();
            boolean answered;
            try {
                answered = source.bareConfirm(req.getRequestURI(), body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answered = false;
            } catch (Exception e) {
                answered = false;
            }
            resp.setStatus(answered ? 200 : 500);
            resp.setContentType("application/json;charset=UTF-8");
            resp.setContentLength(OK.length);
            resp.getOutputStream().write(OK);
        }
    }

    /** The baseline: reads the whole body and answers 200 with a small JSON body. */
    static final class BareServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            req.getInputStream().readAllBytes();
            resp.setStatus(200);
            resp.setContentType("application/json;charset=UTF-8");
            resp.setContentLength(OK.length);
            resp.getOutputStream().write(OK);
        }
    }
}
