package org.dusangire.payment.testkit;

import org.dusangire.payment.core.port.PaymentRepository;

/**
 * A decorator that changes nothing still passes the whole repository contract, the inbox purge
 * (a default method of the port) included: nothing is left to the port's do-nothing defaults.
 */
class ForwardingPaymentRepositoryTest extends PaymentRepositoryContract {
    @Override
    protected PaymentRepository createRepository() {
        return new ForwardingPaymentRepository(new InMemoryPaymentRepository()) {
        };
    }
}
