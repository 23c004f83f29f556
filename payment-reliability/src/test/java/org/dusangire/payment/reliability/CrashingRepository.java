package org.dusangire.payment.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.ClaimedUpdate;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.testkit.ForwardingPaymentRepository;

/**
 * A store whose process "dies" right after the provider accepted a payment: the update that
 * records the provider's answer (pending, outcome now known) never commits. Everything before
 * it, the insert included, is kept, as it would be in the database of a crashed host.
 */
final class CrashingRepository extends ForwardingPaymentRepository {
    final AtomicInteger crashes = new AtomicInteger();

    CrashingRepository(PaymentRepository store) {
        super(store);
    }

    /** Thrown where the process would have died. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("simulated crash between the provider's answer and our commit");
        }
    }

    @Override
    public Payment update(Payment payment, InboxKey processedEvent, PaymentAnomaly anomaly) {
        crashIfRecordingTheAnswer(payment, processedEvent);
        return super.update(payment, processedEvent, anomaly);
    }

    @Override
    public ClaimedUpdate updateAndClaim(Payment payment, InboxKey processedEvent,
            PaymentAnomaly anomaly, List<UUID> eventIds, Instant now, Duration lease) {
        crashIfRecordingTheAnswer(payment, processedEvent);
        return super.updateAndClaim(payment, processedEvent, anomaly, eventIds, now, lease);
    }

    private void crashIfRecordingTheAnswer(Payment payment, InboxKey processedEvent) {
        if (processedEvent == null && payment.status() == PaymentStatus.PENDING
                && !payment.outcomeUnknown()) {
            crashes.incrementAndGet();
            throw new Crash();
        }
    }
}
