package org.dusangire.payment.core.service;

import java.time.Duration;
import java.util.Locale;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PendingBacklog;

/**
 * What the library does, told to metrics and tracing: provider calls, initiations, status
 * changes, anomalies, webhooks, reconciliation passes and the backlog, rate-limit rejections and
 * token fetches. Register one with {@link PaymentService.Builder#observer(PaymentObserver)};
 * {@code payment-micrometer} implements it with Micrometer. Every method does nothing by
 * default, so an observer overrides only what it needs.
 *
 * <p>Every argument is low-cardinality by design (a gateway name, an operation, an enum): never
 * a payment id, a phone number, an order reference or an amount, so an implementation may turn
 * each into a metric tag. An observer that throws is logged and ignored; it never changes what
 * happens to a payment. Called on the thread that did the work; must be thread-safe.
 */
public interface PaymentObserver {
    /** An observer that does nothing. */
    PaymentObserver NONE = new PaymentObserver() {
    };

    /** How a call to a provider ended. */
    enum CallOutcome {
        /** The provider answered. */
        SUCCESS,
        /** The provider answered with a refusal (still an answer: it is reachable). */
        REJECTED,
        /** The provider could not be reached or timed out: the outcome is unknown. */
        UNAVAILABLE,
        /** Anything else: misconfiguration, an unexpected error. */
        ERROR;

        /** Lower case with dashes, for tags: {@code success}, {@code unavailable}. */
        public String tag() {
            return tagOf(this);
        }
    }

    /** How a {@link PaymentService#initiate} ended. */
    enum InitiationOutcome {
        /** The provider took the payment; it waits for the customer. */
        ACCEPTED,
        /** The provider refused it; the payment failed. */
        REJECTED,
        /** The provider did not answer; reconciliation settles it. */
        OUTCOME_UNKNOWN,
        /** The idempotency key was seen before: the same payment, nothing sent. */
        REPLAYED,
        /** An error was thrown to the caller (misconfiguration, store down). */
        ERROR;

        /** Lower case with dashes, for tags. */
        public String tag() {
            return tagOf(this);
        }
    }

    /** How a {@link PaymentService#handleWebhook} ended. */
    enum WebhookOutcome {
        /** Confirmed with the provider and applied, or already applied. */
        PROCESSED,
        /** Received before. */
        DUPLICATE,
        /** Authenticated, but for no payment we know. */
        UNKNOWN_REFERENCE,
        /** Stored; the provider could not be asked now. */
        DEFERRED,
        /** Forged or malformed: rejected. */
        REJECTED,
        /** Failed (the store is down, for instance): the provider should deliver it again. */
        ERROR;

        /** Lower case with dashes, for tags. */
        public String tag() {
            return tagOf(this);
        }
    }

    /** One provider call under way; {@link #end} is called once. */
    interface ProviderCall {
        /** A call whose end nobody wants to hear of. */
        ProviderCall NONE = (outcome, duration) -> {
        };

        /**
         * The call ended.
         *
         * @param outcome  how
         * @param duration how long it took, measured with {@link System#nanoTime()}
         */
        void end(CallOutcome outcome, Duration duration);
    }

    /**
     * A call to a provider starts (on the calling thread; a tracing observer opens its span
     * here, so the HTTP client's own spans become its children).
     *
     * @param gateway   the registered gateway's name, e.g. {@code mtn-momo}
     * @param operation which call
     * @return what to tell when the call ends; never null
     */
    default ProviderCall providerCall(String gateway, ProviderOperation operation) {
        return ProviderCall.NONE;
    }

    /** A checkout ended (a validation error before anything is stored is not counted). */
    default void initiation(String gateway, PaymentMethod method, InitiationOutcome outcome) {
    }

    /** A payment's stored status changed, once per stored change. */
    default void statusChange(String gateway, PaymentMethod method, PaymentStatus from,
            PaymentStatus to) {
    }

    /** An anomaly was stored; {@code gateway} is the reporting gateway's name. */
    default void anomaly(String gateway, PaymentAnomaly.Kind kind) {
    }

    /**
     * A webhook was handled.
     *
     * @param gateway the gateway's name when it is registered, {@code unknown} otherwise (the
     *                name comes from the request's URL, so anything else would let a caller
     *                invent tag values)
     */
    default void webhook(String gateway, WebhookOutcome outcome) {
    }

    /** A reconciliation pass ended, with what it did. */
    default void reconcilePass(ReconcileReport report, Duration duration) {
    }

    /** A reconciliation pass threw. */
    default void reconcilePassFailed(Duration duration) {
    }

    /**
     * The store's pending backlog, sampled after each reconciliation pass and on each
     * {@link PaymentService#health()}; while passes run back to back over full batches (draining
     * a large backlog), at most once every 5 seconds, and again after the pass that ends it.
     *
     * @param oldestAge age of the oldest pending payment; {@link Duration#ZERO} when none is
     */
    default void backlog(PendingBacklog backlog, Duration oldestAge) {
    }

    /**
     * A request was refused by a rate limiter (the servlet's {@code verify} and {@code callback}
     * limiters).
     */
    default void rateLimited(String limiter) {
    }

    /**
     * An OAuth2 token was fetched from a provider (payment-gateway-http's token cache).
     *
     * @param gateway   the gateway (product) the token is for, e.g. {@code mtn-momo}
     * @param succeeded whether the fetch returned a token
     */
    default void tokenFetch(String gateway, boolean succeeded, Duration duration) {
    }

    private static String tagOf(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
