package org.dusangire.payment.webhooks.servlet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@code permits} verify calls per payment in each fixed window. Memory is bounded: the
 * table keeps at most {@code capacity} payments and forgets the least recently used first, so a
 * flood of made-up ids cannot exhaust the heap (it can only make the limit forget a payment, which
 * costs one extra provider call, not money).
 */
final class VerifyRateLimiter {
    private final int permits;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows;

    VerifyRateLimiter(int permits, Duration window, int capacity, Clock clock) {
        this.permits = permits;
        this.window = window;
        this.clock = clock;
        this.windows = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Takes one permit for the payment; false when its window is used up. */
    synchronized boolean tryAcquire(String paymentId) {
        Instant now = clock.instant();
        Window w = windows.get(paymentId);
        if (w == null || !now.isBefore(w.start.plus(window))) {
            windows.put(paymentId, new Window(now, 1));
            return true;
        }
        if (w.used >= permits) {
            return false;
        }
        windows.put(paymentId, new Window(w.start, w.used + 1));
        return true;
    }

    /** Whole seconds until the payment's window reopens, at least 1; for {@code Retry-After}. */
    synchronized long secondsUntilReset(String paymentId) {
        Window w = windows.get(paymentId);
        if (w == null) {
            return 1;
        }
        long millis = Duration.between(clock.instant(), w.start.plus(window)).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    /** How many payments are tracked now; for tests of the bound. */
    synchronized int trackedPayments() {
        return windows.size();
    }

    private record Window(Instant start, int used) {
    }
}
