package org.dusangire.payment.core.model;

/** How the customer pays. */
public enum PaymentMethod {
    MTN_MOBILE_MONEY, AIRTEL_MONEY, BANK_TRANSFER, CARD, CASH_ON_DELIVERY;

    /** True for methods where the customer approves a prompt on a phone. */
    public boolean isMobileMoney() {
        return this == MTN_MOBILE_MONEY || this == AIRTEL_MONEY;
    }

    /** True for methods where the customer is sent to a hosted checkout page. */
    public boolean isRedirect() {
        return this == CARD || this == BANK_TRANSFER;
    }
}
