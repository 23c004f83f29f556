package org.dusangire.payment.gateway.mpesa;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.gateway.http.JsonNodes;

/**
 * Reads Daraja's two descriptions of an STK push's outcome, the query answer and the callback's
 * {@code Body.stkCallback}, into one {@link Reading}. Lenient in what it reads ({@code ResultCode}
 * and {@code Amount} as numbers or strings, metadata items in any order, items without a value)
 * and strict in what it concludes (see {@link MpesaResultCodes}).
 */
final class MpesaStatusMapper {

    /** One outcome as read; {@code receipt} and {@code amount} only from a paid callback. */
    record Reading(String checkoutRequestId, String resultCode, String resultDesc,
            ProviderStatus status, String receipt, Money amount) {

        /** The reason kept for a final outcome other than paid: the code, verbatim. */
        String reason() {
            return status.isFinal() && status != ProviderStatus.SUCCEEDED ? resultCode : null;
        }
    }

    private MpesaStatusMapper() {
    }

    /** The STK query's answer: {@code ResultCode} with {@code CheckoutRequestID} at the top. */
    static Reading query(JsonNode body) {
        String code = JsonNodes.text(body, "ResultCode");
        return new Reading(JsonNodes.text(body, "CheckoutRequestID"), code,
                JsonNodes.text(body, "ResultDesc"), MpesaResultCodes.meaning(code), null, null);
    }

    /** The callback's {@code stkCallback} object; metadata is read only on success. */
    static Reading callback(JsonNode stkCallback) {
        String code = JsonNodes.text(stkCallback, "ResultCode");
        ProviderStatus status = MpesaResultCodes.meaning(code);
        String receipt = null;
        Money amount = null;
        JsonNode items = stkCallback.path("CallbackMetadata").path("Item");
        if (status == ProviderStatus.SUCCEEDED && items.isArray()) {
            receipt = item(items, "MpesaReceiptNumber");
            amount = shillings(item(items, "Amount"));
        }
        return new Reading(JsonNodes.text(stkCallback, "CheckoutRequestID"), code,
                JsonNodes.text(stkCallback, "ResultDesc"), status, receipt, amount);
    }

    private static String item(JsonNode items, String name) {
        for (JsonNode item : items) {
            if (name.equalsIgnoreCase(JsonNodes.text(item, "Name"))) {
                return JsonNodes.text(item, "Value");
            }
        }
        return null;
    }

    private static Money shillings(String amount) {
        if (amount == null) {
            return null;
        }
        try {
            return Money.of(new BigDecimal(amount).setScale(2), "KES");
        } catch (NumberFormatException | ArithmeticException | PaymentValidationException e) {
            return null;
        }
    }
}
