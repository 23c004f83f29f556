package org.dusangire.payment.examples.demo;

/** The customer's side of a simulated provider: the phone that approves or declines. */
interface SimulatedCustomer {
    /** Approves the payment with this provider reference; false if it already ended. */
    boolean approve(String reference);

    /** Declines it; false if it already ended. */
    boolean decline(String reference);
}
