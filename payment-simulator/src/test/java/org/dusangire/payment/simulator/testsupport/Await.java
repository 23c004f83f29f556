package org.dusangire.payment.simulator.testsupport;

import java.util.function.BooleanSupplier;

/** Waits for asynchronous effects (callbacks, webhooks) without asserting on elapsed time. */
public final class Await {

    private Await() {
    }

    /** Polls every 10 ms until the condition holds; fails the test after 10 s. */
    public static void until(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
