package org.dusangire.payment.examples.demo;

import java.util.function.Predicate;

/** The customer's side of a simulated provider: the phone that approves or declines. */
interface SimulatedCustomer {
    /** Approves the payment with this provider reference; false if it already ended. */
    boolean approve(String reference);

    /** Declines it; false if it already ended. */
    boolean decline(String reference);

    /** A customer from a simulator's two control methods, as MTN, Airtel and M-Pesa have them. */
    static SimulatedCustomer of(Predicate<String> approve, Predicate<String> decline) {
        return new SimulatedCustomer() {
            @Override
            public boolean approve(String reference) {
                return approve.test(reference);
            }

            @Override
            public boolean decline(String reference) {
                return decline.test(reference);
            }
        };
    }
}
