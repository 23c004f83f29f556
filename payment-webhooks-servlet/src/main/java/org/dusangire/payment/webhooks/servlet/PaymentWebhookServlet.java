package org.dusangire.payment.webhooks.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dusangire.payment.core.error.ConcurrentPaymentModificationException;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.PaymentNotFoundException;
import org.dusangire.payment.core.error.PaymentStoreUnavailableException;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.service.CashOnDeliveryGateway;
import org.dusangire.payment.core.service.PaymentObserver;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.core.service.WebhookResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment routes of a host, as one servlet to map under any prefix (for example
 * {@code /payments/*}, matching {@link org.dusangire.payment.core.config.PaymentConfig#routePrefix()}).
 * Relative to that mount point, each with or without a trailing slash:
 *
 * <table>
 * <caption>Routes</caption>
 * <tr><th>route</th><th>methods</th><th>what it does</th></tr>
 * <tr><td>{@code /webhooks/{gateway}/[rest]}</td><td>POST or PUT (MTN calls back with PUT; any gateway name)</td>
 *     <td>{@link PaymentService#handleWebhook}; {@code rest} (MTN: {@code <paymentId>/<token>})
 *     becomes {@link InboundRequest#path()}</td></tr>
 * <tr><td>{@code /callback}</td><td>GET</td><td>rate limit; for a pending card or bank transfer
 *     payment not checked in the last few seconds {@link PaymentService#handleRedirect}, otherwise
 *     the stored state; then 303 to the configured success, pending or failure page</td></tr>
 * <tr><td>{@code /{paymentId}/verify}</td><td>POST</td><td>{@link VerifyAuthorizer} check, rate
 *     limit, {@link PaymentService#verify}, JSON answer</td></tr>
 * </table>
 *
 * <p>Webhooks reach the service as the exact bytes received (signatures are computed over them),
 * read with a size limit. Every authenticated webhook is answered 200, whatever the service did
 * with it, so providers stop retrying; a forged one 401, a malformed one 400, and a store outage
 * 503 so the provider delivers again. No answer ever carries an exception message or stack trace.
 * Each request leaves exactly one INFO line on this class's logger, with a correlation id that is
 * also in the SLF4J MDC ({@code requestId}) and echoed in the {@code X-Request-Id} response header.
 *
 * <p>Thread-safe; build it once with {@link #builder(PaymentService)} and register the instance
 * with the container.
 */
public final class PaymentWebhookServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(PaymentWebhookServlet.class);
    private static final String JSON = "application/json;charset=UTF-8";
    /** The query parameters a browser return names its payment by, first match wins. */
    private static final List<String> REDIRECT_REFERENCE_PARAMETERS =
            List.of("tx_ref", "paymentId", "payment_id", "reference");

    private final PaymentService service;
    private final VerifyAuthorizer authorizer;
    private final RedirectTargets redirects;
    private final int maxBodyBytes;
    private final VerifyRateLimiter rateLimiter;
    private final VerifyRateLimiter callbackLimiter;
    private final RecentChecks recentChecks;
    private final transient PaymentObserver observer;

    private PaymentWebhookServlet(Builder b) {
        this.service = b.service;
        this.observer = Objects.requireNonNull(b.observer, "observer must not be null");
        this.authorizer = Objects.requireNonNull(b.authorizer, "verifyAuthorizer must not be null");
        this.redirects = new RedirectTargets(b.successUrl, b.failureUrl, b.pendingUrl);
        if (b.maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        this.maxBodyBytes = b.maxBodyBytes;
        if (b.verifyPermits <= 0 || b.verifyWindow == null || b.verifyWindow.isNegative()
                || b.verifyWindow.isZero() || b.verifyCapacity <= 0) {
            throw new IllegalArgumentException("the verify rate limit needs positive permits, "
                    + "window and capacity");
        }
        this.rateLimiter = new VerifyRateLimiter(b.verifyPermits, b.verifyWindow, b.verifyCapacity,
                Objects.requireNonNull(b.clock, "clock must not be null"));
        if (b.callbackPermits <= 0 || b.callbackWindow == null || b.callbackWindow.isNegative()
                || b.callbackWindow.isZero()) {
            throw new IllegalArgumentException("the callback rate limit needs positive permits "
                    + "and window");
        }
        if (b.callbackRecheck == null || b.callbackRecheck.isNegative()) {
            throw new IllegalArgumentException("callbackRecheckInterval must not be negative");
        }
        this.callbackLimiter = new VerifyRateLimiter(b.callbackPermits, b.callbackWindow,
                b.verifyCapacity, b.clock);
        this.recentChecks = new RecentChecks(b.callbackRecheck, b.verifyCapacity, b.clock);
    }

    /**
     * Starts a builder for a servlet serving {@code service}.
     *
     * @param service the payment service every route delegates to
     * @return a builder; {@link Builder#successUrl(URI)} and {@link Builder#failureUrl(URI)} are
     *         required before {@link Builder#build()}
     */
    public static Builder builder(PaymentService service) {
        return new Builder(Objects.requireNonNull(service, "service must not be null"));
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Route route = Route.match(relativePath(req), this::hasWebhooks);
        try (RequestLog rl = new RequestLog(log, req.getMethod(), route.logPath(),
                req.getHeader("X-Request-Id"))) {
            resp.setHeader("X-Request-Id", rl.requestId());
            resp.setHeader("Cache-Control", "no-store");
            resp.setHeader("X-Content-Type-Options", "nosniff");
            try {
                dispatch(route, req, resp, rl);
            } catch (RuntimeException e) {
                log.error("unexpected failure on {} {} (request {})", req.getMethod(),
                        route.logPath(), rl.requestId(), e);
                rl.outcome(500, "ERROR");
                if (!resp.isCommitted()) {
                    resp.resetBuffer();
                    answer(resp, 500, error("internal_error"));
                }
            }
        }
    }

    /**
     * Reads and drops a body this answer does not use, so the connection can be reused; a body
     * over the limit (or one that cannot be read) is not read at all and the connection is closed
     * instead, so a client never sends its next request on a connection the server abandons.
     */
    private void discardBody(HttpServletRequest req, HttpServletResponse resp) {
        if (req.getContentLengthLong() == 0) {
            return;
        }
        try {
            if (RequestBodies.readAtMost(req, maxBodyBytes) == null) {
                resp.setHeader("Connection", "close");
            }
        } catch (IOException e) {
            resp.setHeader("Connection", "close");
        }
    }

    /** A registered gateway has a webhook route; cash on delivery is confirmed by a cashier. */
    private boolean hasWebhooks(String gatewayName) {
        return !CashOnDeliveryGateway.NAME.equals(gatewayName)
                && service.gateway(gatewayName).isPresent();
    }

    private void dispatch(Route route, HttpServletRequest req, HttpServletResponse resp,
            RequestLog rl) throws IOException {
        if (route.kind() == Route.Kind.NOT_FOUND) {
            rl.outcome(404, "NOT_FOUND");
            discardBody(req, resp);
            answer(resp, 404, error("not_found"));
            return;
        }
        if (!route.allowedMethods().contains(req.getMethod())) {
            discardBody(req, resp);
            rl.gateway(route.gateway());
            rl.outcome(405, "METHOD_NOT_ALLOWED");
            resp.setHeader("Allow", String.join(", ", route.allowedMethods().stream().sorted().toList()));
            answer(resp, 405, error("method_not_allowed"));
            return;
        }
        switch (route.kind()) {
            case WEBHOOK -> webhook(route, req, resp, rl);
            case CALLBACK -> callback(req, resp, rl);
            case VERIFY -> verify(route, req, resp, rl);
            default -> throw new IllegalStateException("unrouted " + route.kind());
        }
    }

    private void webhook(Route route, HttpServletRequest req, HttpServletResponse resp,
            RequestLog rl) throws IOException {
        rl.gateway(route.gateway());
        rl.paymentId(route.paymentId());
        if (!RequestBodies.isAcceptableWebhookType(req.getContentType())) {
            discardBody(req, resp);
            rl.outcome(415, "UNSUPPORTED_MEDIA_TYPE");
            resp.setHeader("Accept", "application/json");
            answer(resp, 415, error("unsupported_media_type"));
            return;
        }
        byte[] body;
        try {
            body = RequestBodies.readAtMost(req, maxBodyBytes);
        } catch (IOException e) {
            rl.outcome(400, "UNREADABLE_BODY");
            answer(resp, 400, error("unreadable_body"));
            return;
        }
        if (body == null) {
            rl.outcome(413, "TOO_LARGE");
            resp.setHeader("Connection", "close");
            answer(resp, 413, error("payload_too_large"));
            return;
        }
        InboundRequest inbound = inbound(req, route.remainder(), body);
        try {
            WebhookResult result = service.handleWebhook(route.gateway(), inbound);
            result.payment().ifPresent(p -> rl.paymentId(p.id().toString()));
            rl.outcome(200, result.outcome().name());
            answer(resp, 200, Json.object(Map.of("status", "ok")));
        } catch (WebhookRejectedException e) {
            boolean forged = e.reason() == WebhookRejectedException.Reason.AUTHENTICATION;
            rl.outcome(forged ? 401 : 400, "REJECTED_" + e.reason().name());
            answer(resp, forged ? 401 : 400, error(forged ? "unauthorized" : "malformed"));
        } catch (PaymentStoreUnavailableException | ConcurrentPaymentModificationException
                | GatewayUnavailableException e) {
            unavailable(resp, rl, e);
        }
    }

    /**
     * The customer's browser back from a hosted checkout. Anyone can load this URL, as often as
     * they like, so it must not be a lever on the provider's API: it is rate limited per payment,
     * a payment is checked with its provider at most once per recheck interval (otherwise the
     * stored state answers), and only payments whose method uses a redirect are checked at all;
     * a mobile money or cash payment gets the page its stored state gives.
     */
    private void callback(HttpServletRequest req, HttpServletResponse resp, RequestLog rl)
            throws IOException {
        PaymentId id = redirectPaymentId(QueryStrings.parse(req.getQueryString()));
        if (id == null) {
            rl.outcome(303, "UNKNOWN_PAYMENT");
            seeOther(resp, redirects.failure(null));
            return;
        }
        String key = id.toString();
        rl.paymentId(key);
        if (!callbackLimiter.tryAcquire(key)) {
            rl.outcome(429, "RATE_LIMITED");
            rateLimited("callback");
            resp.setHeader("Retry-After", Long.toString(callbackLimiter.secondsUntilReset(key)));
            answer(resp, 429, error("too_many_requests"));
            return;
        }
        String target;
        try {
            Optional<Payment> stored = service.find(id);
            Optional<Payment> payment = stored;
            if (stored.isPresent() && shouldAskProvider(stored.get())) {
                // only the id is passed on, so the service cannot pick another payment
                payment = service.handleRedirect(InboundRequest.builder("GET")
                        .remoteAddress(req.getRemoteAddr())
                        .queryParameter("paymentId", key).build()).or(() -> stored);
            }
            if (payment.isEmpty()) {
                rl.outcome(303, "UNKNOWN_PAYMENT");
                target = redirects.failure(null);
            } else {
                Payment p = payment.get();
                rl.gateway(p.gatewayName());
                rl.outcome(303, p.status().name());
                target = p.status().isPaid() ? redirects.success(key)
                        : p.status() == PaymentStatus.PENDING ? redirects.pending(key)
                        : redirects.failure(key);
            }
        } catch (RuntimeException e) {
            // the browser still gets a page: "we are checking", never "paid"
            log.warn("redirect could not be verified now ({}); sending the browser to the "
                    + "pending page", e.getClass().getSimpleName());
            rl.outcome(303, "UNVERIFIED");
            target = redirects.pending(null);
        }
        seeOther(resp, target);
    }

    /** A pending redirect payment not checked within the recheck interval; claims the check. */
    private boolean shouldAskProvider(Payment p) {
        return !p.status().isFinal() && p.method().isRedirect()
                && recentChecks.claim(p.id().toString());
    }

    /**
     * The payment a browser return names: the first of these query parameters that holds one of
     * our payment ids, in the order {@link PaymentService#handleRedirect} reads them.
     */
    private static PaymentId redirectPaymentId(Map<String, List<String>> query) {
        for (String name : REDIRECT_REFERENCE_PARAMETERS) {
            for (String value : query.getOrDefault(name, List.of())) {
                try {
                    return PaymentId.parse(value);
                } catch (RuntimeException notAnId) {
                    // a provider's own reference or garbage: not ours, look further
                }
            }
        }
        return null;
    }

    private static void seeOther(HttpServletResponse resp, String target) {
        resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
        resp.setHeader("Location", target);
        resp.setContentLength(0);
    }

    private void verify(Route route, HttpServletRequest req, HttpServletResponse resp,
            RequestLog rl) throws IOException {
        if (!authorizer.isAllowed(req)) {
            rl.outcome(403, "FORBIDDEN");
            answer(resp, 403, error("forbidden"));
            return;
        }
        if (!route.hasValidPaymentId()) {
            rl.outcome(400, "INVALID_PAYMENT_ID");
            answer(resp, 400, error("invalid_payment_id"));
            return;
        }
        String id = route.paymentId();
        rl.paymentId(id);
        if (!rateLimiter.tryAcquire(id)) {
            rl.outcome(429, "RATE_LIMITED");
            rateLimited("verify");
            resp.setHeader("Retry-After", Long.toString(rateLimiter.secondsUntilReset(id)));
            answer(resp, 429, error("too_many_requests"));
            return;
        }
        try {
            Payment p = service.verify(PaymentId.parse(id));
            rl.gateway(p.gatewayName());
            rl.outcome(200, p.status().name());
            answer(resp, 200, paymentJson(p));
        } catch (PaymentNotFoundException e) {
            rl.outcome(404, "UNKNOWN_PAYMENT");
            answer(resp, 404, error("not_found"));
        } catch (PaymentStoreUnavailableException | ConcurrentPaymentModificationException
                | GatewayUnavailableException e) {
            unavailable(resp, rl, e);
        }
    }

    private static void unavailable(HttpServletResponse resp, RequestLog rl, RuntimeException e)
            throws IOException {
        rl.outcome(503, e instanceof GatewayUnavailableException ? "PROVIDER_UNAVAILABLE"
                : "STORE_UNAVAILABLE");
        resp.setHeader("Retry-After", "60");
        answer(resp, 503, error("unavailable"));
    }

    private static InboundRequest inbound(HttpServletRequest req, String path, byte[] body) {
        InboundRequest.Builder b = InboundRequest.builder(req.getMethod()).path(path).body(body)
                .remoteAddress(req.getRemoteAddr());
        for (String name : Collections.list(req.getHeaderNames())) {
            for (String value : Collections.list(req.getHeaders(name))) {
                b.header(name, value);
            }
        }
        QueryStrings.parse(req.getQueryString())
                .forEach((name, values) -> values.forEach(v -> b.queryParameter(name, v)));
        return b.build();
    }

    /** The path below the mount point, whether the servlet is mapped at a prefix or as default. */
    private static String relativePath(HttpServletRequest req) {
        String info = req.getPathInfo();
        if (info != null) {
            return info;
        }
        HttpServletMapping mapping = req.getHttpServletMapping();
        return mapping != null && mapping.getMappingMatch() == MappingMatch.DEFAULT
                ? req.getServletPath() : "";
    }

    private static String paymentJson(Payment p) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", p.id().toString());
        fields.put("status", p.status().name());
        fields.put("method", p.method().name());
        fields.put("amount", p.money().amount().toPlainString());
        fields.put("currency", p.money().currency().getCurrencyCode());
        fields.put("failureReason", p.failureReason());
        return Json.object(fields);
    }

    private static String error(String code) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", "error");
        fields.put("error", code);
        return Json.object(fields);
    }

    private static void answer(HttpServletResponse resp, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType(JSON);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /**
     * Configures a {@link PaymentWebhookServlet}. The success and failure URLs are required; the
     * rest has safe defaults: verification refused to everyone ({@link VerifyAuthorizer#denyAll()}),
     * webhook bodies up to 64 KiB, 5 verify calls per payment per minute with at most 10,000
     * payments tracked, 10 browser returns per payment per minute of which at most one every 10
     * seconds asks the provider, and the system UTC clock.
     */
    public static final class Builder {
        private final PaymentService service;
        private VerifyAuthorizer authorizer = VerifyAuthorizer.denyAll();
        private URI successUrl;
        private URI failureUrl;
        private URI pendingUrl;
        private int maxBodyBytes = 64 * 1024;
        private int verifyPermits = 5;
        private Duration verifyWindow = Duration.ofMinutes(1);
        private int verifyCapacity = 10_000;
        private int callbackPermits = 10;
        private Duration callbackWindow = Duration.ofMinutes(1);
        private Duration callbackRecheck = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();
        private PaymentObserver observer = PaymentObserver.NONE;

        private Builder(PaymentService service) {
            this.service = service;
        }

        /** Who may call the verify route; default {@link VerifyAuthorizer#denyAll()}. */
        public Builder verifyAuthorizer(VerifyAuthorizer authorizer) {
            this.authorizer = authorizer;
            return this;
        }

        /**
         * Where the browser goes when the payment is paid: an absolute http(s) URL or a path on
         * this site starting with {@code /}. {@code paymentId=<id>} is appended to its query.
         */
        public Builder successUrl(URI url) {
            this.successUrl = url;
            return this;
        }

        /** As {@link #successUrl(URI)}, from text. */
        public Builder successUrl(String url) {
            return successUrl(URI.create(url));
        }

        /**
         * Where the browser goes when the payment failed, was cancelled or expired, or the return
         * names no known payment; same form as {@link #successUrl(URI)}.
         */
        public Builder failureUrl(URI url) {
            this.failureUrl = url;
            return this;
        }

        /** As {@link #failureUrl(URI)}, from text. */
        public Builder failureUrl(String url) {
            return failureUrl(URI.create(url));
        }

        /**
         * Where the browser goes while the provider still reports the payment pending (or cannot be
         * asked now). Optional: without it the failure URL is used with the neutral query
         * {@code status=pending}, so the page can say "we are still checking".
         */
        public Builder pendingUrl(URI url) {
            this.pendingUrl = url;
            return this;
        }

        /** As {@link #pendingUrl(URI)}, from text. */
        public Builder pendingUrl(String url) {
            return pendingUrl(URI.create(url));
        }

        /** Largest webhook body accepted, in bytes (default 64 KiB); larger ones get 413. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** At most {@code permits} verify calls per payment in each {@code window}; then 429. */
        public Builder verifyRateLimit(int permits, Duration window) {
            this.verifyPermits = permits;
            this.verifyWindow = window;
            return this;
        }

        /**
         * At most {@code permits} browser returns ({@code GET /callback}) per payment in each
         * {@code window}, checked or not; then 429 with {@code Retry-After}. Default 10 a minute:
         * a customer reloading the return page stays well inside it.
         */
        public Builder callbackRateLimit(int permits, Duration window) {
            this.callbackPermits = permits;
            this.callbackWindow = window;
            return this;
        }

        /**
         * How long after a browser return checked a payment with its provider the next return is
         * answered from the stored state instead (default 10 seconds; zero asks every time). Only
         * pending card and bank transfer payments are ever checked from this route.
         */
        public Builder callbackRecheckInterval(Duration interval) {
            this.callbackRecheck = interval;
            return this;
        }

        /**
         * How many payments the verify and callback rate limits (and the callback's recheck
         * table) each remember at once (default 10,000); the least recently used is forgotten
         * first, so memory stays bounded.
         */
        public Builder verifyRateLimitCapacity(int capacity) {
            this.verifyCapacity = capacity;
            return this;
        }

        /**
         * Told of each request a rate limiter refuses ({@link PaymentObserver#rateLimited}, with
         * {@code verify} or {@code callback}); none by default. Usually the observer given to the
         * {@link PaymentService}.
         */
        public Builder observer(PaymentObserver observer) {
            this.observer = observer;
            return this;
        }

        /** The clock of the rate limit windows and recheck interval (default system UTC). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Builds the servlet.
         *
         * @throws IllegalArgumentException when a URL or limit is missing or unusable
         */
        public PaymentWebhookServlet build() {
            if (successUrl == null || failureUrl == null) {
                throw new IllegalArgumentException("successUrl and failureUrl are required");
            }
            return new PaymentWebhookServlet(this);
        }
    }

    private void rateLimited(String limiter) {
        try {
            observer.rateLimited(limiter);
        } catch (RuntimeException e) {
            log.warn("payment observer failed on rateLimited; ignored", e);
        }
    }
}
