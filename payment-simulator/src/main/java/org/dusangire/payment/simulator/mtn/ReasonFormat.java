package org.dusangire.payment.simulator.mtn;

/**
 * Wire shape of {@code reason} on a FAILED status: MTN's Swagger says an object, real
 * responses carry a plain string. Clients must parse both.
 */
public enum ReasonFormat {
    /** {@code "reason":"APPROVAL_REJECTED"}, what live clients see. */
    STRING,
    /** {@code "reason":{"code":"APPROVAL_REJECTED","message":"..."}}, as in the Swagger. */
    OBJECT
}
