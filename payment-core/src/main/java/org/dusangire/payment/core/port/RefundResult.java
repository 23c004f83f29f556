package org.dusangire.payment.core.port;

import java.util.Objects;

/**
 * The provider's answer to a refund.
 *
 * @param status           completed, still being processed, or refused
 * @param providerRefundId the provider's id for the refund, when it gives one
 * @param rawResponse      the answer with secrets removed
 */
public record RefundResult(Status status, String providerRefundId, String rawResponse) {
    /** Where a refund stands at the provider. */
    public enum Status { COMPLETED, PENDING, FAILED }

    public RefundResult {
        Objects.requireNonNull(status, "status must not be null");
    }
}
