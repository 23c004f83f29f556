package org.dusangire.payment.core.port;

import java.time.Instant;
import java.util.Objects;

/**
 * An inbound event kept in the webhook inbox, so that a duplicate delivery is recognised and an
 * event whose processing was interrupted is finished later by reconciliation.
 *
 * @param key              gateway and event key (unique)
 * @param paymentReference the payment the event names, or {@code null} if unknown
 * @param receivedAt       when it arrived
 * @param payload          the raw body as text
 * @param processedAt      when processing finished; {@code null} while unprocessed
 * @param outcome          how it ended (e.g. {@code PROCESSED}, {@code UNKNOWN_REFERENCE}); may be null
 */
public record InboxEntry(InboxKey key, String paymentReference, Instant receivedAt, String payload,
        Instant processedAt, String outcome) {
    public InboxEntry {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(receivedAt, "receivedAt must not be null");
    }

    public static InboxEntry received(InboxKey key, String paymentReference, Instant receivedAt,
            String payload) {
        return new InboxEntry(key, paymentReference, receivedAt, payload, null, null);
    }

    public boolean isProcessed() {
        return processedAt != null;
    }
}
