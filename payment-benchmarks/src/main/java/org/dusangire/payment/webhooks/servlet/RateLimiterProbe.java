package org.dusangire.payment.webhooks.servlet;

import java.time.Clock;
import java.time.Duration;

/**
 * Reaches the servlet's package-private verify rate limiter from the benchmarks (same package on
 * the class path) to show that its memory is bounded.
 */
public final class RateLimiterProbe {
    private RateLimiterProbe() {
    }

    /** Payments tracked after {@code distinctIds} different ids each asked once. */
    public static int trackedAfter(int capacity, int distinctIds) {
        VerifyRateLimiter limiter = new VerifyRateLimiter(5, Duration.ofMinutes(1), capacity,
                Clock.systemUTC());
        for (int i = 0; i < distinctIds; i++) {
            limiter.tryAcquire("id-" + i);
        }
        return limiter.trackedPayments();
    }
}
