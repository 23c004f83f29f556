package org.dusangire.payment.core.model;

/** What caused a status change; kept in the payment's history. */
public enum Trigger {
    INITIATION, WEBHOOK, REDIRECT, VERIFY, RECONCILE, EXPIRY, CASH_CONFIRMATION, REFUND
}
