package org.dusangire.payment.webhooks.servlet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.testkit.InMemoryPaymentRepository;
import org.dusangire.payment.testkit.MutableClock;
import org.dusangire.payment.testkit.RecordingListener;
import org.dusangire.payment.testkit.ScriptedPaymentGateway;
import org.dusangire.payment.testkit.TestPayments;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The servlet mapped at {@code /payments/*} in a real embedded Jetty on loopback, in front of a
 * real {@link PaymentService} with the testkit's in-memory repository and scripted gateways
 * registered under the three providers' names. Requests go over real HTTP with the JDK client.
 */
final class ServletHarness implements AutoCloseable {
    static final String SUCCESS_URL = "https://shop.example/orders/paid";
    static final String FAILURE_URL = "https://shop.example/orders/failed";

    final MutableClock clock = MutableClock.startingAt("2026-03-01T08:00:00Z");
    final OutageRepository repository = new OutageRepository(new InMemoryPaymentRepository());
    final ScriptedPaymentGateway flutterwave = ScriptedPaymentGateway.named("flutterwave",
            PaymentMethod.CARD, PaymentMethod.BANK_TRANSFER);
    final ScriptedPaymentGateway mtn = ScriptedPaymentGateway.named("mtn-momo",
            PaymentMethod.MTN_MOBILE_MONEY);
    final ScriptedPaymentGateway airtel = ScriptedPaymentGateway.named("airtel-money",
            PaymentMethod.AIRTEL_MONEY);
    final CapturingGateway flutterwaveGateway = new CapturingGateway(flutterwave, false);
    final CapturingGateway mtnGateway = new CapturingGateway(mtn, true);
    final CapturingGateway airtelGateway = new CapturingGateway(airtel, false);
    final RecordingListener listener = new RecordingListener();
    final AtomicBoolean verifyAllowed = new AtomicBoolean(true);
    final PaymentService service;
    private final Server server;
    private final HttpClient http;
    private final URI base;

    private ServletHarness(Consumer<PaymentWebhookServlet.Builder> customise) throws Exception {
        service = PaymentService.builder()
                .config(PaymentConfig.builder().siteUrl("http://localhost").build())
                .repository(repository)
                .gateway(flutterwaveGateway)
                .gateway(mtnGateway)
                .gateway(airtelGateway)
                .listener(listener)
                .clock(clock)
                .build();
        PaymentWebhookServlet.Builder builder = PaymentWebhookServlet.builder(service)
                .successUrl(SUCCESS_URL)
                .failureUrl(FAILURE_URL)
                .verifyAuthorizer(request -> verifyAllowed.get())
                .clock(clock);
        customise.accept(builder);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(builder.build()), "/payments/*");
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** The port Jetty listens on, for a test that speaks HTTP over a raw socket. */
    int port() {
        return base.getPort();
    }

    static ServletHarness start() throws Exception {
        return new ServletHarness(b -> { });
    }

    static ServletHarness start(Consumer<PaymentWebhookServlet.Builder> customise) throws Exception {
        return new ServletHarness(customise);
    }

    /** A checkout through the service, as the host would start it. */
    Payment checkout(PaymentMethod method) {
        return service.initiate(TestPayments.checkout(method, "1500", "UGX").build()).payment();
    }

    Payment reload(Payment p) {
        return service.find(p.id()).orElseThrow();
    }

    /** The scripted gateway's webhook body: what the provider claims, as raw bytes. */
    static byte[] webhookBody(Payment p, ProviderStatus claimed, String event) {
        return ("reference=" + p.providerReference() + ";status=" + claimed + ";event=" + event)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An authentic webhook (JSON content type, right secret) to a path below the mount point. */
    HttpResponse<String> deliver(String method, String path, byte[] body) throws IOException,
            InterruptedException {
        return send(request(method, path, BodyPublishers.ofByteArray(body),
                "Content-Type", "application/json",
                ScriptedPaymentGateway.SIGNATURE_HEADER, ScriptedPaymentGateway.DEFAULT_SECRET));
    }

    HttpRequest request(String method, String path, BodyPublisher body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String... headers) throws IOException,
            InterruptedException {
        return send(request("GET", path, BodyPublishers.noBody(), headers));
    }

    HttpResponse<String> post(String path, String... headers) throws IOException,
            InterruptedException {
        return send(request("POST", path, BodyPublishers.noBody(), headers));
    }

    HttpClient http() {
        return http;
    }

    /** Stops Jetty; throws nothing checked, so try-with-resources needs no InterruptedException. */
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
