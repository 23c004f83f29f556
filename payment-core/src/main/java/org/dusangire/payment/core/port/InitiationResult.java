package org.dusangire.payment.core.port;

import java.net.URI;

/**
 * What the provider said when it accepted an initiation.
 *
 * @param providerTransactionId the provider's own id if it gave one now; may be {@code null}
 * @param paymentLink           the hosted checkout page for redirect flows; {@code null} otherwise
 * @param rawResponse           the provider's answer with secrets removed, for the audit trail
 */
public record InitiationResult(String providerTransactionId, URI paymentLink, String rawResponse) {
    /** Accepted with nothing to add (MTN's 202 with an empty body). */
    public static InitiationResult accepted(String rawResponse) {
        return new InitiationResult(null, null, rawResponse);
    }
}
