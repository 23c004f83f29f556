package org.dusangire.payment.core.port;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An anomaly as the repository keeps it: open until a person acknowledges it.
 *
 * @param anomaly        what was seen
 * @param acknowledgedBy who acknowledged it; {@code null} while it is open
 * @param acknowledgedAt when; {@code null} while it is open
 */
public record StoredAnomaly(PaymentAnomaly anomaly, String acknowledgedBy, Instant acknowledgedAt) {
    public StoredAnomaly {
        Objects.requireNonNull(anomaly, "anomaly must not be null");
    }

    /** A new, open anomaly. */
    public static StoredAnomaly open(PaymentAnomaly anomaly) {
        return new StoredAnomaly(anomaly, null, null);
    }

    public UUID id() {
        return anomaly.id();
    }

    public boolean isOpen() {
        return acknowledgedAt == null;
    }
}
