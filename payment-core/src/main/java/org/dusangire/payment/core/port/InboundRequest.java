package org.dusangire.payment.core.port;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A raw inbound HTTP request (webhook or callback) as it reached the host, independent of any web
 * framework. The body is kept as the exact bytes received, because signatures are computed over
 * those bytes and never over re-serialised JSON. Header names are matched without regard to case.
 */
public final class InboundRequest {
    private final String method;
    private final String path;
    private final Map<String, List<String>> headers;
    private final Map<String, List<String>> query;
    private final byte[] body;
    private final String remoteAddress;

    private InboundRequest(Builder b) {
        this.method = Objects.requireNonNull(b.method, "method must not be null");
        this.path = b.path == null ? "" : b.path;
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        b.headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
        this.headers = Collections.unmodifiableMap(h);
        TreeMap<String, List<String>> q = new TreeMap<>();
        b.query.forEach((k, v) -> q.put(k, List.copyOf(v)));
        this.query = Collections.unmodifiableMap(q);
        this.body = b.body == null ? new byte[0] : b.body.clone();
        this.remoteAddress = b.remoteAddress;
    }

    public static Builder builder(String method) {
        return new Builder(method);
    }

    /** HTTP method in upper case, e.g. {@code POST} or {@code PUT}. */
    public String method() {
        return method;
    }

    /**
     * The part of the path after the gateway's webhook route, without leading or trailing slash;
     * e.g. {@code <paymentId>/<token>} for MTN. Empty when there is none.
     */
    public String path() {
        return path;
    }

    /** The first value of a header, matched case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Map<String, List<String>> query() {
        return query;
    }

    /** A copy of the exact body bytes. */
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /** The body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Optional<String> remoteAddress() {
        return Optional.ofNullable(remoteAddress);
    }

    @Override
    public String toString() {
        return "InboundRequest[" + method + " /" + path + ", " + body.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InboundRequest r && r.method.equals(method) && r.path.equals(path)
                && Arrays.equals(r.body, body) && r.headers.equals(headers) && r.query.equals(query);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, Arrays.hashCode(body));
    }

    /** Builds an {@link InboundRequest}. */
    public static final class Builder {
        private final String method;
        private String path;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final Map<String, List<String>> query = new TreeMap<>();
        private byte[] body;
        private String remoteAddress;

        private Builder(String method) {
            this.method = method;
        }

        public Builder path(String path) {
            String p = path == null ? "" : path;
            while (p.startsWith("/")) {
                p = p.substring(1);
            }
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            this.path = p;
            return this;
        }

        public Builder header(String name, String value) {
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        public Builder queryParameter(String name, String value) {
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        public Builder body(byte[] body) {
            this.body = body == null ? null : body.clone();
            return this;
        }

        public Builder body(String body) {
            this.body = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Builder remoteAddress(String remoteAddress) {
            this.remoteAddress = remoteAddress;
            return this;
        }

        public InboundRequest build() {
            return new InboundRequest(this);
        }
    }
}
