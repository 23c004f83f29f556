/**
 * {@link org.dusangire.payment.core.port.PaymentRepository} on Jdbi 3 for PostgreSQL and H2:
 * {@link org.dusangire.payment.persistence.jdbi.JdbiPaymentRepository} stores payments, their
 * status history, refunds, the webhook inbox, anomalies and the events for the host (the
 * transactional outbox); {@link org.dusangire.payment.persistence.jdbi.PaymentSchema}
 * applies the versioned Flyway migrations that create those tables. Everything else in this
 * package is internal.
 */
package org.dusangire.payment.persistence.jdbi;
