/**
 * Test support for the library and for anyone adding an adapter: the abstract contracts
 * {@link org.dusangire.payment.testkit.PaymentRepositoryContract} and
 * {@link org.dusangire.payment.testkit.PaymentGatewayContract}, the
 * {@link org.dusangire.payment.testkit.InMemoryPaymentRepository}, the
 * {@link org.dusangire.payment.testkit.ScriptedPaymentGateway}, test-data builders, and
 * {@link org.dusangire.payment.testkit.LogCapture} for asserting that logs leak no secret
 * (it needs logback-classic on the test class path).
 */
package org.dusangire.payment.testkit;
