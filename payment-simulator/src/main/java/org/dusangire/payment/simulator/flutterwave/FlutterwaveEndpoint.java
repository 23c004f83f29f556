package org.dusangire.payment.simulator.flutterwave;

/**
 * Endpoint keys of the Flutterwave API simulator, used by the journal and by fault rules. The
 * hosted checkout page is served from its own host, as {@code checkout.flutterwave.com} is, and
 * has no key here.
 */
public enum FlutterwaveEndpoint {
    /** {@code POST /v3/payments}: create a Standard payment link. */
    CREATE_PAYMENT,
    /** {@code GET /v3/transactions/{id}/verify}. */
    VERIFY,
    /** {@code GET /v3/transactions/verify_by_reference?tx_ref=}. */
    VERIFY_BY_REFERENCE,
    /** {@code POST /v3/transactions/{id}/refund}. */
    REFUND,
    /** {@code GET /v3/transactions/{id}/refund} and {@code GET /v3/refunds/{refundId}}. */
    REFUND_STATUS,
    /** {@code GET /v3/refunds}: refunds listed, filtered and paged. */
    REFUND_LIST,
    /** The outbound {@code charge.completed} webhook; only {@code CALLBACK_NEVER_SENT} applies. */
    WEBHOOK
}
