package org.dusangire.payment.simulator.mtn;

/**
 * Endpoint keys of the MTN simulator, used by the journal and by fault rules.
 */
public enum MtnEndpoint {
    /** {@code POST /collection/token/}. */
    COLLECTION_TOKEN,
    /** {@code POST /disbursement/token/}. */
    DISBURSEMENT_TOKEN,
    /** {@code POST /collection/v1_0/requesttopay}. */
    REQUEST_TO_PAY,
    /** {@code GET /collection/v1_0/requesttopay/{ref}}. */
    REQUEST_TO_PAY_STATUS,
    /** {@code POST /disbursement/v1_0/refund} and {@code v2_0}. */
    REFUND,
    /** {@code GET /disbursement/v1_0/refund/{ref}}. */
    REFUND_STATUS,
    /** {@code GET /collection/v1_0/accountholder/{type}/{id}/active}. */
    ACCOUNT_HOLDER_ACTIVE,
    /** The outbound callback; only {@code CALLBACK_NEVER_SENT} faults apply to it. */
    CALLBACK
}
