package org.dusangire.payment.core.model;

import java.util.Objects;
import java.util.UUID;

/**
 * Our id for a payment: a random UUID (version 4). It is also the reference we hand to providers
 * that let us choose one (MTN {@code X-Reference-Id}, Airtel {@code transaction.id}, Flutterwave
 * {@code tx_ref}), so a retry always carries the same reference.
 */
public record PaymentId(UUID value) {
    public PaymentId {
        Objects.requireNonNull(value, "payment id must not be null");
    }

    public static PaymentId random() {
        return new PaymentId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text form. */
    public static PaymentId parse(String text) {
        return new PaymentId(CanonicalUuid.parse(text, "paymentId", "payment id must be a UUID"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
