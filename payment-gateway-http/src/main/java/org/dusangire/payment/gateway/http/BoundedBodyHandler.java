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
                Math.max(0, deadlineNanos - System.nanoTime()), timeout);
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final int maxBytes;
        private final boolean tooLargeUpFront;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final CompletableFuture<byte[]> body;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;

        Subscriber(int maxBytes, boolean tooLargeUpFront, long nanosLeft, Duration timeout) {
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
                    Flow.Subscription s = subscription;
                    if (s != null) {
                        s.cancel();
                    }
                    cause = new HttpTimeoutException("no complete answer within "
                            + timeout.toMillis() + " ms");
                }
                throw new CompletionException(cause);
            });
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (tooLargeUpFront) {
                s.cancel();
                result.completeExceptionally(new TooLargeException(maxBytes));
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
                    subscription.cancel();
                    result.completeExceptionally(new TooLargeException(maxBytes));
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
