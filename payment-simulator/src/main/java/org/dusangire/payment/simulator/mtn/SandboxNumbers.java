package org.dusangire.payment.simulator.mtn;

import java.util.Map;

/**
 * MTN sandbox test payers (reference §A.8). Numbers 450 to 455 follow the brief; 456 to 463 fail
 * with the codes live sandbox tests report.
 */
final class SandboxNumbers {

    static final String PENDING_THEN_SUCCESS = "46733123453";
    static final String STAY_PENDING = "46733123454";

    private static final Map<String, String> FAILURES = Map.ofEntries(
            Map.entry("46733123450", "INTERNAL_PROCESSING_ERROR"),
            Map.entry("46733123451", "APPROVAL_REJECTED"),
            Map.entry("46733123452", "EXPIRED"),
            Map.entry("46733123455", "PAYER_NOT_FOUND"),
            Map.entry("46733123456", "PAYEE_NOT_ALLOWED_TO_RECEIVE"),
            Map.entry("46733123457", "NOT_ALLOWED"),
            Map.entry("46733123458", "NOT_ALLOWED_TARGET_ENVIRONMENT"),
            Map.entry("46733123459", "INVALID_CALLBACK_URL_HOST"),
            Map.entry("46733123460", "INVALID_CURRENCY"),
            Map.entry("46733123461", "INTERNAL_PROCESSING_ERROR"),
            Map.entry("46733123462", "SERVICE_UNAVAILABLE"),
            Map.entry("46733123463", "COULD_NOT_PERFORM_TRANSACTION"));

    private SandboxNumbers() {
    }

    /** The immediate failure code for a test payer, or {@code null}. */
    static String failureFor(String payerId) {
        return FAILURES.get(payerId);
    }

    static MtnPayment.Behaviour behaviourFor(String payerId) {
        if (PENDING_THEN_SUCCESS.equals(payerId)) {
            return MtnPayment.Behaviour.PENDING_THEN_SUCCESS;
        }
        return STAY_PENDING.equals(payerId)
                ? MtnPayment.Behaviour.STAY_PENDING : MtnPayment.Behaviour.NORMAL;
    }
}
