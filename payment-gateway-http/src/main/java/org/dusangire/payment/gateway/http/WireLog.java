package org.dusangire.payment.gateway.http;

import java.net.http.HttpRequest;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEBUG wire logging under {@code org.dusangire.payment.gateway.http.wire.<gateway>}, always
 * through the {@link Redactor}: secrets, tokens and phone numbers never reach the log.
 */
final class WireLog {
    private final Logger log;
    private final String gateway;
    private final Redactor redactor;
    private final JsonCodec codec;

    WireLog(String gateway, Redactor redactor, JsonCodec codec) {
        this.log = LoggerFactory.getLogger("org.dusangire.payment.gateway.http.wire." + gateway);
        this.gateway = gateway;
        this.redactor = redactor;
        this.codec = codec;
    }

    void request(HttpRequest http, ApiRequest request, byte[] body, int attempt) {
        if (log.isDebugEnabled()) {
            log.debug("{} -> {} {} (attempt {}) headers={} body={}", gateway, request.method(),
                    redactor.redactText(http.uri().toString()), attempt,
                    redactor.redactHeaders(http.headers().map()),
                    body == null ? "" : redactor.redactBody(body, codec));
        }
    }

    void response(ApiRequest request, ApiResponse response, long millis) {
        if (log.isDebugEnabled()) {
            log.debug("{} <- {} {} HTTP {} in {} ms body={}", gateway, request.method(),
                    redactor.redactText(request.path()), response.status(), millis,
                    response.redactedBody());
        }
    }

    void retry(ApiRequest request, int attempt, Duration delay) {
        log.debug("{} retrying {} {} after attempt {} in {} ms", gateway, request.method(),
                redactor.redactText(request.path()), attempt, delay.toMillis());
    }

    void tokenRejected(ApiRequest request) {
        log.debug("{} token rejected (401) on {} {}; refreshing once", gateway, request.method(),
                redactor.redactText(request.path()));
    }

    void failure(ApiRequest request, String what) {
        log.debug("{} {} on {} {}", gateway, what, request.method(), redactor.redactText(request.path()));
    }
}
