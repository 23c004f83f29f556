package org.dusangire.payment.core.port;

import java.util.Objects;

/**
 * The provider's answer about a refund: to sending it ({@link PaymentGateway#refund}) or to a
 * status check ({@link PaymentGateway#checkRefundStatus}).
 *
 * @param status           where the refund stands at the provider
 * @param providerRefundId the provider's own id for the refund, when it gives one
 * @param rawResponse      the answer with secrets removed
 */
public record RefundResult(Status status, String providerRefundId, String rawResponse) {
    /** Where a refund stands at the provider. */
    public enum Status {
        /** The money went back. */
        COMPLETED,
        /** Accepted and still being processed: ask again later. */
        PENDING,
        /** Refused or given up by the provider: no money went back. */
        FAILED,
        /**
         * Status checks only: the provider certainly has no refund under our reference, so it
         * never received it; the service then sends it again under the same reference. A
         * gateway that cannot be sure must answer {@link #UNKNOWN} instead.
         */
        NOT_FOUND,
        /** Status checks only: an answer that cannot be mapped; never treated as final. */
        UNKNOWN;

        /** True for the outcomes that settle a refund. */
        public boolean isFinal() {
            return this == COMPLETED || this == FAILED;
        }
    }

    public RefundResult {
        Objects.requireNonNull(status, "status must not be null");
    }
}
