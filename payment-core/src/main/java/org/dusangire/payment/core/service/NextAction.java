package org.dusangire.payment.core.service;

/** What the host should show the customer after checkout. */
public enum NextAction {
    /** Ask the customer to approve the prompt on their phone. */
    APPROVE_ON_PHONE,
    /** Send the customer's browser to the payment link. */
    REDIRECT,
    /** Collect cash; a cashier confirms it. */
    PAY_CASH,
    /** Nothing to do: the payment already ended (see its status and failure reason). */
    NONE,
    /** The provider could not be reached; the payment stays pending and will be settled. */
    WAIT
}
