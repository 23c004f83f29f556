package org.dusangire.payment.gateway.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.dusangire.payment.core.config.Secret;

/**
 * Caches an OAuth2 client-credentials token for one gateway product. A token is reused until
 * shortly before it expires; when a new one is needed, any number of concurrent callers share a
 * single fetch (single flight). Callers holding a valid token never wait on anything: the fast
 * path is one volatile read. A fetch failure reaches every caller of that flight, and the next
 * caller starts a new one.
 *
 * <p>A 401 from the API means the provider no longer accepts the token: {@link #invalidate}
 * drops it (only if it is still the current one, so a burst of 401s causes one refresh), and
 * {@link JsonHttpClient#send(ApiRequest, TokenCache)} retries the call once with a fresh token.
 */
public final class TokenCache {
    /** Fetches a fresh token from the provider; runs on the caller's thread. */
    @FunctionalInterface
    public interface Fetcher {
        AccessToken fetch();
    }

    /**
     * Told of each token fetch, for metrics ({@code PaymentObserver#tokenFetch}); runs on the
     * fetching thread and must not throw (what it throws is ignored).
     */
    @FunctionalInterface
    public interface Listener {
        /** A listener that hears nothing. */
        Listener NONE = (succeeded, duration) -> {
        };

        /**
         * A fetch ended.
         *
         * @param succeeded whether it returned a token
         * @param duration  how long it took (measured with {@link System#nanoTime()})
         */
        void fetched(boolean succeeded, Duration duration);
    }

    private record Cached(Secret value, Instant refreshAt) {
    }

    private final Fetcher fetcher;
    private final Clock clock;
    private final Duration refreshMargin;
    private final Listener listener;
    private final AtomicReference<CompletableFuture<Cached>> inFlight = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<Cached> current = new AtomicReference<>();

    private TokenCache(Fetcher fetcher, Clock clock, Duration refreshMargin, Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener must not be null");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.refreshMargin = Objects.requireNonNull(refreshMargin, "refreshMargin must not be null");
        if (refreshMargin.isNegative()) {
            throw new IllegalArgumentException("refreshMargin must not be negative");
        }
    }

    /**
     * A cache that refreshes {@code refreshMargin} before expiry (at most half the token's
     * lifetime early, so a short-lived token is still used).
     */
    public static TokenCache create(Fetcher fetcher, Clock clock, Duration refreshMargin) {
        return new TokenCache(fetcher, clock, refreshMargin, Listener.NONE);
    }

    /** As {@link #create(Fetcher, Clock, Duration)}, telling {@code listener} of each fetch. */
    public static TokenCache create(Fetcher fetcher, Clock clock, Duration refreshMargin,
            Listener listener) {
        return new TokenCache(fetcher, clock, refreshMargin, listener);
    }

    /**
     * A token valid for a while yet, fetching one if needed.
     *
     * @throws RuntimeException whatever the fetcher threw (the gateway's own exceptions)
     */
    public Secret token() {
        Cached cached = current.get();
        if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
            return cached.value();
        }
        return refresh(cached);
    }

    /** Forgets {@code rejected} if it is still the current token, so the next call fetches. */
    public void invalidate(Secret rejected) {
        Cached cached = current.get();
        if (cached != null && cached.value() == rejected) {
            current.compareAndSet(cached, null);
        }
    }

    /** How many fetches were started; for tests and metrics. */
    int fetchCount() {
        return fetches.get();
    }

    private Secret refresh(Cached stale) {
        CompletableFuture<Cached> mine = new CompletableFuture<>();
        CompletableFuture<Cached> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return await(running).value();
        }
        try {
            Cached now = current.get();
            if (now != stale && now != null && clock.instant().isBefore(now.refreshAt())) {
                mine.complete(now); // another flight finished between our read and our claim
                return now.value();
            }
            fetches.incrementAndGet();
            AccessToken token = fetchTold();
            Duration margin = refreshMargin.compareTo(token.lifetime().dividedBy(2)) > 0
                    ? token.lifetime().dividedBy(2) : refreshMargin;
            Cached fresh = new Cached(token.value(), clock.instant().plus(token.lifetime()).minus(margin));
            current.set(fresh);
            mine.complete(fresh);
            return fresh.value();
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.compareAndSet(mine, null);
        }
    }

    private AccessToken fetchTold() {
        long started = System.nanoTime();
        boolean succeeded = false;
        try {
            AccessToken token = fetcher.fetch();
            succeeded = true;
            return token;
        } finally {
            try {
                listener.fetched(succeeded, Duration.ofNanos(System.nanoTime() - started));
            } catch (RuntimeException ignored) {
                // a metrics listener never decides whether a payment call goes ahead
            }
        }
    }

    private static Cached await(CompletableFuture<Cached> flight) {
        try {
            return flight.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
