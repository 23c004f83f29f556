package org.dusangire.payment.core.model;

import java.util.Objects;
import java.util.UUID;

/**
 * Our id for a refund: a random UUID (version 4), generated once when the refund is reserved and
 * stored. It is the reference handed to providers that let us choose one (MTN's
 * {@code X-Reference-Id} of the refund), so every retry of the same refund carries the same id.
 */
public record RefundId(UUID value) {
    public RefundId {
        Objects.requireNonNull(value, "refund id must not be null");
    }

    public static RefundId random() {
        return new RefundId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text form. */
    public static RefundId parse(String text) {
        return new RefundId(CanonicalUuid.parse(text, "refundId", "refund id must be a UUID"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
