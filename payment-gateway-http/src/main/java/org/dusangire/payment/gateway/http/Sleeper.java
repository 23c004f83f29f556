package org.dusangire.payment.gateway.http;

import java.time.Duration;

/** Waits between retries; a seam so tests never really sleep. */
@FunctionalInterface
public interface Sleeper {
    /** Pauses the calling thread for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep(long)}. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
