package org.dusangire.payment.persistence.jdbi;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.StatusChange;

/**
 * A payment's stored history at a given version, as last seen by this repository when it read or
 * wrote the payment. History rows are only ever written in the same transaction as a version
 * change, so "payment X at version V has this history" stays true forever once committed, on
 * every instance. Two uses follow:
 * <ul>
 *   <li>an update whose version guard passes writes only the entries after the known ones,
 *       without first counting the stored rows;</li>
 *   <li>a read by id whose row is at the known version takes the history from here, without the
 *       join (the row alone is read).</li>
 * </ul>
 * Only a hint: when the version is not the one remembered (another instance changed the payment,
 * or the entry was dropped), the repository counts or joins as before. A history with a time
 * finer than the microsecond is not what the store keeps (both stores keep microseconds), so of
 * such a history only its size is remembered. Bounded: past {@link #MAX_ENTRIES} it starts over.
 * The lists are the payments' own (immutable), not copies.
 */
final class KnownHistories {
    static final int MAX_ENTRIES = 16_384;

    /** {@code history} is null when only its size is known. */
    private record Known(long version, int size, List<StatusChange> history) {
    }

    private final ConcurrentHashMap<UUID, Known> known = new ConcurrentHashMap<>();

    /** Call only with a payment as committed (read from, or written to, the store). */
    void remember(Payment payment) {
        if (known.size() >= MAX_ENTRIES) {
            known.clear();
        }
        List<StatusChange> history = payment.history();
        known.put(payment.id().value(), new Known(payment.version(), history.size(),
                asStored(history) ? history : null));
    }

    /** The stored history size of this payment at {@code version}, or -1 when not known. */
    int sizeAt(UUID id, long version) {
        Known k = known.get(id);
        return k != null && k.version() == version ? k.size() : -1;
    }

    /** The stored history of this payment at {@code version}, or {@code null} when not known. */
    List<StatusChange> historyAt(UUID id, long version) {
        Known k = known.get(id);
        return k != null && k.version() == version ? k.history() : null;
    }

    /** True when every time in {@code history} is a whole microsecond, as the store keeps it. */
    private static boolean asStored(List<StatusChange> history) {
        for (StatusChange change : history) {
            if (change.at().getNano() % 1_000 != 0) {
                return false;
            }
        }
        return true;
    }

    /** True when some version of this payment's history is held (perhaps not the stored one). */
    boolean holdsHistory(UUID id) {
        Known k = known.get(id);
        return k != null && k.history() != null;
    }
}
