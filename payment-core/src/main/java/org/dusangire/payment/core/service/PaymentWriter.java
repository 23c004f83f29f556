package org.dusangire.payment.core.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.dusangire.payment.core.error.ConcurrentPaymentModificationException;
import org.dusangire.payment.core.error.PaymentNotFoundException;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.StatusChange;
import org.dusangire.payment.core.port.ClaimedUpdate;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentEvent;
import org.dusangire.payment.core.port.PaymentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a payment changes behind {@link PaymentService}: every use case states what it wants
 * as a {@link Decision} and this class stores it.
 *
 * <ul>
 *   <li>A decision is taken on the freshest copy of the payment: after each lost version race the
 *       payment is read again and the decision taken again, so a rule is always weighed against
 *       the status that is actually stored (a final status, once stored, is what later decisions
 *       see). After {@value #MAX_UPDATE_ATTEMPTS} lost races the conflict is thrown.</li>
 *   <li>The change, the inbox entry it finishes and its anomaly are written in one update; an
 *       anomaly raised without a change is stored on its own. Each is stored and logged once.</li>
 *   <li>Only after the write is committed are the events it wrote handed to the
 *       {@link EventDesk}, with the payment as stored, so listeners hear only of what is stored
 *       and nothing is read back to tell them.</li>
 * </ul>
 */
final class PaymentWriter {
    private static final Logger log = LoggerFactory.getLogger(PaymentWriter.class);
    private static final int MAX_UPDATE_ATTEMPTS = 25;

    private final PaymentRepository repository;
    private final Clock clock;
    private final EventDesk events;
    private final PaymentObserver observer;

    PaymentWriter(PaymentRepository repository, Clock clock, EventDesk events,
            PaymentObserver observer) {
        this.repository = repository;
        this.clock = clock;
        this.events = events;
        this.observer = observer;
    }

    /**
     * Applies a decision to the freshest copy of the payment until it is stored, re-reading after
     * each lost race. Listeners hear only of the change this call stored; anomalies are raised once.
     */
    Payment store(Payment start, Function<Payment, Decision> decide, InboxKey inbox) {
        PaymentMdc mdc = PaymentMdc.of(start);
        try {
            Payment current = start;
            for (int attempt = 1; ; attempt++) {
                Decision decision = decide.apply(current);
                if (decision.next() == null) {
                    if (inbox != null) {
                        repository.markInboundProcessed(inbox, clock.instant(), "NO_CHANGE");
                    }
                    raise(decision.anomaly());
                    return current;
                }
                requireCreationKept(current, decision.next());
                try {
                    List<PaymentEvent> written = written(current, decision.next(),
                            decision.anomaly());
                    ClaimedUpdate done = events.update(decision.next(), inbox, decision.anomaly(),
                            written);
                    Payment stored = done.payment();
                    if (decision.anomaly() != null) {
                        logAnomaly(decision.anomaly());
                    }
                    if (current.status() != stored.status()) {
                        StatusChange last = stored.history().get(stored.history().size() - 1);
                        log.info("payment {}: {} -> {} ({})", stored.id(), current.status(),
                                stored.status(), last.trigger());
                        observer.statusChange(stored.gatewayName(), stored.method(), current.status(),
                                stored.status());
                    }
                    events.deliverClaimed(stored.id(), stored, written, decision.anomaly(),
                            done.eventsClaimed());
                    return stored;
                } catch (ConcurrentPaymentModificationException e) {
                    if (attempt >= MAX_UPDATE_ATTEMPTS) {
                        throw e;
                    }
                    current = load(start.id());
                }
            }
        } finally {
            mdc.close();
        }
    }

    /** Keeps an anomaly raised without a change (with its event) and delivers it. */
    void raise(PaymentAnomaly anomaly) {
        if (anomaly == null) {
            return;
        }
        repository.recordAnomaly(anomaly);
        logAnomaly(anomaly);
        PaymentEvent event = PaymentEvent.ofAnomaly(anomaly);
        if (event.paymentId() == null) {
            events.deliverFor(null);
        } else {
            events.deliverWritten(event.paymentId(), null, List.of(event), anomaly);
        }
    }

    /**
     * The events an update of {@code before} into {@code stored} writes, in write order, as the
     * repository derives them: one per new history entry, then the anomaly's when it names this
     * payment (one naming another is delivered by a pass).
     */
    private static List<PaymentEvent> written(Payment before, Payment stored, PaymentAnomaly anomaly) {
        List<PaymentEvent> written = new ArrayList<>();
        for (int i = before.history().size(); i < stored.history().size(); i++) {
            if (stored.history().get(i).from() != null) {
                written.add(PaymentEvent.ofPaymentChange(stored, i));
            }
        }
        if (anomaly != null) {
            PaymentEvent event = PaymentEvent.ofAnomaly(anomaly);
            if (stored.id().equals(event.paymentId())) {
                written.add(event);
            }
        }
        return written;
    }

    /**
     * A decision may change what happens to a payment, never what it was created with: the
     * store writes only the rest ({@link PaymentRepository#update}), so such a change would be
     * lost, or, worse, believed. A decision that tries is a bug; nothing is written.
     */
    private static void requireCreationKept(Payment before, Payment after) {
        String changed = !before.id().equals(after.id()) ? "id"
                : !before.orderReference().equals(after.orderReference()) ? "order reference"
                : !before.idempotencyKey().equals(after.idempotencyKey()) ? "idempotency key"
                : !before.money().currency().equals(after.money().currency())
                        || before.money().amount().compareTo(after.money().amount()) != 0 ? "amount"
                : before.method() != after.method() ? "method"
                : !before.payer().equals(after.payer()) ? "payer"
                : !Objects.equals(before.description(), after.description()) ? "description"
                : !before.gatewayName().equals(after.gatewayName()) ? "gateway"
                : !Objects.equals(before.callbackToken(), after.callbackToken()) ? "callback token"
                : !before.createdAt().equals(after.createdAt()) ? "creation time"
                : !before.expiresAt().equals(after.expiresAt()) ? "expiry time"
                : null;
        if (changed != null) {
            throw new IllegalStateException("payment " + before.id() + ": a change may not alter its "
                    + changed + ", fixed when it was created");
        }
    }

    /**
     * The stored payment, as a use case starts from it.
     *
     * @throws NullPointerException     when {@code id} is null
     * @throws PaymentNotFoundException when there is no such payment
     */
    Payment load(PaymentId id) {
        return repository.findById(Objects.requireNonNull(id, "id must not be null"))
                .orElseThrow(() -> new PaymentNotFoundException(id.toString()));
    }

    /** Our payment id when {@code text} is one, else {@code null} (a provider's own reference). */
    static PaymentId parseIdOrNull(String text) {
        try {
            return PaymentId.parse(text);
        } catch (PaymentValidationException e) {
            return null;
        }
    }

    private void logAnomaly(PaymentAnomaly anomaly) {
        observer.anomaly(anomaly.gatewayName(), anomaly.kind());
        log.warn("payment anomaly {} on {} via {}: {}", anomaly.kind(), anomaly.paymentReference(),
                anomaly.gatewayName(), anomaly.detail());
    }
}
