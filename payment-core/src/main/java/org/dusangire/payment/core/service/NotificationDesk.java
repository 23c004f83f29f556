package org.dusangire.payment.core.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.core.port.WebhookNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications behind {@link PaymentService}: provider webhooks, the customer's browser coming
 * back from a hosted checkout, and a manual verification. Each is a hint, never a verdict.
 *
 * <ul>
 *   <li>A webhook is authenticated and parsed by its gateway; a reference only names a payment
 *       of that gateway, and a callback token it carries must be that payment's (compared in
 *       constant time). A forged or malformed webhook is refused with nothing stored.</li>
 *   <li>An accepted webhook is kept in the inbox first (its payload cut at 64 KiB), so a
 *       duplicate is answered without work and an interrupted one is finished by
 *       reconciliation.</li>
 *   <li>Only the provider's status API changes a payment ({@link Settlement}); a final payment is
 *       not asked again unless the webhook contradicts it (paid versus not paid). A webhook for a
 *       payment we do not know is an anomaly.</li>
 *   <li>A redirect's query string only names the payment (by our own id); only a pending card
 *       or bank transfer payment (a method with a hosted checkout) is checked with the provider,
 *       any other is answered as stored, as is one the provider cannot be asked about now.</li>
 * </ul>
 */
final class NotificationDesk {
    private static final Logger log = LoggerFactory.getLogger(NotificationDesk.class);
    private static final int MAX_INBOX_PAYLOAD = 64 * 1024;
    private static final List<String> REDIRECT_REFERENCE_PARAMETERS =
            List.of("tx_ref", "paymentId", "payment_id", "reference");

    private final PaymentRepository repository;
    private final Clock clock;
    private final Map<String, PaymentGateway> gateways;
    private final PaymentWriter writer;
    private final Settlement settlement;
    private final ProviderCalls calls;

    NotificationDesk(PaymentRepository repository, Clock clock, Map<String, PaymentGateway> gateways,
            PaymentWriter writer, Settlement settlement, ProviderCalls calls) {
        this.repository = repository;
        this.clock = clock;
        this.gateways = gateways;
        this.writer = writer;
        this.settlement = settlement;
        this.calls = calls;
    }

