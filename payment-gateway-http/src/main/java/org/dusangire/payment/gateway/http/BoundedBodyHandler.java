package org.dusangire.payment.gateway.http;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Reads a response body into memory but gives up, and drops the connection, past a size cap. */
final class BoundedBodyHandler implements HttpResponse.BodyHandler<byte[]> {
    /** The body exceeded the cap; the answer is unusable, so the outcome stays unknown. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(long limit) {
            super("response body larger than " + limit + " bytes");
        }
    }

    private final int maxBytes;

    BoundedBodyHandler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new Subscriber(maxBytes, declared > maxBytes);
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final int maxBytes;
        private final boolean tooLargeUpFront;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        Subscriber(int maxBytes, boolean tooLargeUpFront) {
            this.maxBytes = maxBytes;
            this.tooLargeUpFront = tooLargeUpFront;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
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
