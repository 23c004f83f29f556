package org.dusangire.payment.core.model;

/**
 * Where a refund stands. {@code PENDING} leads to exactly one of {@code SUCCEEDED} or
 * {@code FAILED}, and a final status never changes back. While a refund is pending its amount
 * stays reserved on the payment, so no other refund can take it.
 */
public enum RefundStatus {
    /** Reserved and sent (or about to be); the provider has not said it is done. */
    PENDING,
    /** The provider paid the money back (or the cashier handed it back). */
    SUCCEEDED,
    /** The provider refused or gave up; the reservation is released. */
    FAILED;

    public boolean isFinal() {
        return this != PENDING;
    }
}