    /** See {@link PaymentService#handleWebhook}. */
    WebhookResult handleWebhook(String gatewayName, InboundRequest request) {
        PaymentGateway gateway = gateways.get(gatewayName);
        if (gateway == null) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED, gatewayName,
                    "no gateway named " + gatewayName);
        }
        WebhookNotification hint = gateway.parseWebhook(request);
        Optional<Payment> payment = resolve(gateway, hint.paymentReference());
        PaymentMdc mdc = PaymentMdc.put(payment.map(Payment::id).orElse(null), gateway.name());
        try {
            if (hint.callbackToken() != null && (payment.isEmpty()
                    || !tokenMatches(payment.get().callbackToken(), hint.callbackToken()))) {
                throw new WebhookRejectedException(WebhookRejectedException.Reason.AUTHENTICATION,
                        gatewayName, "callback token does not match the payment");
            }
            InboxKey key = new InboxKey(gateway.name(), hint.eventKey());
            String payload = request.bodyAsString();
            if (payload.length() > MAX_INBOX_PAYLOAD) {
                payload = payload.substring(0, MAX_INBOX_PAYLOAD);
            }
            boolean fresh = repository.recordInbound(InboxEntry.received(key,
                    payment.map(p -> p.id().toString()).orElse(hint.paymentReference()),
                    clock.instant(), payload));
            if (!fresh) {
                return new WebhookResult(WebhookResult.Outcome.DUPLICATE, payment);
            }
            if (payment.isEmpty()) {
                repository.markInboundProcessed(key, clock.instant(), "UNKNOWN_REFERENCE");
                writer.raise(new PaymentAnomaly(PaymentAnomaly.Kind.UNKNOWN_REFERENCE,
                        hint.paymentReference(), gateway.name(),
                        "authenticated webhook for a payment we do not know", clock.instant()));
                return new WebhookResult(WebhookResult.Outcome.UNKNOWN_REFERENCE, Optional.empty());
            }
            Payment current = learnReference(gateway, payment.get(), hint);
            if (current.status().isFinal() && !contradicts(current.status(), hint.reportedStatus())) {
                repository.markInboundProcessed(key, clock.instant(), "ALREADY_FINAL");
                return new WebhookResult(WebhookResult.Outcome.PROCESSED, payment);
            }
            if (!current.providerReferenceKnown()) {
                log.warn("payment {}: {} callback names no reference of the provider's; kept for "
                        + "reconciliation", current.id(), gateway.name());
                return new WebhookResult(WebhookResult.Outcome.DEFERRED, Optional.of(current));
            }
            StatusReport report;
            try {
                report = calls.call(gateway, ProviderOperation.STATUS,
                        () -> gateway.checkStatus(current));
            } catch (GatewayUnavailableException e) {
                log.warn("payment {}: webhook kept, status check at {} failed ({}); reconciliation "
                        + "finishes it", current.id(), gateway.name(), e.getMessage());
                return new WebhookResult(WebhookResult.Outcome.DEFERRED, payment);
            }
            if (report.providerTransactionId() == null && hint.providerTransactionId() != null
                    && report.status() == ProviderStatus.SUCCEEDED) {
                // the status API confirmed the payment but names no transaction id (M-Pesa's STK
                // query has no receipt); the authenticated callback's id is kept for the record
                report = new StatusReport(report.status(), report.reportedReference(),
                        report.reportedAmount(), hint.providerTransactionId(), report.reason(),
                        report.rawResponse());
            }
            Payment after = settlement.applyReport(current, report, Trigger.WEBHOOK, key);
            return new WebhookResult(WebhookResult.Outcome.PROCESSED, Optional.of(after));
        } finally {
            mdc.close();
        }
    }

    /**
     * A provider that assigns its own reference names it in its callback. When the payment does
     * not know it yet (the initiation's answer was lost), the callback, authenticated by then
     * (M-Pesa's by the payment's own token in its URL), tells it; it is stored before the status API is asked under it. A
     * reference already known is never replaced.
     */
    private Payment learnReference(PaymentGateway gateway, Payment payment, WebhookNotification hint) {
        if (payment.providerReferenceKnown() || hint.providerReference() == null
                || hint.providerReference().isBlank()
                || gateway.referenceRule() != PaymentGateway.ReferenceRule.PROVIDER_ASSIGNED) {
            return payment;
        }
        log.info("payment {}: {} named its reference in the callback; stored", payment.id(),
                gateway.name());
        return writer.store(payment, cur -> cur.providerReferenceKnown() ? Decision.NO_CHANGE
                : Decision.change(cur.toBuilder().providerReference(hint.providerReference())
                        .outcomeUnknown(false).updatedAt(clock.instant()).build()), null);
    }

    /** See {@link PaymentService#handleRedirect}. */
    Optional<Payment> handleRedirect(InboundRequest request) {
        Optional<PaymentId> id = REDIRECT_REFERENCE_PARAMETERS.stream()
                .map(request::queryParameter).flatMap(Optional::stream)
                .map(PaymentWriter::parseIdOrNull).filter(Objects::nonNull).findFirst();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<Payment> payment = repository.findById(id.get());
        if (payment.isEmpty()) {
            return Optional.empty();
        }
        Payment current = payment.get();
        if (current.status().isFinal() || !current.method().isRedirect()) {
            // no hosted checkout, no browser return: a mobile money or cash payment is settled by
            // its webhook, a verify or reconciliation, never by whoever loads this URL
            return payment;
        }
        try {
            return Optional.of(settlement.settle(current, Trigger.REDIRECT).payment());
        } catch (GatewayUnavailableException e) {
            log.warn("payment {}: redirect verification deferred ({})", id.get(), e.getMessage());
            return payment;
        }
    }

    /** See {@link PaymentService#verify}. */
    Payment verify(PaymentId id) {
        Payment payment = writer.load(id);
        if (payment.status().isFinal()) {
            return payment;
        }
        return settlement.settle(payment, Trigger.VERIFY).payment();
    }

    /** The payment a reference names (our id, else the provider's reference), if that gateway's. */
    Optional<Payment> resolve(PaymentGateway gateway, String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        PaymentId id = PaymentWriter.parseIdOrNull(reference);
        Optional<Payment> found = id != null ? repository.findById(id)
                : repository.findByProviderReference(gateway.name(), reference);
        return found.filter(p -> p.gatewayName().equals(gateway.name()));
    }

    private static boolean tokenMatches(String expected, String candidate) {
        if (expected == null || candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** True when a webhook's claim disagrees with a final status (paid versus not paid). */
    private static boolean contradicts(PaymentStatus held, ProviderStatus claimed) {
        if (!claimed.isFinal()) {
            return false;
        }
        return held.isPaid() != (claimed == ProviderStatus.SUCCEEDED);
    }
}
