package org.dusangire.payment.core.port;

import java.net.URI;
import java.util.Objects;
import org.dusangire.payment.core.model.Payment;

/**
 * What a gateway needs to start collecting a payment.
 *
 * @param payment      the stored payment; its id is the provider reference to send
 * @param callbackUrl  the public URL the provider should call for this payment (for providers
 *                     that take a per-request callback URL; includes the per-payment token)
 * @param redirectUrl  where a hosted checkout should send the customer's browser back to
 * @param merchantName the merchant's display name, for checkout pages and payer messages
 */
public record InitiationRequest(Payment payment, URI callbackUrl, URI redirectUrl,
        String merchantName) {
    public InitiationRequest {
        Objects.requireNonNull(payment, "payment must not be null");
        Objects.requireNonNull(callbackUrl, "callbackUrl must not be null");
        Objects.requireNonNull(redirectUrl, "redirectUrl must not be null");
        Objects.requireNonNull(merchantName, "merchantName must not be null");
    }
}
