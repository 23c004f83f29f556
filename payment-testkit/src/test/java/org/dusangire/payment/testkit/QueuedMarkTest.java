package org.dusangire.payment.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.port.RefundWrite;
import org.junit.jupiter.api.Test;

/**
 * Delivered marks are written together, so a payment's event can still be open (its mark queued
 * behind another thread's write) when the payment changes again. That change's events are then
 * delivered by the thread that made it, once the queued marks are written, not left to a pass.
 */
class QueuedMarkTest {
    private final InMemoryPaymentRepository memory = new InMemoryPaymentRepository();
    private final CountDownLatch markHeld = new CountDownLatch(1);
    private final CountDownLatch releaseMark = new CountDownLatch(1);
    private final AtomicBoolean holdNextMark = new AtomicBoolean(true);
    private final List<UUID> marked = new CopyOnWriteArrayList<>();
    private final AtomicLong creationHeardBeforeTheAnswer = new AtomicLong(-1);

    /** Holds the first mark write until a refund of the payment has been stored. */
    private final ForwardingPaymentRepository store = new ForwardingPaymentRepository(memory) {
        @Override
        public void markEventsDelivered(List<UUID> eventIds, Instant at) {
            if (holdNextMark.getAndSet(false)) {
                markHeld.countDown();
                await(releaseMark);
            }
            super.markEventsDelivered(eventIds, at);
            marked.addAll(eventIds);
        }

        @Override
        public RefundWrite insertRefund(Refund refund, Payment reserving) {
            RefundWrite written = super.insertRefund(refund, reserving);
            releaseMark.countDown();
            return written;
        }

        @Override
        public RefundWrite updateRefund(Refund refund, Payment payment) {
            creationHeardBeforeTheAnswer.compareAndSet(-1, f.listener.count(refund.id(),
                    RefundStatus.PENDING));
            return super.updateRefund(refund, payment);
        }
    };
    private final ServiceFixture f = new ServiceFixture(store);

    @Test
    void aRefundBehindAQueuedMarkIsToldByTheThreadThatMadeIt() throws Exception {
        Payment other = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
        f.mtn.approve(other);
        Thread writer = new Thread(() -> f.service.verify(other.id()));
        writer.start();
        assertThat(markHeld.await(30, TimeUnit.SECONDS)).as("the other payment's mark is held")
                .isTrue();

        Payment p = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
        f.mtn.approve(p);
        f.service.verify(p.id());
        assertThat(f.listener.count(p.id(), PaymentStatus.SUCCEEDED)).isEqualTo(1);
        assertThat(marked).as("heard, but its mark is queued behind the held one").isEmpty();

        Refund refund = f.service.refund(p.id(), null, "returned");

        writer.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(writer.isAlive()).isFalse();
        assertThat(creationHeardBeforeTheAnswer.get())
                .as("the refund's creation was told right after its write, once the queued marks "
                        + "were written, before the provider's answer was stored").isEqualTo(1);
        assertThat(f.listener.count(refund.id(), RefundStatus.PENDING))
                .as("the refund's creation, heard without a delivery pass").isEqualTo(1);
        assertThat(f.listener.count(refund.id(), RefundStatus.SUCCEEDED)).isEqualTo(1);
        assertThat(f.listener.count(p.id(), PaymentStatus.REFUNDED)).isEqualTo(1);
        assertThat(f.listener.count(p.id(), PaymentStatus.SUCCEEDED)).isEqualTo(1);
        assertThat(f.listener.count(other.id(), PaymentStatus.SUCCEEDED)).isEqualTo(1);
        assertThat(marked).as("every event heard is marked").hasSize(f.listener.events().size()
                + f.listener.refundEvents().size());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
