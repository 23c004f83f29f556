package org.dusangire.payment.persistence.jdbi;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.dusangire.payment.core.model.Payment;

/**
 * How many history rows are stored for a payment at a given version, as last seen by this
 * repository when it read or wrote the payment. History rows are only ever written in the same
 * transaction as a version change, so "payment X at version V has N history rows" stays true
 * forever once committed, on every instance; an update whose version guard passes can therefore
 * write only the entries after N without first counting the stored rows. Only a hint: when the
 * version is not the one remembered (another instance changed the payment, or the entry was
 * dropped), the repository counts as before. Bounded: past {@link #MAX_ENTRIES} it starts over.
 */
final class HistorySizes {
    static final int MAX_ENTRIES = 16_384;

    private record Known(long version, int size) {
    }

    private final ConcurrentHashMap<UUID, Known> known = new ConcurrentHashMap<>();

    /** Call only with a payment as committed (read from, or written to, the store). */
    void remember(Payment payment) {
        if (known.size() >= MAX_ENTRIES) {
            known.clear();
        }
        known.put(payment.id().value(), new Known(payment.version(), payment.history().size()));
    }

    /** The stored history size of this payment at {@code version}, or -1 when not known. */
    int at(UUID id, long version) {
        Known k = known.get(id);
        return k != null && k.version() == version ? k.size() : -1;
    }
}
