package org.dusangire.payment.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.testkit.InMemoryPaymentRepository;
import org.dusangire.payment.testkit.MutableClock;
import org.dusangire.payment.testkit.RecordingListener;
import org.dusangire.payment.simulator.airtel.AirtelMoneySimulator;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveSimulator;
import org.dusangire.payment.testkit.TestPayments;
import org.dusangire.payment.webhooks.servlet.PaymentWebhookServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.BufferUtil;
import org.slf4j.LoggerFactory;

/**
 * 100,000 generated webhook requests per provider, random or mutated from VALID ones (MTN's
 * per-payment callback path, Airtel's callback with its true HMAC {@code hash}, Flutterwave's
 * webhook with its true {@code flutterwave-signature} or {@code verif-hash}), so the real adapters'
 * checks are what gets attacked, sent as
 * raw HTTP into the real servlet in a real Jetty through its in-process {@link LocalConnector}
 * (the full HTTP parser and servlet stack, without sockets: a loopback socket per request made
 * 300,000 requests too slow for CI). Every answer is one of the documented ones, no exception
 * escapes the adapter (no 500, nothing logged at ERROR), and a request that is not authentic
 * writes nothing to the store.
 */
class HostileWebhookTest {
    static final int TRIES = 100_000;
    /** What the servlet documents for a webhook route, plus 404 for an unknown one. */
    static final Set<Integer> DOCUMENTED = Set.of(200, 400, 401, 404, 405, 413, 415, 503);
    private static final int PAYMENTS_PER_PROVIDER = 4;

