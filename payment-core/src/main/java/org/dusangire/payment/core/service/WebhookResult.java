package org.dusangire.payment.core.service;

import java.util.Optional;
import org.dusangire.payment.core.model.Payment;

/**
 * How an authenticated webhook was handled. Every outcome is acknowledged to the provider with
 * 200: the event is kept in the inbox either way.
 *
 * @param outcome what happened
 * @param payment the payment concerned, when known
 */
public record WebhookResult(Outcome outcome, Optional<Payment> payment) {
    /** Outcomes of a webhook. */
    public enum Outcome {
        /** Confirmed with the provider and applied (or found already applied). */
        PROCESSED,
        /** The same event was received before. */
        DUPLICATE,
        /** No payment matches the event's reference; the event is kept. */
        UNKNOWN_REFERENCE,
        /** Stored, but the provider could not be asked now; reconciliation finishes it. */
        DEFERRED
    }
}
