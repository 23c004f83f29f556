package org.dusangire.payment.gateway.http;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads a response body into memory but gives up, and drops the connection, past a size cap or
 * past a deadline for the whole body (the JDK's request timeout stops at the headers).
 */
final class BoundedBodyHandler implements HttpResponse.BodyHandler<byte[]> {
    /** The body exceeded the cap; the answer is unusable, so the outcome stays unknown. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(long limit) {
            super("response body larger than " + limit + " bytes");
        }
    }

    private final int maxBytes;
    private final long deadlineNanos;
    private final Duration timeout;
    /** Why this handler gave up on the body, if it did; see {@link #failure()}. */
    private final AtomicReference<IOException> failure = new AtomicReference<>();

    /**
     * @param deadlineNanos {@link System#nanoTime()} by which the whole body must have arrived
     * @param timeout       the request timeout, named in the message when the deadline passes
     */
    BoundedBodyHandler(int maxBytes, long deadlineNanos, Duration timeout) {
        this.maxBytes = maxBytes;
        this.deadlineNanos = deadlineNanos;
        this.timeout = timeout;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new Subscriber(maxBytes, declared > maxBytes,
                Math.max(0, deadlineNanos - System.nanoTime()), timeout, failure);
    }

    /**
     * Why the body was given up (too large, or past the deadline), or null. The JDK may fail the
     * exchange with its own exception once the subscription is cancelled (Java 25 reports "fixed
     * content-length ..., bytes received ..."), racing the one this handler completes with; the
     * caller asks here which failure is the real one.
     */
    IOException failure() {
        return failure.get();
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final int maxBytes;
        private final boolean tooLargeUpFront;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final CompletableFuture<byte[]> body;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;
        private final AtomicReference<IOException> failure;

        Subscriber(int maxBytes, boolean tooLargeUpFront, long nanosLeft, Duration timeout,
                AtomicReference<IOException> failure) {
            this.failure = failure;
            this.maxBytes = maxBytes;
            this.tooLargeUpFront = tooLargeUpFront;
            // orTimeout fires on the JDK's single delay-scheduler thread (no thread per call)
            // and its timer is cancelled as soon as the body completes
            this.body = result.orTimeout(nanosLeft, TimeUnit.NANOSECONDS).handle((bytes, error) -> {
                if (error == null) {
                    return bytes;
                }
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (cause instanceof TimeoutException) {
                    HttpTimeoutException late = new HttpTimeoutException("no complete answer within "
                            + timeout.toMillis() + " ms");
                    failure.compareAndSet(null, late);
                    cause = late;
                    Flow.Subscription s = subscription;
                    if (s != null) {
                        s.cancel();
                    }
                }
                throw new CompletionException(cause);
            });
        }

        private void tooLarge() {
            TooLargeException tooLarge = new TooLargeException(maxBytes);
            failure.compareAndSet(null, tooLarge);
            result.completeExceptionally(tooLarge);
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (tooLargeUpFront) {
                tooLarge();
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (buffer.size() + item.remaining() > maxBytes) {
                    tooLarge();
                    subscription.cancel();
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}
