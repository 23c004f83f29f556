package org.dusangire.payment.core.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a payment stands. {@code PENDING} leads to exactly one of {@code SUCCEEDED},
 * {@code FAILED}, {@code CANCELLED} or {@code EXPIRED}; a succeeded payment may later be
 * refunded in part or in full. Nothing ever goes back to an earlier status.
 */
public enum PaymentStatus {
    PENDING, SUCCEEDED, FAILED, CANCELLED, EXPIRED, PARTIALLY_REFUNDED, REFUNDED;

    /** True once the payment's outcome is settled (everything except {@code PENDING}). */
    public boolean isFinal() {
        return this != PENDING;
    }

    /** True when money was taken: succeeded, or succeeded and then (partly) refunded. */
    public boolean isPaid() {
        return this == SUCCEEDED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }

    /** The statuses this one may move to. */
    public Set<PaymentStatus> successors() {
        return switch (this) {
            case PENDING -> EnumSet.of(SUCCEEDED, FAILED, CANCELLED, EXPIRED);
            case SUCCEEDED, PARTIALLY_REFUNDED -> EnumSet.of(PARTIALLY_REFUNDED, REFUNDED);
            case FAILED, CANCELLED, EXPIRED, REFUNDED -> EnumSet.noneOf(PaymentStatus.class);
        };
    }

    public boolean canBecome(PaymentStatus next) {
        return successors().contains(next);
    }
}
