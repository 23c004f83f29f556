package org.dusangire.payment.core.service;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.dusangire.payment.core.model.Payment;

/**
 * The answer to a checkout: the payment as stored and what to show the customer.
 *
 * @param payment      the payment
 * @param nextAction   what the host should do next
 * @param instructions a short, customer-facing sentence
 */
public record CheckoutResult(Payment payment, NextAction nextAction, String instructions) {
    public CheckoutResult {
        Objects.requireNonNull(payment, "payment must not be null");
        Objects.requireNonNull(nextAction, "nextAction must not be null");
    }

    /** The hosted checkout page, for {@link NextAction#REDIRECT}. */
    public Optional<URI> paymentLink() {
        return Optional.ofNullable(payment.paymentLink());
    }
}
