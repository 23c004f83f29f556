package org.dusangire.payment.testkit;

import org.dusangire.payment.core.error.PaymentStoreUnavailableException;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.PaymentRepository;

/** Delegates to a real repository but fails every inbox write, as a store that went down would. */
final class FailingInboxRepository extends ForwardingPaymentRepository {

    FailingInboxRepository(PaymentRepository delegate) {
        super(delegate);
    }

    @Override
    public boolean recordInbound(InboxEntry entry) {
        throw new PaymentStoreUnavailableException("connection refused", null);
    }
}
