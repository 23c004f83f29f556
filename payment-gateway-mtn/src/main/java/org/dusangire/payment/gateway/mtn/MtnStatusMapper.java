package org.dusangire.payment.gateway.mtn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.gateway.http.JsonNodes;

/**
 * Maps MTN's transaction body (status GET and callback alike) to the core's vocabulary. Lenient in
 * what it reads ({@code reason} as a string or as {@code {code,message}}, amounts as strings or
 * numbers), strict in what it concludes: only PENDING, SUCCESSFUL and FAILED are understood,
 * anything else is {@link ProviderStatus#UNKNOWN} and never final.
 */
final class MtnStatusMapper {
    /**
     * What a FAILED status means for each reason code MTN documents or its sandbox emits. Codes
     * not listed stay FAILED with the code kept verbatim. The sandbox's "still in progress" codes
     * are read as pending: calling a payment failed that may still succeed is the costly mistake.
     */
    static final Map<String, ProviderStatus> FAILED_REASONS = Map.ofEntries(
            Map.entry("EXPIRED", ProviderStatus.EXPIRED),
            Map.entry("TRANSACTION_CANCELED", ProviderStatus.CANCELLED),
            Map.entry("TRANSACTION_CANCELLED", ProviderStatus.CANCELLED),
            Map.entry("ONGOING", ProviderStatus.PENDING),
            Map.entry("PAYER_DELAYED", ProviderStatus.PENDING),
            Map.entry("PAYEE_DELAYED", ProviderStatus.PENDING),
            Map.entry("APPROVAL_REJECTED", ProviderStatus.FAILED),
            Map.entry("PAYMENT_NOT_APPROVED", ProviderStatus.FAILED),
            Map.entry("COULD_NOT_PERFORM_TRANSACTION", ProviderStatus.FAILED),
            Map.entry("INTERNAL_PROCESSING_ERROR", ProviderStatus.FAILED),
            Map.entry("NOT_ENOUGH_FUNDS", ProviderStatus.FAILED),
            Map.entry("PAYER_LIMIT_REACHED", ProviderStatus.FAILED),
            Map.entry("PAYER_NOT_FOUND", ProviderStatus.FAILED),
            Map.entry("PAYEE_NOT_FOUND", ProviderStatus.FAILED),
            Map.entry("PAYEE_NOT_ALLOWED_TO_RECEIVE", ProviderStatus.FAILED),
            Map.entry("NOT_ALLOWED", ProviderStatus.FAILED),
            Map.entry("NOT_ALLOWED_TARGET_ENVIRONMENT", ProviderStatus.FAILED),
            Map.entry("INVALID_CALLBACK_URL_HOST", ProviderStatus.FAILED),
            Map.entry("INVALID_CURRENCY", ProviderStatus.FAILED),
            Map.entry("SERVICE_UNAVAILABLE", ProviderStatus.FAILED),
            Map.entry("RESOURCE_NOT_FOUND", ProviderStatus.FAILED),
            Map.entry("RESOURCE_ALREADY_EXIST", ProviderStatus.FAILED),
            Map.entry("TRANSACTION_NOT_COMPLETED", ProviderStatus.FAILED),
            Map.entry("TRANSACTION_NOT_FOUND", ProviderStatus.FAILED));

    /** One transaction body as read. */
    record Reading(String rawStatus, ProviderStatus status, String reason,
            String financialTransactionId, String externalId, Money amount) {
    }

    private MtnStatusMapper() {
    }

    static Reading read(JsonNode body) {
        String raw = JsonNodes.text(body, "status");
        String reason = reason(body);
        String ftid = JsonNodes.text(body, "financialTransactionId");
        String externalId = JsonNodes.text(body, "externalId");
        ProviderStatus status = raw == null ? ProviderStatus.UNKNOWN : switch (raw.toUpperCase(Locale.ROOT)) {
            case "PENDING" -> ProviderStatus.PENDING;
            case "SUCCESSFUL" -> ProviderStatus.SUCCEEDED;
            case "FAILED" -> reason == null ? ProviderStatus.FAILED
                    : FAILED_REASONS.getOrDefault(normalise(reason), ProviderStatus.FAILED);
            default -> ProviderStatus.UNKNOWN;
        };
        return new Reading(raw, status, status.isFinal() && status != ProviderStatus.SUCCEEDED
                ? reason : null, ftid, externalId, money(body));
    }

    /** {@code reason} as MTN's SDKs send it (a string) or as its Swagger says (an object). */
    private static String reason(JsonNode body) {
        String text = JsonNodes.text(body, "reason");
        if (text != null) {
            return text;
        }
        String code = JsonNodes.text(body, "reason", "code");
        return code != null ? code : JsonNodes.text(body, "reason", "message");
    }

    /** {@code TRANSACTION_CANCELED.} (with the sandbox's trailing dot) reads as the code. */
    static String normalise(String reason) {
        String r = reason.trim().toUpperCase(Locale.ROOT);
        while (r.endsWith(".")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }

    /** {@code amount} in {@code currency}; {@code null} when either is missing or unusable. */
    static Money money(JsonNode body) {
        String amount = JsonNodes.text(body, "amount");
        String currency = JsonNodes.text(body, "currency");
        if (amount == null || currency == null) {
            return null;
        }
        try {
            return Money.of(amount, currency);
        } catch (PaymentValidationException e) {
            return null;
        }
    }
}
