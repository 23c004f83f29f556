/**
 * Micrometer for the payment service: {@link org.dusangire.payment.micrometer.MicrometerPaymentObserver}
 * turns what {@link org.dusangire.payment.core.service.PaymentObserver} hears into observations
 * (timers, and spans through a tracing bridge), counters and gauges, with low-cardinality tags
 * only.
 */
package org.dusangire.payment.micrometer;
