package org.dusangire.payment.reliability;

/** What the customer does with a payment once the provider has it; fixed when it is created. */
enum Fate {
    /** Approves: the provider ends SUCCESSFUL. */
    PAY,
    /** Declines: the provider ends FAILED. */
    DECLINE,
    /** Never answers: the provider keeps it pending and we must expire it. */
    ABANDON;

    /** 60 % pay, 25 % decline, 15 % abandon, spread evenly over the indices. */
    static Fate forIndex(int i) {
        int k = Math.floorMod(i * 7, 20);
        return k < 12 ? PAY : k < 17 ? DECLINE : ABANDON;
    }
}
