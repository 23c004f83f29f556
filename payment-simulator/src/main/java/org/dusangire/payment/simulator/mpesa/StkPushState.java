package org.dusangire.payment.simulator.mpesa;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The simulator's own view of one STK push, as a snapshot.
 *
 * @param checkoutRequestId  Daraja's {@code CheckoutRequestID} ({@code ws_CO_...})
 * @param merchantRequestId  Daraja's {@code MerchantRequestID}
 * @param resultCode         the final {@code ResultCode}, {@code null} while the customer has not answered
 * @param resultDesc         the final {@code ResultDesc}, {@code null} while pending
 * @param receiptNumber      the {@code MpesaReceiptNumber} on success, else {@code null}
 * @param amount             whole shillings requested
 * @param phoneNumber        the paying number ({@code PhoneNumber})
 * @param transactionType    {@code CustomerPayBillOnline} or {@code CustomerBuyGoodsOnline}
 * @param accountReference   the merchant's {@code AccountReference}
 * @param callbackUrl        the {@code CallBackURL} sent
 * @param createdAt          when the simulator accepted it
 * @param queries            how many STK queries it has answered
 */
public record StkPushState(String checkoutRequestId, String merchantRequestId, Integer resultCode,
                           String resultDesc, String receiptNumber, BigDecimal amount,
                           String phoneNumber, String transactionType, String accountReference,
                           String callbackUrl, Instant createdAt, int queries) {

    /** Whether the customer (or M-Pesa) has answered. */
    public boolean isFinal() {
        return resultCode != null;
    }

    /** Whether the customer paid. */
    public boolean paid() {
        return resultCode != null && resultCode == 0;
    }
}
