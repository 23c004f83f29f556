package org.dusangire.payment.simulator;

import java.nio.charset.StandardCharsets;

/**
 * What a simulator answers, before faults are applied.
 *
 * @param status      HTTP status code
 * @param contentType content type, or {@code null} for an empty body
 * @param body        body bytes (empty for none)
 */
public record SimResponse(int status, String contentType, byte[] body) {

    private static final String JSON = "application/json; charset=utf-8";

    /** Checks the status and copies the body. */
    public SimResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be a valid HTTP status: " + status);
        }
        body = body == null ? new byte[0] : body.clone();
    }

    /** A response with no body, such as MTN's 202 on request-to-pay. */
    public static SimResponse empty(int status) {
        return new SimResponse(status, null, new byte[0]);
    }

    /** A JSON response from already serialised bytes. */
    public static SimResponse json(int status, byte[] json) {
        return new SimResponse(status, JSON, json);
    }

    /** A JSON response from a JSON text. */
    public static SimResponse json(int status, String json) {
        return json(status, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the status is 2xx. */
    public boolean successful() {
        return status >= 200 && status < 300;
    }
}
