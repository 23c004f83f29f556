package org.dusangire.payment.testkit;

import org.dusangire.payment.core.port.PaymentRepository;

class InMemoryPaymentRepositoryTest extends PaymentRepositoryContract {
    @Override
    protected PaymentRepository createRepository() {
        return new InMemoryPaymentRepository();
    }
}
