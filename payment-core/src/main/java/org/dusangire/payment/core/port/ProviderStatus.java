package org.dusangire.payment.core.port;

/** A provider's view of a payment, as a gateway maps it from the provider's own vocabulary. */
public enum ProviderStatus {
    /** Still waiting for the customer or the provider. */
    PENDING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    EXPIRED,
    /** The provider has no record of this reference: the initiation never reached it. */
    NOT_FOUND,
    /** An answer the gateway could not map; never treated as final. */
    UNKNOWN;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == EXPIRED;
    }
}
