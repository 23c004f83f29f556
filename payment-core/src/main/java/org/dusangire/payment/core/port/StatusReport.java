package org.dusangire.payment.core.port;

import java.util.Objects;
import org.dusangire.payment.core.model.Money;

/**
 * The answer of a provider's status API about one payment. The service checks the reported
 * reference, amount and currency against the payment before it gives any value.
 *
 * @param status                the mapped status
 * @param reportedReference     the reference the provider echoed back (e.g. Flutterwave
 *                              {@code tx_ref}); {@code null} when the API does not echo one
 * @param reportedAmount        the amount and currency the provider says were paid; {@code null}
 *                              when the API does not report them (Airtel's enquiry)
 * @param providerTransactionId the provider's own transaction id, when known
 * @param reason                the provider's failure code, kept verbatim; {@code null} unless failed
 * @param rawResponse           the provider's answer with secrets removed
 */
public record StatusReport(ProviderStatus status, String reportedReference, Money reportedAmount,
        String providerTransactionId, String reason, String rawResponse) {
    public StatusReport {
        Objects.requireNonNull(status, "status must not be null");
    }

    public static StatusReport of(ProviderStatus status, String rawResponse) {
        return new StatusReport(status, null, null, null, null, rawResponse);
    }
}
