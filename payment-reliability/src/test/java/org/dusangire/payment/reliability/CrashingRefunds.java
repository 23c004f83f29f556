package org.dusangire.payment.reliability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.port.RefundWrite;
import org.dusangire.payment.testkit.ForwardingPaymentRepository;

/**
 * A store whose process "dies" for every {@code every}-th refund right after the provider
 * answered it: the write that records the answer never commits. The reservation written before
 * the provider call is kept, as it would be in the database of a crashed host.
 */
final class CrashingRefunds extends ForwardingPaymentRepository {
    private final int every;
    private final AtomicInteger reserved = new AtomicInteger();
    private final Set<RefundId> doomed = ConcurrentHashMap.newKeySet();
    final AtomicInteger crashes = new AtomicInteger();

    CrashingRefunds(PaymentRepository store, int every) {
        super(store);
        this.every = every;
    }

    /** Thrown where the process would have died. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("simulated crash between the provider's refund answer and our commit");
        }
    }

    @Override
    public RefundWrite insertRefund(Refund refund, Payment reserving) {
        RefundWrite written = super.insertRefund(refund, reserving);
        if (reserved.incrementAndGet() % every == 0) {
            doomed.add(refund.id());
        }
        return written;
    }

    @Override
    public RefundWrite updateRefund(Refund refund, Payment payment) {
        if (doomed.remove(refund.id())) {
            crashes.incrementAndGet();
            throw new Crash();
        }
        return super.updateRefund(refund, payment);
    }
}
