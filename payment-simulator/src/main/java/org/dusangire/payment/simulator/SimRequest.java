package org.dusangire.payment.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One inbound HTTP request as a simulator sees it, fully read.
 *
 * @param method     upper-case HTTP method
 * @param path       request path without the query string
 * @param query      raw query string, or {@code null}
 * @param headers    headers keyed by lower-case name
 * @param body       raw body bytes (empty when none)
 * @param receivedAt when the simulator's clock saw the request
 */
public record SimRequest(String method, String path, String query,
                         Map<String, List<String>> headers, byte[] body, Instant receivedAt) {

    /** Copies the header map and checks required fields. */
    public SimRequest {
        if (method == null || path == null) {
            throw new IllegalArgumentException("method and path must not be null");
        }
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    /** First value of a header (case-insensitive name), or {@code null} when absent. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Whether the header is present at all, even with an empty value. */
    public boolean hasHeader(String name) {
        return headers.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Path split on {@code /}, without the leading empty segment. */
    public List<String> segments() {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }

    /** Value of one query parameter (no decoding beyond {@code +}), or {@code null}. */
    public String queryParam(String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : pair.substring(eq + 1).replace('+', ' ');
            }
        }
        return null;
    }
}
