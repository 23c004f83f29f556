/**
 * The ports of the hexagon: {@link org.dusangire.payment.core.port.PaymentGateway} (one adapter
 * per provider), {@link org.dusangire.payment.core.port.PaymentRepository} (storage and the webhook
 * inbox) and {@link org.dusangire.payment.core.port.PaymentEventListener} (the host's hook), with
 * the records that cross them.
 */
package org.dusangire.payment.core.port;
