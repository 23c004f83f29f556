package org.dusangire.payment.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentEventListener;
import org.dusangire.payment.core.port.PaymentStatusChanged;
import org.dusangire.payment.core.port.RefundChanged;

/** A thread-safe listener that remembers every event, refund event and anomaly it hears, for assertions. */
public final class RecordingListener implements PaymentEventListener {
    private final List<PaymentStatusChanged> events = new CopyOnWriteArrayList<>();
    private final List<PaymentAnomaly> anomalies = new CopyOnWriteArrayList<>();
    private final List<RefundChanged> refundEvents = new CopyOnWriteArrayList<>();

    @Override
    public void onStatusChanged(PaymentStatusChanged event) {
        events.add(event);
    }

    @Override
    public void onRefundChanged(RefundChanged event) {
        refundEvents.add(event);
    }

    @Override
    public void onAnomaly(PaymentAnomaly anomaly) {
        anomalies.add(anomaly);
    }

    public List<PaymentStatusChanged> events() {
        return List.copyOf(events);
    }

    public List<RefundChanged> refundEvents() {
        return List.copyOf(refundEvents);
    }

    /** How many events moved this refund to {@code status} (its creation counts as PENDING). */
    public long count(RefundId id, RefundStatus status) {
        return refundEvents.stream().filter(e -> e.refund().id().equals(id) && e.to() == status)
                .count();
    }

    public List<PaymentAnomaly> anomalies() {
        return List.copyOf(anomalies);
    }

    /** How many events moved this payment to {@code status}. */
    public long count(PaymentId id, PaymentStatus status) {
        return events.stream().filter(e -> e.payment().id().equals(id) && e.to() == status).count();
    }

    public void clear() {
        events.clear();
        anomalies.clear();
        refundEvents.clear();
    }
}
