package org.dusangire.payment.simulator.mpesa;

/**
 * Endpoint keys of the M-Pesa simulator, used by the journal and by fault rules.
 */
public enum MpesaEndpoint {
    /** {@code GET /oauth/v1/generate?grant_type=client_credentials}. */
    OAUTH,
    /** {@code POST /mpesa/stkpush/v1/processrequest}. */
    STK_PUSH,
    /** {@code POST /mpesa/stkpushquery/v1/query}. */
    STK_QUERY,
    /** The outbound result callback; only {@code CALLBACK_NEVER_SENT} faults apply to it. */
    CALLBACK
}
