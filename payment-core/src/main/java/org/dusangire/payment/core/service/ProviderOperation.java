package org.dusangire.payment.core.service;

import java.util.Locale;

/** The calls the service makes to a provider through its {@code PaymentGateway}. */
public enum ProviderOperation {
    /** {@code PaymentGateway.initiate}: hand a payment to the provider. */
    INITIATE,
    /** {@code PaymentGateway.checkStatus}: ask where a payment stands. */
    STATUS,
    /** {@code PaymentGateway.refund}: send a refund. */
    REFUND,
    /** {@code PaymentGateway.checkRefundStatus}: ask where a refund stands. */
    REFUND_STATUS;

    /** The name in logs, health and metric tags: {@code initiate}, {@code refund-status}, ... */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
