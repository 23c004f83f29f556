package org.dusangire.payment.core.model;

import java.util.Objects;
import java.util.UUID;
import org.dusangire.payment.core.error.PaymentValidationException;

/**
 * Our id for a payment: a random UUID (version 4). It is also the reference we hand to providers
 * that let us choose one (MTN {@code X-Reference-Id}, Airtel {@code transaction.id}, Flutterwave
 * {@code tx_ref}), so a retry always carries the same reference.
 */
public record PaymentId(UUID value) {
    private static final java.util.regex.Pattern CANONICAL = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public PaymentId {
        Objects.requireNonNull(value, "payment id must not be null");
    }

    public static PaymentId random() {
        return new PaymentId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text form. */
    public static PaymentId parse(String text) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
            throw new PaymentValidationException("paymentId", "payment id must be a UUID");
        }
        try {
            return new PaymentId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new PaymentValidationException("paymentId", "payment id must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
