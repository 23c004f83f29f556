/**
 * The use cases: {@link org.dusangire.payment.core.service.PaymentService} (checkout, webhooks,
 * redirects, verification, cash confirmation, refunds, reconciliation) and the built-in
 * {@link org.dusangire.payment.core.service.CashOnDeliveryGateway}.
 */
package org.dusangire.payment.core.service;
