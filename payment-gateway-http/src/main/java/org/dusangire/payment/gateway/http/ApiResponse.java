package org.dusangire.payment.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's answer: status, headers and the body bytes (already capped in size). The body is
 * parsed leniently at most once; {@link #json()} is empty for an empty, non-JSON or oversized
 * body, so an adapter can always fall back to classifying by {@link #status()}.
 */
public final class ApiResponse {
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final JsonCodec codec;
    private final Redactor redactor;
    private Optional<JsonNode> json;

    ApiResponse(int status, Map<String, List<String>> headers, byte[] body, JsonCodec codec,
            Redactor redactor) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.codec = codec;
        this.redactor = redactor;
    }

    public int status() {
        return status;
    }

    /** True for 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The first value of a header, matched without regard to case. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }

    /** A copy of the body bytes. */
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The parsed body; empty when it is empty, not JSON, or beyond the codec's limits. */
    public Optional<JsonNode> json() {
        if (json == null) {
            json = codec.readTree(body);
        }
        return json;
    }

    /** The body bound to {@code type}; empty when it cannot be read. */
    public <T> Optional<T> as(Class<T> type) {
        return codec.read(body, type);
    }

    /**
     * The body with secrets and phone numbers removed, for logs and the stored raw response; for
     * an empty body, the status line (e.g. {@code HTTP 202}). The body is parsed once for this and
     * {@link #json()} together.
     */
    public String redactedBody() {
        if (body.length == 0) {
            return "HTTP " + status;
        }
        // redacted from the tree json() keeps: every reader of a status answer parses it for its
        // fields as well, so the body is parsed once (redactBody would parse it again)
        return json().map(tree -> redactor.redact(tree, codec))
                .orElseGet(() -> redactor.redactText(bodyText()));
    }

    /** Free text (e.g. a provider's error message) with secrets and phone numbers removed. */
    public String redact(String text) {
        return redactor.redactText(text);
    }

    /** The {@code Retry-After} header when given in seconds. */
    Duration retryAfter() {
        return header("Retry-After").filter(v -> v.trim().matches("[0-9]{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v.trim()))).orElse(null);
    }

    @Override
    public String toString() {
        return "ApiResponse[HTTP " + status + ", " + body.length + " bytes]";
    }
}
