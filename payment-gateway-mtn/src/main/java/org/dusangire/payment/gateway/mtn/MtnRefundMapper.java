package org.dusangire.payment.gateway.mtn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.RefundResult;
import org.dusangire.payment.gateway.http.JsonNodes;

/**
 * Maps the Disbursement refund status body (a transfer result with {@code payee}) to a
 * {@link RefundResult}. Only an explicit SUCCESSFUL of the amount we refunded is COMPLETED and
 * only an explicit failure is FAILED, since FAILED frees the amount for another refund; a
 * failure whose reason the sandbox uses for "still in progress" stays PENDING, and anything else
 * is UNKNOWN.
 */
final class MtnRefundMapper {
    /** Statuses MTN's transfer family uses for a refund that gave nothing back. */
    static final Set<String> FAILED = Set.of("FAILED", "REJECTED", "TIMEOUT", "EXPIRED");

    private MtnRefundMapper() {
    }

    /**
     * @param body     the status body
     * @param refundId our refund id, the refund's id at MTN when no ledger id is given
     * @param amount   what we refunded; a success for another amount is not taken as ours
     * @param raw      the redacted body, kept as the raw response
     */
    static RefundResult map(JsonNode body, String refundId, Money amount, String raw) {
        String status = JsonNodes.text(body, "status");
        String ftid = JsonNodes.text(body, "financialTransactionId");
        String id = ftid != null ? ftid : refundId;
        if (status == null) {
            return new RefundResult(RefundResult.Status.UNKNOWN, null, raw);
        }
        String upper = status.toUpperCase(Locale.ROOT);
        if (upper.equals("SUCCESSFUL")) {
            Money reported = MtnStatusMapper.money(body);
            boolean ours = reported == null || reported.equals(amount);
            return new RefundResult(ours ? RefundResult.Status.COMPLETED : RefundResult.Status.UNKNOWN,
                    ours ? id : null, raw);
        }
        if (upper.equals("PENDING")) {
            return new RefundResult(RefundResult.Status.PENDING, id, raw);
        }
        if (FAILED.contains(upper)) {
            String reason = reason(body);
            boolean stillGoing = reason != null && MtnStatusMapper.FAILED_REASONS
                    .get(MtnStatusMapper.normalise(reason)) == ProviderStatus.PENDING;
            return new RefundResult(stillGoing ? RefundResult.Status.PENDING
                    : RefundResult.Status.FAILED, id, raw);
        }
        return new RefundResult(RefundResult.Status.UNKNOWN, null, raw);
    }

    /** {@code reason} as a string or as {@code {code,message}}. */
    private static String reason(JsonNode body) {
        String text = JsonNodes.text(body, "reason");
        return text != null ? text : JsonNodes.text(body, "reason", "code");
    }
}
