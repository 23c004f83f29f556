package org.dusangire.payment.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's guard, attacked the way the outside audit did: a rebinding Host, a cross-site form,
 * a missing or wrong token, and a start in production. Real HTTP on loopback throughout.
 */
class DemoSecurityTest {
    static final String TOKEN = "test-cashier-token-0123456789";
    private static DemoServer demo;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.start(Map.of("DEMO_CASHIER_TOKEN", TOKEN), 0);
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    private static HttpResponse<String> post(String path, String json, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(demo.baseUri().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cashBill() {
        return "{\"orderReference\":\"BILL-SEC\",\"amount\":\"15000\",\"method\":\"CASH_ON_DELIVERY\"}";
    }

    private static String createdId() throws Exception {
        HttpResponse<String> created = post("/api/payments", cashBill(), "Authorization", "Bearer " + TOKEN);
        assertThat(created.statusCode()).isEqualTo(201);
        return mapper.readTree(created.body()).get("id").asText();
    }

    /** One request over a plain socket: the JDK client will not send a Host of our choosing. */
    private static int rawStatus(String method, String path, String host) throws Exception {
        try (Socket socket = new Socket("localhost", demo.baseUri().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void aForeignHostHeaderIsMisdirectedEvenForReadsAndTheSimulator() throws Exception {
        int port = demo.baseUri().getPort();

        assertThat(rawStatus("GET", "/api/payments", "attacker.example:" + port)).isEqualTo(421);
        assertThat(rawStatus("GET", "/", "attacker.example")).isEqualTo(421);
        assertThat(rawStatus("POST", "/api/payments", "attacker.example:" + port)).isEqualTo(421);
        assertThat(rawStatus("POST", "/simulator/mtn/payments/x/approve", "evil.test:" + port)).isEqualTo(421);
        assertThat(rawStatus("GET", "/api/payments", "localhost:" + (port == 1 ? 2 : port - 1))).isEqualTo(421);
        assertThat(rawStatus("GET", "/api/payments", "localhost:" + port)).isEqualTo(200);
        assertThat(rawStatus("GET", "/api/payments", "127.0.0.1:" + port)).isEqualTo(200);
        assertThat(rawStatus("GET", "/api/payments", "[::1]:" + port)).isEqualTo(200);
    }

    @Test
    void aRequestFromAnotherSiteIsRefusedEvenWithTheToken() throws Exception {
        HttpResponse<String> foreign = post("/api/payments", cashBill(),
                "Authorization", "Bearer " + TOKEN, "Origin", "https://attacker.example");
        HttpResponse<String> opaque = post("/api/payments", cashBill(),
                "Authorization", "Bearer " + TOKEN, "Origin", "null");
        HttpResponse<String> samePort = post("/api/payments", cashBill(),
                "Authorization", "Bearer " + TOKEN, "Origin", "http://localhost:" + demo.baseUri().getPort());

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(mapper.readTree(foreign.body()).get("error").asText()).contains("another site");
        assertThat(opaque.statusCode()).isEqualTo(403);
        assertThat(samePort.statusCode()).isEqualTo(201);
    }

    @Test
    void cashConfirmationWithoutTheTokenIsRefused() throws Exception {
        String id = createdId();

        HttpResponse<String> none = post("/api/payments/" + id + "/confirm-cash", "{}");
        HttpResponse<String> wrong = post("/api/payments/" + id + "/confirm-cash", "{}",
                "Authorization", "Bearer " + TOKEN + "x");
        HttpResponse<String> basic = post("/api/payments/" + id + "/confirm-cash", "{}",
                "Authorization", "Basic " + TOKEN);
        HttpResponse<String> textPlain = http.send(HttpRequest.newBuilder(demo.baseUri()
                .resolve("/api/payments/" + id + "/confirm-cash")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> r : List.of(none, wrong, basic, textPlain)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(mapper.readTree(r.body()).get("error").asText()).contains("cashier token");
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Bearer"));
        }
        assertThat(get("/api/payments/" + id).get("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void everyStateChangingApiCallNeedsTheToken() throws Exception {
        String id = createdId();

        assertThat(post("/api/payments", cashBill()).statusCode()).isEqualTo(401);
        assertThat(post("/api/payments/" + id + "/refunds", "{}").statusCode()).isEqualTo(401);
        assertThat(post("/api/payments/" + id + "/verify", "").statusCode()).isEqualTo(401);
        assertThat(post("/api/anomalies/" + java.util.UUID.randomUUID() + "/acknowledge", "").statusCode())
                .isEqualTo(401);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(demo.baseUri().resolve("/api/payments"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(demo.baseUri()
                .resolve("/api/payments/" + id)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(401);
        assertThat(delete.statusCode()).isEqualTo(401);
    }

    @Test
    void theRightTokenIsAccepted() throws Exception {
        String id = createdId();

        HttpResponse<String> confirmed = post("/api/payments/" + id + "/confirm-cash", "{}",
                "Authorization", "bearer " + TOKEN);

        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(confirmed.body()).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void theLibrarysVerifyRouteNeedsTheTokenToo() throws Exception {
        String id = createdId();

        HttpResponse<String> anonymous = post("/payments/" + id + "/verify/", "");
        HttpResponse<String> foreign = post("/payments/" + id + "/verify/", "",
                "Authorization", "Bearer " + TOKEN, "Origin", "https://attacker.example");
        HttpResponse<String> cashier = post("/payments/" + id + "/verify/", "",
                "Authorization", "Bearer " + TOKEN);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(cashier.statusCode()).isEqualTo(200);
    }

    @Test
    void theSimulatedCustomerAndTheWebhookRoutesNeedNoToken() throws Exception {
        HttpResponse<String> created = post("/api/payments", "{\"orderReference\":\"BILL-SIM\","
                + "\"amount\":\"5000\",\"method\":\"MTN_MOBILE_MONEY\",\"phone\":\"0772123456\"}",
                "Authorization", "Bearer " + TOKEN);
        String id = mapper.readTree(created.body()).get("id").asText();

        HttpResponse<String> approved = post("/simulator/mtn/payments/" + id + "/approve", "");
        HttpResponse<String> webhook = post("/payments/webhooks/flutterwave/", "{}");

        assertThat(approved.statusCode()).isEqualTo(200);
        // reaches the library, which judges the signature itself: not the guard's 401 JSON
        assertThat(webhook.statusCode()).isEqualTo(401);
        assertThat(webhook.body()).doesNotContain("cashier token");
    }

    @Test
    void readsStayOpenOnLocalhost() throws Exception {
        assertThat(get("/api/payments").isArray()).isTrue();
        assertThat(get("/api/mode").get("simulated").asBoolean()).isTrue();
    }

    @Test
    void aShortOrSpacedTokenIsRefusedAtStart() {
        for (String bad : List.of("short", "", "sixteen chars ok", "0123456789abcde", "tab\tinside-a-long-token")) {
            assertThatThrownBy(() -> DemoServer.start(Map.of("DEMO_CASHIER_TOKEN", bad), 0).close())
                    .hasMessageContaining("DEMO_CASHIER_TOKEN")
                    .hasMessageContaining("16 printable characters")
                    .satisfies(e -> {
                        if (bad.length() > 4) {
                            assertThat(e.getMessage()).doesNotContain(bad);
                        }
                    });
        }
    }

    @Test
    void productionIsRefusedInProcessBeforeAnythingStarts() {
        assertThatThrownBy(() -> DemoServer.start(Map.of("PAYMENT_ENVIRONMENT", "Production",
                "DEMO_CASHIER_TOKEN", TOKEN), 0).close())
                .hasMessageContaining("PAYMENT_ENVIRONMENT=production");
    }

    @Test
    void theAppExitsWithCode2AndSaysWhyInProduction() throws Exception {
        Ended app = runToEnd(Map.of("PAYMENT_ENVIRONMENT", "production"));

        assertThat(app.exitCode()).isEqualTo(2);
        assertThat(app.err()).contains("PAYMENT_ENVIRONMENT=production").contains("not a production");
    }

    @Test
    void theAppExitsWithCode2ForATooShortToken() throws Exception {
        Ended app = runToEnd(Map.of("DEMO_CASHIER_TOKEN", "tooshort"));

        assertThat(app.exitCode()).isEqualTo(2);
        assertThat(app.err()).contains("DEMO_CASHIER_TOKEN").doesNotContain("tooshort");
    }

    @Test
    void aGeneratedTokenIsPrintedOnceAndWorks() throws Exception {
        Process app = launch(Map.of());
        try {
            List<String> lines = new ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null && !line.startsWith("Press Ctrl+C");
                    line = out.readLine()) {
                lines.add(line);
            }
            String tokenLine = lines.stream().filter(l -> l.startsWith("Cashier token:")).findFirst().orElseThrow();
            String token = tokenLine.substring("Cashier token:".length()).trim().split(" ")[0];
            String url = lines.stream().filter(l -> l.contains("http://localhost:")).findFirst().orElseThrow();
            String base = url.substring(url.indexOf("http://localhost:")).trim();

            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(String.join("\n", lines).split(token, -1)).hasSize(2);
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(java.net.URI.create(base)
                    .resolve("/api/payments")).header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(cashBill())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private record Ended(int exitCode, String out, String err) {
    }

    /**
     * Runs the app and waits for it to end by itself; one that keeps running (it did not refuse)
     * is stopped and reported as a failure rather than hanging the build.
     */
    private static Ended runToEnd(Map<String, String> env) throws Exception {
        Path out = Files.createTempFile("demo-out", ".txt");
        Path err = Files.createTempFile("demo-err", ".txt");
        ProcessBuilder pb = builder(env).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process app = pb.start();
        if (!app.waitFor(60, TimeUnit.SECONDS)) {
            app.destroyForcibly().waitFor();
            throw new AssertionError("the demo kept running instead of refusing to start:\n"
                    + Files.readString(out));
        }
        return new Ended(app.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Process launch(Map<String, String> extraEnv) throws Exception {
        return builder(extraEnv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The real main class in a fresh JVM, so its exit code and output are what a user sees. */
    private static ProcessBuilder builder(Map<String, String> extraEnv) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DemoApp.class.getName());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PAYMENT_") || k.startsWith("DEMO_")
                || k.startsWith("MTN_") || k.startsWith("AIRTEL_") || k.startsWith("FLUTTERWAVE_")
                || k.equals("SITE_URL"));
        env.put("PORT", "0");
        env.putAll(extraEnv);
        return pb;
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(demo.baseUri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return mapper.readTree(r.body());
    }
}
