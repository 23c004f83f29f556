package org.dusangire.payment.gateway.airtel;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that answers the refund and the enquiry with canned bodies, for envelopes the
 * simulator never sends (real sockets, the real adapter; only the provider is scripted).
 */
final class CannedAirtel implements AutoCloseable {
    private final HttpServer server;
    private volatile int refundStatus = 200;
    private volatile String refundBody = "{}";
    private volatile String enquiryBody = "{}";
    private volatile int pushStatus = 200;
    private volatile String pushBody = "{}";
    final AtomicInteger pushes = new AtomicInteger();
    final AtomicInteger refunds = new AtomicInteger();
    final AtomicInteger enquiries = new AtomicInteger();

    CannedAirtel() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/auth/oauth2/token", ex -> answer(ex, 200,
                "{\"access_token\":\"canned-token\",\"expires_in\":\"180\",\"token_type\":\"bearer\"}"));
        server.createContext("/merchant/v1/payments/", ex -> {
            pushes.incrementAndGet();
            answer(ex, pushStatus, pushBody);
        });
        server.createContext("/standard/v1/payments/refund", ex -> {
            refunds.incrementAndGet();
            answer(ex, refundStatus, refundBody);
        });
        server.createContext("/standard/v1/payments/", ex -> {
            enquiries.incrementAndGet();
            answer(ex, 200, enquiryBody);
        });
        server.start();
    }

    /** The answer to the next pushes (collection initiations). */
    CannedAirtel push(int status, String body) {
        pushStatus = status;
        pushBody = body;
        return this;
    }

    /** The answer to the next refunds. */
    CannedAirtel refund(int status, String body) {
        refundStatus = status;
        refundBody = body;
        return this;
    }

    /** The enquiry's {@code data.transaction.status} from now on, with the payment's Airtel id. */
    CannedAirtel enquiry(String transactionStatus, String airtelMoneyId) {
        enquiryBody = "{\"data\":{\"transaction\":{\"airtel_money_id\":\"" + airtelMoneyId
                + "\",\"id\":\"x\",\"message\":\"m\",\"status\":\"" + transactionStatus + "\"}},"
                + "\"status\":{\"code\":\"200\",\"message\":\"SUCCESS\",\"result_code\":\"ESB000010\","
                + "\"response_code\":\"DP00800001006\",\"success\":false}}";
        return this;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(com.sun.net.httpserver.HttpExchange ex, int status, String body)
            throws IOException {
        try (ex) {
            ex.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
