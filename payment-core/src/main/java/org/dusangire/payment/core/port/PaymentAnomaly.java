package org.dusangire.payment.core.port;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Something a person should look at, raised instead of being applied: a provider contradicting a
 * final status, a payment for the wrong amount or currency, an event for an unknown payment. The
 * repository keeps it (open until acknowledged, see {@link StoredAnomaly}) and listeners hear of
 * it at least once.
 *
 * @param id               its id: stable across redeliveries, for the host's deduplication
 * @param kind             what kind of problem
 * @param paymentReference the payment concerned, if known
 * @param gatewayName      the gateway that reported it
 * @param detail           a description without secrets or full phone numbers
 * @param at               when it was seen
 */
public record PaymentAnomaly(UUID id, Kind kind, String paymentReference, String gatewayName,
        String detail, Instant at) {
    /** Kinds of anomaly. */
    public enum Kind {
        /** The provider reports an outcome that contradicts a final status we hold. */
        CONTRADICTING_REPORT,
        /** Paid less than due. */
        AMOUNT_MISMATCH,
        /** Paid in another currency. */
        CURRENCY_MISMATCH,
        /** The provider's report names another reference than ours. */
        REFERENCE_MISMATCH,
        /** An authenticated event for a payment we do not know. */
        UNKNOWN_REFERENCE,
        /**
         * A payment expired while its outcome was unknown and the provider could not be asked
         * (it assigns its own reference and never told it): someone must check its records.
         */
        UNVERIFIED_EXPIRY
    }

    public PaymentAnomaly {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(at, "at must not be null");
    }

    /** A new anomaly with a fresh id. */
    public PaymentAnomaly(Kind kind, String paymentReference, String gatewayName, String detail,
            Instant at) {
        this(UUID.randomUUID(), kind, paymentReference, gatewayName, detail, at);
    }
}
