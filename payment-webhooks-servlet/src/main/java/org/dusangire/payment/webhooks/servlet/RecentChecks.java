package org.dusangire.payment.webhooks.servlet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When each payment was last checked with its provider from the browser-return route, so a
 * payment is asked about at most once per interval however often its return URL is loaded. The
 * table is bounded like {@link VerifyRateLimiter}'s: forgetting a payment costs one extra provider
 * call, not money.
 */
final class RecentChecks {
    private final Duration interval;
    private final Clock clock;
    private final Map<String, Instant> lastChecked;

    RecentChecks(Duration interval, int capacity, Clock clock) {
        this.interval = interval;
        this.clock = clock;
        this.lastChecked = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * True, and the check is recorded as made now, when the payment was not checked within the
     * interval; false when it was (the caller answers from the stored state). Concurrent callers
     * for one payment: exactly one of them gets true.
     */
    synchronized boolean claim(String paymentId) {
        Instant now = clock.instant();
        Instant last = lastChecked.get(paymentId);
        if (last != null && now.isBefore(last.plus(interval))) {
            return false;
        }
        lastChecked.put(paymentId, now);
        return true;
    }

    /** How many payments are remembered now; for tests of the bound. */
    synchronized int trackedPayments() {
        return lastChecked.size();
    }
}
