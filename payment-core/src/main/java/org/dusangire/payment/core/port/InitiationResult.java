package org.dusangire.payment.core.port;

import java.net.URI;

/**
 * What the provider said when it accepted an initiation.
 *
 * @param providerReference     the reference the provider assigned to the payment, for gateways
 *                              whose {@link PaymentGateway#referenceRule()} is
 *                              {@link PaymentGateway.ReferenceRule#PROVIDER_ASSIGNED} (M-Pesa's
 *                              {@code CheckoutRequestID}); {@code null} for gateways that take ours
 * @param providerTransactionId the provider's own transaction id if it gave one now; may be {@code null}
 * @param paymentLink           the hosted checkout page for redirect flows; {@code null} otherwise
 * @param rawResponse           the provider's answer with secrets removed, for the audit trail
 */
public record InitiationResult(String providerReference, String providerTransactionId, URI paymentLink,
        String rawResponse) {

    /** An answer that assigns no reference of the provider's own. */
    public InitiationResult(String providerTransactionId, URI paymentLink, String rawResponse) {
        this(null, providerTransactionId, paymentLink, rawResponse);
    }

    /** Accepted with nothing to add (MTN's 202 with an empty body). */
    public static InitiationResult accepted(String rawResponse) {
        return new InitiationResult(null, null, null, rawResponse);
    }

    /** Accepted under a reference the provider assigned (M-Pesa's {@code CheckoutRequestID}). */
    public static InitiationResult assigned(String providerReference, String rawResponse) {
        if (providerReference == null || providerReference.isBlank()) {
            throw new IllegalArgumentException("an assigned provider reference must not be blank");
        }
        return new InitiationResult(providerReference, null, null, rawResponse);
    }
}
