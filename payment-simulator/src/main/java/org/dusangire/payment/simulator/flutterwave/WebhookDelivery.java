package org.dusangire.payment.simulator.flutterwave;

import java.time.Instant;
import java.util.Map;

/**
 * One webhook the simulator tried to deliver to the dashboard URL (or deliberately did not).
 *
 * @param at            when the attempt started, by the simulator's clock
 * @param url           the dashboard webhook URL
 * @param transactionId the transaction the webhook is about
 * @param attempt       1 for the first delivery, 2..4 for retries
 * @param headers       the headers sent besides Content-Type (the authentication header)
 * @param body          the exact body sent
 * @param status        HTTP status received; {@code -1} without an answer
 * @param suppressed    whether a {@code CALLBACK_NEVER_SENT} fault suppressed it
 */
public record WebhookDelivery(Instant at, String url, long transactionId, int attempt,
                              Map<String, String> headers, byte[] body, int status,
                              boolean suppressed) {

    /** Copies the mutable parts. */
    public WebhookDelivery {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Flutterwave counts only HTTP 200 as delivered. */
    public boolean delivered() {
        return status == 200;
    }

    /** Accessor returning a copy. */
    @Override
    public byte[] body() {
        return body.clone();
    }
}
