/**
 * The payment domain: the {@link org.dusangire.payment.core.model.Payment} aggregate, its
 * {@link org.dusangire.payment.core.model.PaymentStatus} state machine and value objects such as
 * {@link org.dusangire.payment.core.model.Money} and {@link org.dusangire.payment.core.model.Msisdn}.
 */
package org.dusangire.payment.core.model;
