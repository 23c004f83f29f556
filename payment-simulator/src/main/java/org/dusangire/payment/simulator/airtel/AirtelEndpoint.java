package org.dusangire.payment.simulator.airtel;

/**
 * Endpoint keys of the Airtel simulator, used by the journal and by fault rules.
 */
public enum AirtelEndpoint {
    /** {@code POST /auth/oauth2/token}. */
    TOKEN,
    /** {@code POST /merchant/v1/payments/}. */
    PAYMENT,
    /** {@code POST /merchant/v2/payments/} (message-signed). */
    PAYMENT_V2,
    /** {@code GET /standard/v1/payments/{id}}. */
    ENQUIRY,
    /** {@code POST /standard/v1/payments/refund}. */
    REFUND,
    /** {@code POST /standard/v2/payments/refund} (message-signed). */
    REFUND_V2,
    /** {@code GET /v1/rsa/encryption-keys}. */
    ENCRYPTION_KEYS,
    /** The outbound callback; only {@code CALLBACK_NEVER_SENT} faults apply to it. */
    CALLBACK
}
