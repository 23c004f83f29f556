package org.dusangire.payment.webhooks.servlet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * The one INFO line each request leaves, and the SLF4J MDC around its handling: {@code requestId}
 * (the caller's {@code X-Request-Id} when it is a short safe token, otherwise a fresh one),
 * {@code gateway} and {@code paymentId} once known. Only masked paths reach the log: never a
 * query string, body, header value or callback token. On close the MDC is put back as it was.
 */
final class RequestLog implements AutoCloseable {
    static final String REQUEST_ID = "requestId";
    static final String GATEWAY = "gateway";
    static final String PAYMENT_ID = "paymentId";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final Logger log;
    private final String method;
    private final String path;
    private final String requestId;
    private final Map<String, String> previous = new LinkedHashMap<>();
    private String gateway;
    private String paymentId;
    private int status;
    private String outcome = "UNHANDLED";

    RequestLog(Logger log, String method, String path, String requestIdHeader) {
        this.log = log;
        this.method = method;
        this.path = path;
        this.requestId = requestIdHeader != null && SAFE_ID.matcher(requestIdHeader).matches()
                ? requestIdHeader : freshId();
        put(REQUEST_ID, requestId);
    }

    /**
     * A random version 4 UUID drawn from the thread's own generator: a request id names a line
     * in a log and guards nothing, so it need not wait on the shared secure generator.
     */
    static String freshId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L,
                random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
    }

    String requestId() {
        return requestId;
    }

    void gateway(String name) {
        gateway = name;
        put(GATEWAY, name);
    }

    void paymentId(String id) {
        if (id != null) {
            paymentId = id;
            put(PAYMENT_ID, id);
        }
    }

    void outcome(int httpStatus, String what) {
        status = httpStatus;
        outcome = what;
    }

    @Override
    public void close() {
        try {
            log.info("{} {} -> {} {} (request {}, gateway {}, payment {})", method, path, status,
                    outcome, requestId, gateway == null ? "-" : gateway,
                    paymentId == null ? "-" : paymentId);
        } finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            });
        }
    }

    private void put(String key, String value) {
        if (!previous.containsKey(key)) {
            previous.put(key, MDC.get(key));
        }
        MDC.put(key, value);
    }
}
