package org.dusangire.payment.webhooks.servlet;

import java.util.concurrent.atomic.AtomicBoolean;
import org.dusangire.payment.core.error.PaymentStoreUnavailableException;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.testkit.ForwardingPaymentRepository;

/** A repository that can be switched off, as a database outage looks to the service. */
final class OutageRepository extends ForwardingPaymentRepository {
    private final AtomicBoolean down = new AtomicBoolean();

    OutageRepository(PaymentRepository delegate) {
        super(delegate);
    }

    void down(boolean isDown) {
        down.set(isDown);
    }

    /** Every call fails while the store is down. */
    @Override
    protected PaymentRepository delegate() {
        if (down.get()) {
            throw new PaymentStoreUnavailableException("connection refused: jdbc:secret-host",
                    new java.io.IOException("db-password-in-message"));
        }
        return super.delegate();
    }
}
