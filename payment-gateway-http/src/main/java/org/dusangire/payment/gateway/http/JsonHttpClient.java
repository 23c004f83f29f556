package org.dusangire.payment.gateway.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.GatewayUnavailableException;

/**
 * JSON over the JDK {@link HttpClient} for one gateway. Build one per gateway and keep it: it
 * holds the connection pool, the configured codec and the redactor.
 *
 * <p>{@link #send} returns every HTTP answer, error statuses included, because only the gateway
 * knows what its provider means by them; it throws only when there is no usable answer (timeout,
 * connection failure, body over the size cap), as {@link GatewayUnavailableException}: the
 * outcome is unknown. Repeatable requests are retried under the {@link RetryPolicy} on those
 * failures and on answers the gateway calls transient (by default 429 and 5xx).
 */
public final class JsonHttpClient {
    /** Default cap on a response body read into memory. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

    private final String gatewayName;
    private final URI baseUri;
    /** {@link #baseUri} without trailing slashes, the prefix of every request's path. */
    private final String base;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final JsonCodec codec;
    private final Redactor redactor;
    private final int maxResponseBytes;
    private final Predicate<ApiResponse> transientAnswer;
    private final WireLog wire;

    private JsonHttpClient(Builder b) {
        this.gatewayName = Objects.requireNonNull(b.gatewayName, "gatewayName must not be null");
        this.baseUri = Objects.requireNonNull(b.baseUri, "baseUri must not be null");
        String text = baseUri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        this.base = text;
        this.requestTimeout = Objects.requireNonNull(b.requestTimeout, "requestTimeout must not be null");
        this.retryPolicy = Objects.requireNonNull(b.retryPolicy, "retryPolicy must not be null");
        this.codec = Objects.requireNonNull(b.codec, "codec must not be null");
        this.redactor = Objects.requireNonNull(b.redactor, "redactor must not be null");
        this.transientAnswer = Objects.requireNonNull(b.transientAnswer, "transientAnswer must not be null");
        if (b.maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive");
        }
        this.maxResponseBytes = b.maxResponseBytes;
        this.http = b.httpClient != null ? b.httpClient : HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                // plain http is only ever loopback (simulators); skip the h2c upgrade dance there
                .version("https".equalsIgnoreCase(baseUri.getScheme())
                        ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.wire = new WireLog(gatewayName, redactor, codec);
    }

    /**
     * A builder for the gateway {@code gatewayName} (used in exceptions and the logger name) at
     * {@code baseUri}.
     */
    public static Builder builder(String gatewayName, URI baseUri) {
        return new Builder(gatewayName, baseUri);
    }

    public String gatewayName() {
        return gatewayName;
    }

    public JsonCodec codec() {
        return codec;
    }

    public Redactor redactor() {
        return redactor;
    }

    /**
     * Sends {@code request}, retrying it if it is repeatable.
     *
     * @throws GatewayUnavailableException when no usable answer arrived: the outcome is unknown
     */
    public ApiResponse send(ApiRequest request) {
        return send(request, (String) null);
    }

    /** Sends {@code request} with {@code authorization} in place of any it carries (null: as is). */
    private ApiResponse send(ApiRequest request, String authorization) {
        byte[] body = request.body() == null ? null : codec.write(request.body());
        HttpRequest httpRequest = toHttp(request, body, authorization);
        Instant start = retryPolicy.clock().instant();
        for (int attempt = 1; ; attempt++) {
            ApiResponse response;
            try {
                response = exchange(httpRequest, request, body, attempt);
            } catch (IOException e) {
                Duration delay = retryPolicy.delayAfter(attempt, null);
                boolean retry = request.repeatable()
                        && !(e instanceof BoundedBodyHandler.TooLargeException)
                        && retryPolicy.allowsAnother(attempt, start, delay);
                if (!retry) {
                    throw unavailable(request, e);
                }
                pause(request, attempt, delay);
                continue;
            }
            if (request.repeatable() && transientAnswer.test(response)) {
                Duration delay = retryPolicy.delayAfter(attempt, response.retryAfter());
                if (retryPolicy.allowsAnother(attempt, start, delay)) {
                    pause(request, attempt, delay);
                    continue;
                }
            }
            return response;
        }
    }

    /**
     * Sends {@code request} with {@code Authorization: Bearer} from {@code tokens}. A 401 drops
     * the token and the call is sent once more with a fresh one; a second 401 is returned for the
     * gateway to explain (usually a wrong subscription key or credentials).
     *
     * @throws GatewayUnavailableException when no usable answer arrived
     */
    public ApiResponse send(ApiRequest request, TokenCache tokens) {
        Secret token = tokens.token();
        ApiResponse response = send(request, bearer(token));
        if (response.status() != 401) {
            return response;
        }
        wire.tokenRejected(request);
        tokens.invalidate(token);
        return send(request, bearer(tokens.token()));
    }

    private static String bearer(Secret token) {
        return "Bearer " + token.reveal();
    }

    private ApiResponse exchange(HttpRequest httpRequest, ApiRequest request, byte[] body,
            int attempt) throws IOException {
        wire.request(httpRequest, request, body, attempt);
        long started = System.nanoTime();
        HttpResponse<byte[]> raw;
        BoundedBodyHandler handler = new BoundedBodyHandler(maxResponseBytes,
                started + requestTimeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(250),
                requestTimeout);
        try {
            // send(), not sendAsync(): the JDK completes a sendAsync() future through the common
            // pool, which on a machine with two or fewer cores starts a new thread for every
            // call. The request timeout bounds the wait for the headers; the body handler bounds
            // the body to the same overall deadline (timeout + 250 ms from now) and drops the
            // connection when it passes.
            raw = http.send(httpRequest, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the provider", e);
        } catch (IOException e) {
            // send() wraps what the body handler failed with, or reports the cancelled exchange
            // in its own words; callers tell an oversized answer (not retried) and a late one
            // (timed out) from other failures by the handler's own reason
            IOException reason = handler.failure();
            if (reason != null && reason != e) {
                reason.addSuppressed(e);
                throw reason;
            }
            throw e;
        }
        ApiResponse response = new ApiResponse(raw.statusCode(), raw.headers().map(), raw.body(),
                codec, redactor);
        wire.response(request, response, (System.nanoTime() - started) / 1_000_000);
        return response;
    }

    private void pause(ApiRequest request, int attempt, Duration delay) {
        wire.retry(request, attempt, delay);
        try {
            retryPolicy.pause(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(request, new IOException("interrupted before retry", e));
        }
    }

    private HttpRequest toHttp(ApiRequest request, byte[] body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + request.path()))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", "dusangire-payments (" + gatewayName + ")");
        // a token replaces an Authorization the request carries; the request is not copied
        request.headers().forEach((name, value) -> {
            if (authorization == null || !"Authorization".equalsIgnoreCase(name)) {
                b.header(name, value);
            }
        });
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (body == null) {
            b.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json");
            b.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return b.build();
    }

    private GatewayUnavailableException unavailable(ApiRequest request, IOException e) {
        String what = e instanceof HttpTimeoutException ? "timed out"
                : e instanceof BoundedBodyHandler.TooLargeException ? "sent an oversized answer"
                : "could not be reached (" + e.getClass().getSimpleName() + ")";
        wire.failure(request, what);
        return new GatewayUnavailableException(gatewayName + " " + what + " on " + request.method()
                + " " + redactor.redactText(request.path()) + "; the outcome is unknown",
                gatewayName, null, request.reference(), null, e);
    }

    /** Configures a {@link JsonHttpClient}. */
    public static final class Builder {
        private final String gatewayName;
        private final URI baseUri;
        private HttpClient httpClient;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.builder().build();
        private JsonCodec codec;
        private Redactor redactor = Redactor.defaults();
        private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private Predicate<ApiResponse> transientAnswer = ProviderErrors::isTransient;

        private Builder(String gatewayName, URI baseUri) {
            this.gatewayName = gatewayName;
            this.baseUri = baseUri;
        }

        /** Use this client instead of building one (tests, shared executors, proxies). */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout must not be null");
            return this;
        }

        /** How long one attempt may take, from sending to the last body byte. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        public Builder codec(JsonCodec codec) {
            this.codec = codec;
            return this;
        }

        public Builder redactor(Redactor redactor) {
            this.redactor = redactor;
            return this;
        }

        public Builder maxResponseBytes(int maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /**
         * Which answers to a repeatable request are worth repeating; by default 429 and 5xx.
         * A gateway whose provider reports definitive business errors as 5xx excludes them here.
         */
        public Builder transientAnswer(Predicate<ApiResponse> transientAnswer) {
            this.transientAnswer = transientAnswer;
            return this;
        }

        public JsonHttpClient build() {
            if (codec == null) {
                codec = JsonCodec.create();
            }
            return new JsonHttpClient(this);
        }
    }
}