    private static List<ProviderRig> rigs;
    private static CountingRepository store;
    private static Server jetty;
    private static LocalConnector connector;
    private static final Map<String, List<Payment>> payments = new LinkedHashMap<>();
    /**
     * Per provider, counted from what each request's checks saw (so a failing run prints what
     * failed, not zeros): requests, authentic ones, answers outside {@link #DOCUMENTED}, nanos,
     * store writes made by requests that were not authentic, lines logged at ERROR.
     */
    private static final Map<String, long[]> figures = new LinkedHashMap<>();
    private static final int REQUESTS = 0;
    private static final int AUTHENTIC = 1;
    private static final int UNDOCUMENTED = 2;
    private static final int NANOS = 3;
    private static final int UNAUTHENTICATED_WRITES = 4;
    private static final int ESCAPED = 5;
    private static final int FIGURES = 6;
    private static final AtomicLong errorsLogged = new AtomicLong();
    private static AppenderBase<ILoggingEvent> errorCounter;
    private static AirtelMoneySimulator airtel;
    private static FlutterwaveSimulator flutterwave;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeContainer
    static void start() throws Exception {
        rigs = Rigs.all();
        store = new CountingRepository(new InMemoryPaymentRepository());
        MutableClock clock = new MutableClock(TestPayments.T0);
        String deadSite = "http://127.0.0.1:" + WebhookHost.freePort();
        PaymentService service = Services.service(deadSite, store, clock, rigs, new RecordingListener());
        // the simulators sign and send their real callbacks there; nobody listens, but the
        // bodies are recorded and become the authentic requests the properties mutate
        rigs.forEach(r -> r.callbacksTo(java.net.URI.create(deadSite)));
        for (ProviderRig rig : rigs) {
            List<Payment> list = new ArrayList<>();
            for (int i = 0; i < PAYMENTS_PER_PROVIDER; i++) {
                Fate fate = i == 0 ? Fate.ABANDON : Fate.PAY;
                Payment p = service.initiate(rig.checkout(ChaosRun.order("H" + rig.name().charAt(0), i),
                        fate)).payment();
                if (i % 2 == 1) {
                    p = service.verify(p.id()); // some final, some pending
                }
                list.add(p);
            }
            payments.put(rig.name(), list);
            figures.put(rig.name(), new long[FIGURES]);
        }
        airtel = ((AirtelRig) rigs.get(1)).simulator();
        flutterwave = ((FlutterwaveRig) rigs.get(2)).simulator();
        Thread.sleep(300); // let the simulators' callbacks to the dead site be recorded
        jetty = new Server();
        connector = new LocalConnector(jetty);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(PaymentWebhookServlet.builder(service)
                .successUrl("/paid").failureUrl("/failed").build()), "/payments/*");
        jetty.setHandler(context);
        jetty.start();
        errorCounter = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                    errorsLogged.incrementAndGet();
                }
            }
        };
        errorCounter.start();
        ((Logger) LoggerFactory.getLogger("org.dusangire.payment")).addAppender(errorCounter);
    }

    @AfterContainer
    static void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger("org.dusangire.payment")).detachAppender(errorCounter);
        jetty.stop();
        rigs.forEach(ProviderRig::close);
        figures.forEach((name, f) -> Figures.of("hostile[" + name + "]")
                .put("requests", f[REQUESTS]).put("authentic", f[AUTHENTIC])
                .put("undocumented", f[UNDOCUMENTED]).put("escaped", f[ESCAPED])
                .put("unauthenticatedWrites", f[UNAUTHENTICATED_WRITES])
                .put("seconds", String.format("%.1f", f[NANOS] / 1e9))
                .print());
    }

    /** Found by a run of the property: the padding of a true hash turned into a space. */
    @Example
    void aTrueHashWhosePaddingBecameASpaceIsJudgedByItsMac() {
        String signed = "{\"transaction\":{\"id\":\"t-1\",\"status_code\":\"TF\"},"
                + "\"hash\":\"PrPimpEoUDOFIfPo5HajsMommze56+jJugscSNVt4r8=\"}";
        String spaced = signed.replace("r8=\"", "r8 \"");
        String other = signed.replace("\"PrP", "\"QrP");

        assertThat(canonicalHash(spaced.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(canonicalHash(signed.getBytes(StandardCharsets.UTF_8)));
        assertThat(canonicalHash(other.getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(canonicalHash(signed.getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("POST", "POST", "POST", "PUT", "PUT", "GET", "DELETE", "PATCH", "OPTIONS");
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().all().ofMaxLength(24);
    }

    @Property(tries = TRIES)
    void mtnWebhooksAnswerOnlyDocumentedCodes(@ForAll("methods") String method,
            @ForAll @IntRange(max = 9) int pathKind, @ForAll @IntRange(max = 7) int bodyKind,
            @ForAll @IntRange(max = 5) int typeKind, @ForAll @IntRange(max = 4) int authKind,
            @ForAll long seed, @ForAll("noise") String noise) throws Exception {
        check("mtn-momo", method, pathKind, bodyKind, typeKind, authKind, seed, noise);
    }

    @Property(tries = TRIES)
    void airtelWebhooksAnswerOnlyDocumentedCodes(@ForAll("methods") String method,
            @ForAll @IntRange(max = 9) int pathKind, @ForAll @IntRange(max = 7) int bodyKind,
            @ForAll @IntRange(max = 5) int typeKind, @ForAll @IntRange(max = 4) int authKind,
            @ForAll long seed, @ForAll("noise") String noise) throws Exception {
        check("airtel-money", method, pathKind, bodyKind, typeKind, authKind, seed, noise);
    }

    @Property(tries = TRIES)
    void flutterwaveWebhooksAnswerOnlyDocumentedCodes(@ForAll("methods") String method,
            @ForAll @IntRange(max = 9) int pathKind, @ForAll @IntRange(max = 7) int bodyKind,
            @ForAll @IntRange(max = 5) int typeKind, @ForAll @IntRange(max = 4) int authKind,
            @ForAll long seed, @ForAll("noise") String noise) throws Exception {
        check("flutterwave", method, pathKind, bodyKind, typeKind, authKind, seed, noise);
    }

    private void check(String gateway, String method, int pathKind, int bodyKind, int typeKind,
            int authKind, long seed, String noise) throws Exception {
        long t0 = System.nanoTime();
        Random random = new Random(seed);
        List<Payment> mine = payments.get(gateway);
        Payment p = mine.get(random.nextInt(mine.size()));
        boolean mtn = gateway.equals("mtn-momo");

        String token = mtn ? p.callbackToken() : "";
        String path = switch (pathKind) {
            case 0 -> "/payments/webhooks/" + gateway + "/";
            case 1 -> "/payments/webhooks/" + gateway + "/" + p.id();
            case 2 -> "/payments/webhooks/" + gateway + "/" + p.id() + "/" + mutate(token, random);
            case 3 -> "/payments/webhooks/" + gateway + "/" + noise;
            case 4 -> "/payments/webhooks/" + noise + "/" + p.id() + "/" + token;
            case 5 -> "/payments/webhooks/" + gateway + "/" + p.id() + "/" + token + "/" + noise;
            case 6 -> "/payments/" + noise;
            default -> "/payments/webhooks/" + gateway + (mtn ? "/" + p.id() + "/" + token : "/");
        };
        // a VALID request of this provider, then attacked: body, type and credentials mutated
        String header = null;
        String signature = null;
        byte[] valid;
        byte[] signedBody = null;
        switch (gateway) {
            case "mtn-momo" -> valid = mtnBody(p, random);
            case "airtel-money" -> {
                byte[][] both = airtelBody(p, random, authKind, noise);
                signedBody = both[0];
                valid = both[1];
            }
            default -> {
                valid = flutterwaveBody(p, random);
                String good = hmacBase64(FlutterwaveRig.SECRET_HASH, valid);
                header = authKind == 1 ? "verif-hash" : "flutterwave-signature";
                signature = switch (authKind) {
                    case 0 -> good;
                    case 1 -> random.nextInt(4) == 0 ? mutate(FlutterwaveRig.SECRET_HASH, random)
                            : FlutterwaveRig.SECRET_HASH;
                    case 2 -> null;
                    case 3 -> mutate(good, random);
                    default -> noise.replaceAll("[^\\x21-\\x7e]", "");
                };
            }
        }
        byte[] body = switch (bodyKind) {
            case 0 -> valid;
            case 1 -> mutateBytes(valid, random, 1);
            case 2 -> mutateBytes(valid, random, 1 + random.nextInt(8));
            case 3 -> java.util.Arrays.copyOf(valid, random.nextInt(valid.length + 1));
            case 4 -> noise.getBytes(StandardCharsets.UTF_8);
            case 5 -> randomBytes(random, random.nextInt(300));
            case 6 -> new byte[0];
            default -> random.nextInt(20) == 0 ? randomBytes(random, 70_000) : valid;
        };
        String type = switch (typeKind) {
            case 0 -> "application/json";
            case 1 -> null;
            case 2 -> "application/json; charset=" + noise.replaceAll("[^A-Za-z0-9-]", "");
            case 3 -> "text/plain";
            case 4 -> "application/vnd.api+json";
            default -> "application/x-www-form-urlencoded";
        };
        boolean authentic = isAuthentic(gateway, method, path, p, header, signature, body,
                signedBody);

        long writesBefore = store.writes.get();
        long errorsBefore = errorsLogged.get();
        int status = send(method, path, type, header, signature, body);
        // count first, then assert on the counted values: the figure line prints these counts
        int undocumented = DOCUMENTED.contains(status) ? 0 : 1;
        long errors = errorsLogged.get() - errorsBefore;
        long unauthenticatedWrites = authentic ? 0 : store.writes.get() - writesBefore;
        long[] f = figures.get(gateway);
        synchronized (f) {
            f[REQUESTS]++;
            f[AUTHENTIC] += authentic ? 1 : 0;
            f[UNDOCUMENTED] += undocumented;
            f[UNAUTHENTICATED_WRITES] += unauthenticatedWrites;
            f[ESCAPED] += errors;
            f[NANOS] += System.nanoTime() - t0;
        }
        String what = method + " " + path + " type=" + type + " body=" + body.length + " bytes";
        assertThat(undocumented).as("undocumented answer %d to %s", status, what).isZero();
        assertThat(errors).as("errors logged for %s", what).isZero();
        assertThat(unauthenticatedWrites).as("writes for unauthenticated %s", what).isZero();
    }

    /**
     * The oracle, independent of the adapters: MTN by its per-payment callback path; Airtel by the
     * exact signed body (its hash is inside the body); Flutterwave by the header recomputed over
     * the body actually sent, or the secret hash itself in {@code verif-hash}.
     */
    private static boolean isAuthentic(String gateway, String method, String path, Payment p,
            String header, String signature, byte[] body, byte[] signedBody) {
        if (gateway.equals("mtn-momo")) {
            String expected = "/payments/webhooks/mtn-momo/" + p.id() + "/" + p.callbackToken();
            return (method.equals("PUT") || method.equals("POST"))
                    && (path.equals(expected) || path.equals(expected + "/"));
        }
        if (!path.startsWith("/payments/webhooks/" + gateway + "/")) {
            return false;
        }
        if (gateway.equals("airtel-money")) {
            return signedBody != null && java.util.Arrays.equals(canonicalHash(body), signedBody);
        }
        if (signature == null || signature.isEmpty()) {
            return false;
        }
        return header.equals("verif-hash") ? signature.trim().equals(FlutterwaveRig.SECRET_HASH)
                : signature.trim().equals(hmacBase64(FlutterwaveRig.SECRET_HASH, body));
    }

    /**
     * The body with its {@code hash} re-encoded canonically: Base64 leaves the low bits of the last
     * character unused and the JDK decoder ignores them, so "...A=" and "...B=" can be the same
     * MAC; and the adapter reads the hash as it reads every text field, trimmed, with the padding
     * optional, so "...8=" cut to "...8 " is the same MAC too. Such a hash is still the true MAC
     * (no forgery), and the oracle counts it as authentic.
     */
    private static byte[] canonicalHash(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"hash\":\"([^\"]*)\"").matcher(text);
        if (!m.find()) {
            return body;
        }
        try {
            String canonical = java.util.Base64.getEncoder().encodeToString(
                    java.util.Base64.getDecoder().decode(m.group(1).trim()));
            return (text.substring(0, m.start(1)) + canonical + text.substring(m.end(1)))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return body;
        }
    }

    /**
     * Airtel's callback as the simulator signs it: the simulator's own body for a final payment,
     * or one built the same way for any status; authKind 0 and 1 keep the true hash, 2 drops it,
     * 3 and 4 replace it. Returns the truly signed body and the one to send.
     */
    private static byte[][] airtelBody(Payment p, Random random, int authKind, String noise) {
        String signed;
        var own = random.nextBoolean() ? airtel.callbackBody(p.providerReference()) : java.util.Optional.<byte[]>empty();
        if (own.isPresent()) {
            signed = new String(own.get(), StandardCharsets.UTF_8);
        } else {
            String status = List.of("TS", "TF", "TIP", "TA", "TE").get(random.nextInt(5));
            var root = JSON.createObjectNode();
            var tx = root.putObject("transaction");
            tx.put("id", random.nextInt(10) == 0 ? "x" + random.nextInt(9) : p.providerReference());
            tx.put("message", status.equals("TS") ? "Paid" : "Transaction failed");
            tx.put("status_code", status);
            if (status.equals("TS")) {
                tx.put("airtel_money_id", "MP" + (210_000_000 + random.nextInt(1000)));
            }
            String unsigned = root.toString();
            signed = unsigned.substring(0, unsigned.length() - 1) + ",\"hash\":\""
                    + hmacBase64(AirtelRig.CALLBACK_KEY, unsigned.getBytes(StandardCharsets.UTF_8)) + "\"}";
        }
        String hash = signed.replaceAll(".*\"hash\":\"([^\"]*)\".*", "$1");
        String out = switch (authKind) {
            case 0, 1 -> signed;
            case 2 -> signed.replace(",\"hash\":\"" + hash + "\"", "");
            case 3 -> signed.replace(hash, mutate(hash, random));
            default -> signed.replace(hash, noise.replaceAll("[\"\\\\\\p{Cntrl}]", ""));
        };
        return new byte[][] {signed.getBytes(StandardCharsets.UTF_8), out.getBytes(StandardCharsets.UTF_8)};
    }

    /** A real signed delivery of the simulator for this payment when there is one, else the same shape. */
    private static byte[] flutterwaveBody(Payment p, Random random) {
        List<byte[]> real = flutterwave.webhookDeliveries().stream()
                .filter(d -> new String(d.body(), StandardCharsets.UTF_8).contains(p.providerReference()))
                .map(d -> d.body()).toList();
        if (!real.isEmpty() && random.nextBoolean()) {
            return real.get(random.nextInt(real.size()));
        }
        String status = List.of("successful", "failed", "pending").get(random.nextInt(3));
        var root = JSON.createObjectNode().put("event", random.nextInt(10) == 0 ? "transfer.completed"
                : "charge.completed");
        var data = root.putObject("data");
        data.put("id", 4_000_000_000L + random.nextInt(50));
        data.put("tx_ref", p.providerReference());
        data.put("flw_ref", "FLW-MOCK-" + random.nextInt(1000));
        data.put("amount", random.nextInt(4) == 0 ? 1000 : 1500);
        data.put("currency", random.nextInt(4) == 0 ? "NGN" : "UGX");
        data.put("charged_amount", 1500);
        data.put("status", status);
        data.put("payment_type", "card");
        root.put("event.type", "CARD_TRANSACTION");
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String hmacBase64(String key, byte[] message) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.Base64.getEncoder().encodeToString(mac.doFinal(message));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mtnBody(Payment p, Random random) {
        String status = List.of("SUCCESSFUL", "FAILED", "PENDING", "REJECTED").get(random.nextInt(4));
        return ("{\"financialTransactionId\":\"" + (1_000_000 + random.nextInt(20)) + "\","
                + "\"externalId\":\"" + p.id() + "\",\"amount\":\"1500\",\"currency\":\"UGX\","
                + "\"payer\":{\"partyIdType\":\"MSISDN\",\"partyId\":\"256772123456\"},"
                + "\"status\":\"" + status + "\"" + (status.equals("FAILED")
                ? ",\"reason\":\"APPROVAL_REJECTED\"" : "") + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static String mutate(String s, Random random) {
        if (s.isEmpty()) {
            return "x";
        }
        char[] c = s.toCharArray();
        int i = random.nextInt(c.length);
        c[i] = c[i] == 'A' ? 'B' : 'A';
        return new String(c);
    }

    private static byte[] mutateBytes(byte[] in, Random random, int edits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = in.clone();
        for (int e = 0; e < edits && b.length > 0; e++) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        out.writeBytes(b);
        if (random.nextInt(4) == 0) {
            out.writeBytes(randomBytes(random, random.nextInt(16)));
        }
        return out.toByteArray();
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Raw HTTP/1.1 through the in-process connector; the status code of the answer. */
    private static int send(String method, String path, String type, String header,
            String signature, byte[] body)
            throws Exception {
        StringBuilder head = new StringBuilder(method).append(' ').append(encodePath(path))
                .append(" HTTP/1.1\r\nHost: hospital.example\r\nConnection: close\r\n");
        if (type != null) {
            head.append("Content-Type: ").append(type).append("\r\n");
        }
        if (header != null && signature != null && !signature.isEmpty()) {
            head.append(header).append(": ").append(signature).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer request = ByteBuffer.allocate(h.length + body.length).put(h).put(body).flip();
        ByteBuffer response = connector.getResponse(request);
        String text = BufferUtil.toString(response, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.1 ")) {
            throw new AssertionError("no HTTP answer to " + method + " " + path + ": " + text);
        }
        return Integer.parseInt(text.substring(9, 12));
    }

    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "/-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
