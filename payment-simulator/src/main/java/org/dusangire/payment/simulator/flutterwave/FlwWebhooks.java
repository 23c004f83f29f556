package org.dusangire.payment.simulator.flutterwave;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dusangire.payment.simulator.FaultInjector;
import org.dusangire.payment.simulator.FaultKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@code charge.completed} webhooks to the dashboard URL as Flutterwave does: one POST
 * per final attempt, success only on HTTP 200, and when retries are switched on up to three
 * retries, each due one interval (30 minutes) after the failed attempt on the simulator's clock.
 * Retries go out when {@link #deliverDue()} runs, so tests move a clock instead of sleeping.
 */
final class FlwWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(FlwWebhooks.class);

    /** A webhook waiting for its next retry. */
    private record Retry(URI url, long transactionId, byte[] body, int attempt, Instant due) {
    }

    private final FlwSettings settings;
    private final FaultInjector faults;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<Retry> retries = new ArrayList<>();
    private volatile URI url;

    FlwWebhooks(FlwSettings settings, FaultInjector faults, URI url) {
        this.settings = settings;
        this.faults = faults;
        this.url = url;
    }

    void url(URI value) {
        url = value;
    }

    URI url() {
        return url;
    }

    List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /**
     * Sends the webhook for a transaction once (a first delivery or a duplicate on demand).
     *
     * @return the future attempt, or a completed {@code null} when no URL is set
     */
    CompletableFuture<WebhookDelivery> send(long transactionId, byte[] body) {
        URI target = url;
        if (target == null) {
            return CompletableFuture.completedFuture(null);
        }
        boolean lost = faults.nextOutbound(FlutterwaveEndpoint.WEBHOOK.name())
                .filter(f -> f.kind() == FaultKind.CALLBACK_NEVER_SENT).isPresent();
        if (lost) {
            WebhookDelivery d = new WebhookDelivery(settings.clock().instant(), target.toString(),
                    transactionId, 1, headers(body), body, -1, true);
            deliveries.add(d);
            return CompletableFuture.completedFuture(d);
        }
        return attempt(target, transactionId, body, 1);
    }

    /** Sends every retry whose time has come; returns how many went out. */
    int deliverDue() {
        Instant now = settings.clock().instant();
        List<Retry> due = new ArrayList<>();
        synchronized (retries) {
            for (Iterator<Retry> it = retries.iterator(); it.hasNext(); ) {
                Retry r = it.next();
                if (!r.due().isAfter(now)) {
                    due.add(r);
                    it.remove();
                }
            }
        }
        due.forEach(r -> attempt(r.url(), r.transactionId(), r.body(), r.attempt()).join());
        return due.size();
    }

    /** Retries scheduled and not yet sent. */
    int retriesWaiting() {
        synchronized (retries) {
            return retries.size();
        }
    }

    private CompletableFuture<WebhookDelivery> attempt(URI target, long transactionId, byte[] body,
                                                       int attempt) {
        Instant started = settings.clock().instant();
        Map<String, String> headers = headers(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    int status = response == null ? -1 : response.statusCode();
                    if (error != null) {
                        LOG.info("webhook for transaction {} failed: {}", transactionId,
                                error.getClass().getSimpleName());
                    }
                    WebhookDelivery d = new WebhookDelivery(started, target.toString(),
                            transactionId, attempt, headers, body, status, false);
                    deliveries.add(d);
                    if (status != 200 && settings.webhookRetries()
                            && attempt <= settings.maxWebhookRetries()) {
                        synchronized (retries) {
                            retries.add(new Retry(target, transactionId, body, attempt + 1,
                                    settings.clock().instant().plus(settings.webhookRetryInterval())));
                        }
                    }
                    return d;
                });
    }

    private Map<String, String> headers(byte[] body) {
        String hash = settings.secretHash();
        if (hash == null) {
            return Map.of();
        }
        return settings.scheme() == WebhookScheme.VERIF_HASH
                ? Map.of("verif-hash", hash)
                : Map.of("flutterwave-signature", signature(hash, body));
    }

    /** Base64(HMAC-SHA256(key = secret hash, message = raw body)). */
    static String signature(String secretHash, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretHash.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
