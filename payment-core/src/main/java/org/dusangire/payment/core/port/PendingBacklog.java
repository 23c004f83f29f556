package org.dusangire.payment.core.port;

import java.time.Instant;
import java.util.Optional;

/**
 * What is waiting in the store: payments still {@code PENDING}, how many of them have an outcome
 * the provider never confirmed ({@link org.dusangire.payment.core.model.Payment#outcomeUnknown()}:
 * the initiation timed out or its answer was lost), and when the oldest of them was created.
 * Counted by {@link PaymentRepository#pendingBacklog()} in one cheap query.
 *
 * @param pending         pending payments
 * @param outcomeUnknown  of those, payments whose initiation's outcome is unknown
 * @param oldestCreatedAt when the oldest pending payment was created; {@code null} when none is
 *                        pending
 */
public record PendingBacklog(long pending, long outcomeUnknown, Instant oldestCreatedAt) {
    /** Nothing pending. */
    public static final PendingBacklog EMPTY = new PendingBacklog(0, 0, null);

    public PendingBacklog {
        if (pending < 0 || outcomeUnknown < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (outcomeUnknown > pending) {
            throw new IllegalArgumentException("outcomeUnknown must not exceed pending");
        }
        if ((pending == 0) != (oldestCreatedAt == null)) {
            throw new IllegalArgumentException("oldestCreatedAt must be set exactly when payments are pending");
        }
    }

    /** {@link #oldestCreatedAt()}, empty when nothing is pending. */
    public Optional<Instant> oldest() {
        return Optional.ofNullable(oldestCreatedAt);
    }
}
