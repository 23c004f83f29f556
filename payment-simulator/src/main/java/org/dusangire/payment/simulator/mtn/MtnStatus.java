package org.dusangire.payment.simulator.mtn;

/**
 * Status of a request-to-pay as MTN reports it.
 */
public enum MtnStatus {
    /** Waiting for the payer. */
    PENDING,
    /** Paid; final. */
    SUCCESSFUL,
    /** Not paid, with a reason; final. */
    FAILED
}
