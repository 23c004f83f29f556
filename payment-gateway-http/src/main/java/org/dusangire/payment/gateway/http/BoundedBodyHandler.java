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
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads a response body into memory but gives up, and drops the connection, past a size cap or
 * past a deadline for the whole body (the JDK's request timeout stops at the headers).
 *
 * <p>The body is collected through {@link HttpResponse.BodySubscribers#fromSubscriber}, which the
 * JDK's client calls on the thread that reads the answer. A body subscriber of one's own is
 * started through the client's executor instead, one hand-over to a worker thread per answer: in
 * the benchmarks that was 12-21 us of CPU per provider call at initiation and 15-39 us at a
 * webhook's status query, which a plain byte-array body does not cost. The deadline is kept by
 * {@link BodyDeadlines}.
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
        if (declared > maxBytes) {
            TooLargeException tooLarge = new TooLargeException(maxBytes);
            failure.compareAndSet(null, tooLarge);
            return new Refused(tooLarge);
        }
        Collector collector = new Collector(maxBytes, deadlineNanos, timeout, failure);
        HttpResponse.BodySubscriber<byte[]> body = HttpResponse.BodySubscribers.fromSubscriber(
                collector, Collector::bytes);
        collector.watch(body);
        return body;
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

    /**
     * Collects the body's bytes up to the cap. Giving up (too large, or the deadline passed)
     * cancels the subscription and fails the body it belongs to with the reason; whichever of
     * the body's end, the cap and the deadline comes first decides.
     */
    private static final class Collector implements Flow.Subscriber<List<ByteBuffer>>,
            BodyDeadlines.Watched {
        private final int maxBytes;
        private final Duration timeout;
        private final AtomicReference<IOException> failure;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        /** Set once the body ends, one way or another. */
        private final AtomicBoolean ended = new AtomicBoolean();
        private final long deadlineNanos;
        private volatile Flow.Subscription subscription;
        private volatile HttpResponse.BodySubscriber<byte[]> body;

        Collector(int maxBytes, long deadlineNanos, Duration timeout,
                AtomicReference<IOException> failure) {
            this.maxBytes = maxBytes;
            this.deadlineNanos = deadlineNanos;
            this.timeout = timeout;
            this.failure = failure;
        }

        /** Fails {@code body} if it has not ended by the deadline ({@link BodyDeadlines}). */
        void watch(HttpResponse.BodySubscriber<byte[]> body) {
            this.body = body;
            BodyDeadlines.watch(this);
        }

        @Override
        public long deadlineNanos() {
            return deadlineNanos;
        }

        @Override
        public void expire() {
            giveUp(new HttpTimeoutException("no complete answer within " + timeout.toMillis()
                    + " ms"));
        }

        private boolean end() {
            if (ended.compareAndSet(false, true)) {
                BodyDeadlines.done(this);
                return true;
            }
            return false;
        }

        private void giveUp(IOException why) {
            if (!end()) {
                return;
            }
            failure.compareAndSet(null, why);
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            body.onError(why);
        }

        byte[] bytes() {
            return buffer.toByteArray();
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (ended.get()) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (ended.get()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (buffer.size() + item.remaining() > maxBytes) {
                    giveUp(new TooLargeException(maxBytes));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            end();
        }

        @Override
        public void onComplete() {
            end();
        }
    }

    /** A body declared larger than the cap: refused before a byte of it is read. */
    private static final class Refused implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> body;

        Refused(IOException why) {
            this.body = CompletableFuture.failedFuture(why);
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.cancel();
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            // cancelled on subscription: nothing is read
        }

        @Override
        public void onError(Throwable error) {
            // the body has already failed
        }

        @Override
        public void onComplete() {
            // the body has already failed
        }
    }
}
