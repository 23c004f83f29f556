package org.dusangire.payment.gateway.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One call to a provider API, relative to the gateway's base URI. GETs are repeatable; a POST is
 * repeated only when it names the provider-side reference that makes a repeat harmless
 * ({@link Builder#idempotentWith(String)}), for example MTN's {@code X-Reference-Id}.
 */
public final class ApiRequest {
    private final String method;
    private final String path;
    private final Map<String, String> headers;
    private final Object body;
    private final boolean repeatable;
    private final String reference;

    private ApiRequest(Builder b) {
        this.method = b.method;
        this.path = b.path;
        this.headers = Map.copyOf(b.headers);
        this.body = b.body;
        this.repeatable = b.repeatable;
        this.reference = b.reference;
    }

    /** A GET, repeatable. */
    public static Builder get(String path) {
        return new Builder("GET", path).repeatable(true);
    }

    /** A POST, not repeatable unless {@link Builder#idempotentWith(String)} says why it is. */
    public static Builder post(String path) {
        return new Builder("POST", path);
    }

    public String method() {
        return method;
    }

    /** Path (and query) appended to the base URI, e.g. {@code /collection/v1_0/requesttopay}. */
    public String path() {
        return path;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The JSON body (a record, map or tree), or {@code null} for none. */
    public Object body() {
        return body;
    }

    /** Whether a timeout or a transient answer may be followed by the same request again. */
    public boolean repeatable() {
        return repeatable;
    }

    /** Our payment reference, for errors and logs; may be {@code null}. */
    public String reference() {
        return reference;
    }

    Builder toBuilder() {
        Builder b = new Builder(method, path);
        b.headers.putAll(headers);
        b.body = body;
        b.repeatable = repeatable;
        b.reference = reference;
        return b;
    }

    @Override
    public String toString() {
        return method + " " + path + (reference == null ? "" : " [" + reference + "]");
    }

    /** Builds an {@link ApiRequest}. */
    public static final class Builder {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Object body;
        private boolean repeatable;
        private String reference;

        private Builder(String method, String path) {
            this.method = method;
            this.path = Objects.requireNonNull(path, "path must not be null");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with /");
            }
        }

        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name must not be null"),
                    Objects.requireNonNull(value, "value of " + name + " must not be null"));
            return this;
        }

        /** A JSON body, serialised with the gateway's codec. */
        public Builder json(Object body) {
            this.body = body;
            return this;
        }

        /** Our payment reference, carried into exceptions and log lines. */
        public Builder reference(String reference) {
            this.reference = reference;
            return this;
        }

        /**
         * Declares the POST repeatable because the provider de-duplicates it by
         * {@code providerReference} (which must also be sent, e.g. as a header), so a repeat after a
         * timeout cannot act twice. Also records it as the reference.
         */
        public Builder idempotentWith(String providerReference) {
            this.reference = Objects.requireNonNull(providerReference,
                    "providerReference must not be null");
            this.repeatable = true;
            return this;
        }

        Builder repeatable(boolean repeatable) {
            this.repeatable = repeatable;
            return this;
        }

        public ApiRequest build() {
            return new ApiRequest(this);
        }
    }
}
