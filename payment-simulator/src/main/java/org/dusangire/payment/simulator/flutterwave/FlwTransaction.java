package org.dusangire.payment.simulator.flutterwave;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Mutable state of one transaction. Only a {@code pending} transaction changes status, once;
 * refunds add up to at most the charged amount. Guarded by the ledger's lock.
 */
final class FlwTransaction {

    private final long id;
    private final FlwCheckout checkout;
    private final String flwRef;
    private final BigDecimal amount;
    private final BigDecimal chargedAmount;
    private final BigDecimal appFee;
    private final String currency;
    private final String paymentType;
    private final Instant createdAt;
    private String status;
    private String processorResponse;
    private BigDecimal refunded = BigDecimal.ZERO;

    FlwTransaction(long id, FlwCheckout checkout, String flwRef, BigDecimal amount,
                   BigDecimal chargedAmount, BigDecimal appFee, String currency,
                   String paymentType, String status, String processorResponse, Instant createdAt) {
        this.id = id;
        this.checkout = checkout;
        this.flwRef = flwRef;
        this.amount = amount;
        this.chargedAmount = chargedAmount;
        this.appFee = appFee;
        this.currency = currency;
        this.paymentType = paymentType;
        this.status = status;
        this.processorResponse = processorResponse;
        this.createdAt = createdAt;
    }

    long id() { return id; }
    FlwCheckout checkout() { return checkout; }
    String flwRef() { return flwRef; }
    BigDecimal amount() { return amount; }
    BigDecimal chargedAmount() { return chargedAmount; }
    BigDecimal appFee() { return appFee; }
    String currency() { return currency; }
    String paymentType() { return paymentType; }
    Instant createdAt() { return createdAt; }
    String status() { return status; }
    String processorResponse() { return processorResponse; }
    BigDecimal refunded() { return refunded; }

    boolean settle(String finalStatus, String response) {
        if (!"pending".equals(status)) {
            return false;
        }
        status = finalStatus;
        processorResponse = response;
        return true;
    }

    void addRefund(BigDecimal value) {
        refunded = refunded.add(value);
    }

    FlutterwaveTransaction snapshot() {
        return new FlutterwaveTransaction(id, checkout.txRef(), flwRef, amount, chargedAmount,
                appFee, currency, status, paymentType, processorResponse, createdAt, refunded);
    }
}
