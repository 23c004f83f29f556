package org.dusangire.payment.gateway.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How often and how patiently a call that is safe to repeat is retried after a timeout, a dropped
 * connection or a transient answer (429, 5xx): exponential backoff with "equal jitter" (half the
 * delay fixed, half random), capped per pause and by a total time budget. Only calls marked
 * repeatable are retried (see {@link ApiRequest.Builder#idempotentWith(String)}); a payment POST
 * without a provider-side reference never is. Immutable; {@link Sleeper} and {@link Clock} are
 * seams for tests.
 */
public final class RetryPolicy {
    private final int maxAttempts;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final double multiplier;
    private final Duration maxElapsed;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier random;

    private RetryPolicy(Builder b) {
        if (b.maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (b.multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be at least 1");
        }
        this.maxAttempts = b.maxAttempts;
        this.initialDelay = positive(b.initialDelay, "initialDelay");
        this.maxDelay = positive(b.maxDelay, "maxDelay");
        this.multiplier = b.multiplier;
        this.maxElapsed = positive(b.maxElapsed, "maxElapsed");
        this.sleeper = Objects.requireNonNull(b.sleeper, "sleeper must not be null");
        this.clock = Objects.requireNonNull(b.clock, "clock must not be null");
        this.random = Objects.requireNonNull(b.random, "random must not be null");
    }

    /** Defaults: 3 attempts, 200 ms doubling up to 2 s, at most 10 s spent retrying. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every call is tried exactly once. */
    public static RetryPolicy none() {
        return builder().maxAttempts(1).build();
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    Clock clock() {
        return clock;
    }

    /**
     * Whether attempt number {@code attemptsMade} (of a call first tried at {@code start}) may be
     * followed by another after {@code delay}, within both the attempt count and the time budget.
     */
    boolean allowsAnother(int attemptsMade, Instant start, Duration delay) {
        return attemptsMade < maxAttempts
                && Duration.between(start, clock.instant()).plus(delay).compareTo(maxElapsed) <= 0;
    }

    /**
     * The pause after attempt {@code attemptsMade} (1-based): the backoff with jitter, or the
     * provider's {@code Retry-After} when that is longer, never more than the per-pause cap.
     */
    Duration delayAfter(int attemptsMade, Duration retryAfter) {
        double base = initialDelay.toMillis() * Math.pow(multiplier, attemptsMade - 1.0);
        double capped = Math.min(base, maxDelay.toMillis());
        long millis = (long) (capped / 2 + random.getAsDouble() * capped / 2);
        if (retryAfter != null && retryAfter.toMillis() > millis) {
            millis = Math.min(retryAfter.toMillis(), maxDelay.toMillis());
        }
        return Duration.ofMillis(millis);
    }

    void pause(Duration delay) throws InterruptedException {
        if (!delay.isZero()) {
            sleeper.sleep(delay);
        }
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name + " must not be null");
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return d;
    }

    @Override
    public String toString() {
        return "RetryPolicy[" + maxAttempts + " attempts, " + initialDelay.toMillis() + "ms x"
                + multiplier + " up to " + maxDelay.toMillis() + "ms, budget "
                + maxElapsed.toMillis() + "ms]";
    }

    /** Builds a {@link RetryPolicy}. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialDelay = Duration.ofMillis(200);
        private Duration maxDelay = Duration.ofSeconds(2);
        private double multiplier = 2.0;
        private Duration maxElapsed = Duration.ofSeconds(10);
        private Sleeper sleeper = Sleeper.system();
        private Clock clock = Clock.systemUTC();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder() {
        }

        /** Total attempts including the first; 1 disables retries. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder initialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
            return this;
        }

        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
            return this;
        }

        public Builder multiplier(double multiplier) {
            this.multiplier = multiplier;
            return this;
        }

        /** No new attempt starts once this much time has passed since the first. */
        public Builder maxElapsed(Duration maxElapsed) {
            this.maxElapsed = maxElapsed;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Source of jitter in {@code [0, 1)}; fix it in tests for exact delays. */
        public Builder random(DoubleSupplier random) {
            this.random = random;
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
