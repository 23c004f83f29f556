package org.dusangire.payment.core.port;

import java.util.Objects;

/**
 * An authenticated, parsed webhook: a hint that a payment may have changed, never the truth.
 * The service confirms it with the provider's status API before changing anything.
 *
 * @param eventKey          identifies this delivery for de-duplication (same event, same key)
 * @param paymentReference  the reference we gave the provider (our payment id), or {@code null}
 *                          when the webhook names only the provider's own reference
 * @param callbackToken     the per-payment token found in the callback URL, for providers that
 *                          sign nothing (the service compares it with the payment's token);
 *                          {@code null} when the provider authenticates otherwise
 * @param reportedStatus    what the webhook claims
 * @param providerTransactionId the provider's transaction id if the webhook carries one
 * @param providerReference the reference the provider assigned to the payment (M-Pesa's
 *                          {@code CheckoutRequestID}), for gateways whose references are
 *                          {@link PaymentGateway.ReferenceRule#PROVIDER_ASSIGNED}; when the
 *                          payment does not know it yet (the initiation's answer was lost) and
 *                          the webhook is authenticated by the payment's token, the service
 *                          stores it and then confirms with the status API under it
 */
public record WebhookNotification(String eventKey, String paymentReference, String callbackToken,
        ProviderStatus reportedStatus, String providerTransactionId, String providerReference) {
    public WebhookNotification {
        Objects.requireNonNull(eventKey, "eventKey must not be null");
        Objects.requireNonNull(reportedStatus, "reportedStatus must not be null");
    }

    /** A webhook of a gateway that uses our reference. */
    public WebhookNotification(String eventKey, String paymentReference, String callbackToken,
            ProviderStatus reportedStatus, String providerTransactionId) {
        this(eventKey, paymentReference, callbackToken, reportedStatus, providerTransactionId, null);
    }
}
