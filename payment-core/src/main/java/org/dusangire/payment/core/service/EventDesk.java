package org.dusangire.payment.core.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.core.error.PaymentNotFoundException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.port.ClaimedUpdate;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentEvent;
import org.dusangire.payment.core.port.PaymentEventListener;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.port.PaymentStatusChanged;
import org.dusangire.payment.core.port.RefundChanged;
import org.dusangire.payment.core.port.StoredAnomaly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event delivery behind {@link PaymentService}: the stored events (written by the repository in
 * the same transaction as each change) reach the listeners at least once, in order per payment.
 *
 * <p>The thread that makes a change delivers the events it wrote right after it is committed
 * (claimed in the write itself, or by id right after it, and told with the payment as it stored
 * it); a delivery pass ({@link #deliverDue},
 * run by every reconciliation) takes whatever is left: events whose first delivery was cut short
 * by a crash, events a listener threw on once their backoff has passed, and an event written
 * while an earlier one of its payment was still being delivered. Claims keep two instances from
 * delivering the same event at the same time. An event a listener failed
 * {@link PaymentConfig#eventMaxAttempts()} times is parked and counted; it stops holding back the
 * later events of its payment and waits to be re-driven. Events the listeners took are marked
 * delivered together with other threads' marks ({@link DeliveredMarks}); a payment whose earlier
 * event's mark is still being written has its next events delivered as {@link #deliverFor} does,
 * after the marks are written.
 */
final class EventDesk {
    private static final Logger log = LoggerFactory.getLogger(EventDesk.class);
    private static final Duration MAX_RETRY_DELAY = Duration.ofHours(1);
    /** Events of one payment delivered right after a change: one change writes at most a few. */
    private static final int RIGHT_AWAY_LIMIT = 16;
    private static final int PASS_BATCH = 100;
    private static final int MAX_PASS_ROUNDS = 50;

    private final PaymentRepository repository;
    private final Clock clock;
    private final PaymentConfig config;
    private final List<PaymentEventListener> listeners;
    private final DeliveredMarks marks;

    EventDesk(PaymentRepository repository, Clock clock, PaymentConfig config,
            List<PaymentEventListener> listeners) {
        this.repository = repository;
        this.clock = clock;
        this.config = config;
        this.listeners = listeners;
        this.marks = new DeliveredMarks(repository, clock);
    }

    /**
     * Delivers one payment's due events now, on the calling thread, after a change of it was
     * committed ({@code null}: an anomaly that names no payment was stored; a few due events of
     * any payment are delivered). Never throws: the change is stored, and what could not be
     * delivered now is delivered by a later pass.
     */
    void deliverFor(PaymentId paymentId) {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            if (paymentId == null) {
                deliver(null, RIGHT_AWAY_LIMIT, 1);
            } else {
                deliver(paymentId, RIGHT_AWAY_LIMIT, RIGHT_AWAY_LIMIT);
            }
        } catch (PaymentException e) {
            deferred(paymentId, e);
        }
    }

    /**
     * Delivers the events one committed write just stored ({@code written}, in write order, all
     * of payment {@code paymentId}) now, on the calling thread. They are claimed by their ids in
     * one statement and told with what the write stored ({@code stored}, {@code anomaly}; either
     * may be {@code null}), so nothing is looked up again. When they cannot all be claimed (an
     * earlier event of the payment is still open, a pass holds one, or the store does not claim
     * by id) the payment's due events are delivered as {@link #deliverFor} does. A listener
     * failing on one leaves the later ones claimed until their lease runs out: they wait behind
     * it anyway. Never throws.
     */
    void deliverWritten(PaymentId paymentId, Payment stored, List<PaymentEvent> written,
            PaymentAnomaly anomaly) {
        if (listeners.isEmpty()) {
            return;
        }
        boolean claimed;
        try {
            claimed = !written.isEmpty() && repository.claimWrittenEvents(paymentId, ids(written),
                    clock.instant(), config.eventLease());
        } catch (PaymentException e) {
            deferred(paymentId, e);
            return;
        }
        deliverClaimed(paymentId, stored, written, anomaly, claimed);
    }

    /**
     * Stores a change as {@link PaymentRepository#update(Payment, InboxKey, PaymentAnomaly)} does
     * and, when there are listeners to tell, claims in the same write the events it stores
     * ({@code written}, as {@link PaymentWriter} derives them), so that
     * {@link #deliverClaimed} needs no claim of its own.
     */
    ClaimedUpdate update(Payment next, InboxKey inbox, PaymentAnomaly anomaly,
            List<PaymentEvent> written) {
        if (listeners.isEmpty() || written.isEmpty()) {
            return new ClaimedUpdate(repository.update(next, inbox, anomaly), false);
        }
        return repository.updateAndClaim(next, inbox, anomaly, ids(written), clock.instant(),
                config.eventLease());
    }

    /**
     * Delivers the events a committed write stored ({@code written}, in write order, all of
     * payment {@code paymentId}) now, on the calling thread, when {@code claimed} (by the write or
     * right after it), told with what the write stored; otherwise, when it stored any, the
     * payment's due events, as {@link #deliverFor} does. A write that stored no event (the
     * answer to an initiation, a learned reference) delivers nothing and waits for no one's
     * marks: what earlier writes left undelivered is a pass's. Never throws.
     */
    void deliverClaimed(PaymentId paymentId, Payment stored, List<PaymentEvent> written,
            PaymentAnomaly anomaly, boolean claimed) {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            if (!claimed) {
                if (!written.isEmpty()) {
                    deliver(paymentId, RIGHT_AWAY_LIMIT, RIGHT_AWAY_LIMIT);
                }
                return;
            }
            for (PaymentEvent event : written) {
                if (deliverOne(event, stored, anomaly) != null) {
                    return;
                }
            }
        } catch (PaymentException e) {
            deferred(paymentId, e);
        }
    }

    private static void deferred(PaymentId paymentId, PaymentException e) {
        log.warn("payment {}: its events could not be delivered now ({}); a later pass "
                + "delivers them", paymentId, e.getMessage());
    }

    private static List<UUID> ids(List<PaymentEvent> events) {
        return events.stream().map(PaymentEvent::id).toList();
    }

    /**
     * A delivery pass over every payment's due events, until nothing more is due. An instance
     * without listeners delivers nothing and marks nothing: another instance's listeners, or the
     * changes feed, still get every event.
     */
    EventDeliveryReport deliverDue() {
        if (listeners.isEmpty()) {
            return new EventDeliveryReport(0, 0, 0);
        }
        return deliver(null, PASS_BATCH, MAX_PASS_ROUNDS);
    }

    /**
     * Claims and delivers due events, round after round: a payment's next event becomes due once
     * the one before it is delivered, so the claim repeats until it finds nothing (a failed event
     * is not due again before its backoff has passed, so the rounds end).
     */
    private EventDeliveryReport deliver(PaymentId onlyFor, int limit, int maxRounds) {
        int delivered = 0;
        int failed = 0;
        int parked = 0;
        for (int round = 0; round < maxRounds; round++) {
            // a payment's next event is due once the one before is marked: marks still queued
            // (this thread's last round, or another thread's) are written first
            marks.writeAll();
            List<PaymentEvent> claimed = repository.claimEvents(clock.instant(),
                    config.eventLease(), limit, onlyFor);
            if (claimed.isEmpty()) {
                break;
            }
            for (PaymentEvent event : claimed) {
                Failure failure = deliverOne(event, null, null);
                if (failure == null) {
                    delivered++;
                } else {
                    failed++;
                    if (failure.parked) {
                        parked++;
                    }
                }
            }
        }
        return new EventDeliveryReport(delivered, failed, parked);
    }

    private record Failure(boolean parked) {
    }

    /** Delivers one claimed event; {@code known} and {@code anomaly} spare a lookup when given. */
    private Failure deliverOne(PaymentEvent event, Payment known, PaymentAnomaly anomaly) {
        PaymentMdc mdc = PaymentMdc.put(event.paymentId(), null);
        try {
            PaymentEventListener listener = null;
            try {
                Consumer<PaymentEventListener> call = callFor(event, known, anomaly);
                for (PaymentEventListener l : listeners) {
                    listener = l;
                    call.accept(l);
                }
            } catch (RuntimeException e) {
                return failed(event, listener, e);
            }
            marks.delivered(event.id());
            return null;
        } finally {
            mdc.close();
        }
    }

    /**
     * Loads what the event is about once (unless the write that stored it is given), and returns
     * the call to make on each listener.
     */
    private Consumer<PaymentEventListener> callFor(PaymentEvent event, Payment known,
            PaymentAnomaly knownAnomaly) {
        switch (event.type()) {
            case PAYMENT_STATUS_CHANGED -> {
                Payment payment = known != null && known.id().equals(event.paymentId()) ? known
                        : payment(event.paymentId());
                PaymentStatusChanged changed = new PaymentStatusChanged(payment,
                        PaymentStatus.valueOf(event.from()), PaymentStatus.valueOf(event.to()),
                        event.trigger(), event.occurredAt(), event.id());
                return l -> l.onStatusChanged(changed);
            }
            case REFUND_STATUS_CHANGED -> {
                Refund refund = repository.findRefund(event.refundId()).orElseThrow(
                        () -> new PaymentNotFoundException(String.valueOf(event.refundId())));
                RefundChanged changed = new RefundChanged(refund, payment(event.paymentId()),
                        event.from() == null ? null : RefundStatus.valueOf(event.from()),
                        RefundStatus.valueOf(event.to()), event.occurredAt(), event.id());
                return l -> l.onRefundChanged(changed);
            }
            case ANOMALY -> {
                if (knownAnomaly != null && knownAnomaly.id().equals(event.id())) {
                    return l -> l.onAnomaly(knownAnomaly);
                }
                Optional<StoredAnomaly> stored = repository.findAnomaly(event.id());
                PaymentAnomaly anomaly = stored.map(StoredAnomaly::anomaly).orElseThrow(
                        () -> new PaymentNotFoundException("anomaly " + event.id()));
                return l -> l.onAnomaly(anomaly);
            }
            default -> throw new IllegalStateException("unknown event type " + event.type());
        }
    }

    private Payment payment(PaymentId id) {
        return repository.findById(id)
                .orElseThrow(() -> new PaymentNotFoundException(String.valueOf(id)));
    }

    private Failure failed(PaymentEvent event, PaymentEventListener listener, RuntimeException e) {
        int failures = event.attempts() + 1;
        boolean park = failures >= config.eventMaxAttempts();
        Instant retryAt = clock.instant().plus(backoff(failures));
        String who = listener == null ? "loading what it is about" : "listener "
                + listener.getClass().getName();
        if (park) {
            log.error("event {} ({} of payment {}): {} failed {} times; parked until re-driven",
                    event.id(), event.type(), event.paymentId(), who, failures, e);
        } else {
            log.warn("event {} ({} of payment {}): {} failed (attempt {}), delivered again at {}",
                    event.id(), event.type(), event.paymentId(), who, failures, retryAt, e);
        }
        String error = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        repository.markEventFailed(event.id(), retryAt, park,
                error.length() > 500 ? error.substring(0, 500) : error);
        return new Failure(park);
    }

    /** The retry delay doubles with each failure, from the configured delay up to one hour. */
    private Duration backoff(int failures) {
        Duration delay = config.eventRetryDelay();
        for (int i = 1; i < failures && delay.compareTo(MAX_RETRY_DELAY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }
}
