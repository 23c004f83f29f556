package org.dusangire.payment.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * One recorded inbound request. Secrets in headers are redacted before recording.
 *
 * @param at       when it arrived, by the simulator's clock
 * @param method   HTTP method
 * @param path     request path
 * @param endpoint the simulator's endpoint key, {@code CONTROL} or {@code UNKNOWN}
 * @param headers  the selected headers, keyed by lower-case name
 * @param body     the body as text
 */
public record JournalEntry(Instant at, String method, String path, String endpoint,
                           Map<String, String> headers, String body) {

    /** Copies the header map. */
    public JournalEntry {
        headers = Map.copyOf(headers);
    }

    /** A recorded header value, or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
