package org.dusangire.payment.testkit;

import org.dusangire.payment.core.port.PaymentRepository;

/** The in-memory repository keeps the outbox contract. */
class InMemoryEventStoreTest extends PaymentEventStoreContract {
    @Override
    protected PaymentRepository createRepository() {
        return new InMemoryPaymentRepository();
    }
}
