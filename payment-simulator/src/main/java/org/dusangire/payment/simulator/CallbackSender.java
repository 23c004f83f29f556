package org.dusangire.payment.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends provider callbacks once, asynchronously, never retried, and journals each attempt.
 */
public final class CallbackSender {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackSender.class);

    private final HttpClient client;
    private final RequestJournal journal;
    private final Clock clock;

    /** Creates a sender whose HTTP client runs on the given executor. */
    public CallbackSender(RequestJournal journal, Clock clock, Executor executor) {
        this.journal = journal;
        this.clock = clock;
        this.client = HttpClient.newBuilder().executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Sends the body to the URL once. The returned future completes with the attempt, never
     * exceptionally.
     */
    public CompletableFuture<CallbackAttempt> send(String method, String url, String reference,
                                                   byte[] body) {
        var started = clock.instant();
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(recorded(
                    new CallbackAttempt(started, method, url, reference, text, -1, false)));
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    int status = response == null ? -1 : response.statusCode();
                    if (error != null) {
                        // the URL may carry the merchant's secret path token: log the reference only
                        LOG.info("callback for {} failed: {}", reference,
                                error.getClass().getSimpleName());
                    }
                    return recorded(new CallbackAttempt(started, method, url, reference, text,
                            status, false));
                });
    }

    /** Journals a callback that a fault suppressed. */
    public void suppressed(String method, String url, String reference, byte[] body) {
        recorded(new CallbackAttempt(clock.instant(), method, url, reference,
                new String(body, java.nio.charset.StandardCharsets.UTF_8), -1, true));
    }

    private CallbackAttempt recorded(CallbackAttempt attempt) {
        journal.record(attempt);
        return attempt;
    }
}
