/**
 * Test support for the library and for anyone adding an adapter: the abstract contracts
 * {@link org.dusangire.payment.testkit.PaymentRepositoryContract} and
 * {@link org.dusangire.payment.testkit.PaymentGatewayContract}, the
 * {@link org.dusangire.payment.testkit.InMemoryPaymentRepository}, the
 * {@link org.dusangire.payment.testkit.ScriptedPaymentGateway} and test-data builders.
 */
package org.dusangire.payment.testkit;
