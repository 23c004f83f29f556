package org.dusangire.payment.gateway.flutterwave;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dusangire.payment.core.port.RefundResult;
import org.dusangire.payment.gateway.http.JsonNodes;

/**
 * How a v3 refund is recognised and read. v3 refunds take no idempotency key, so our refund id
 * travels in {@code comments} as {@code "refund <our id>"} (then the reason): the one field
 * Flutterwave echoes back on the refund's details and in the listing, so a refund whose answer
 * was lost can be found again and two of our refunds of one transaction are never confused.
 */
final class FlwRefunds {
    private static final Pattern MARK = Pattern.compile("^refund ([^;\\s]+)");
    private static final int MAX_COMMENTS = 200;
    /** Statuses of a refund that gave the money back. */
    private static final Set<String> COMPLETED = Set.of("completed", "successful", "success");
    /** Statuses of a refund Flutterwave gave up: nothing went back. */
    private static final Set<String> FAILED = Set.of("failed", "declined", "rejected",
            "cancelled", "canceled");

    private FlwRefunds() {
    }

    /** The {@code comments} we send: {@code "refund <our id>"}, then {@code "; <reason>"}. */
    static String comments(String refundId, String reason) {
        String text = "refund " + refundId + (reason == null || reason.isBlank() ? ""
                : "; " + reason.replaceAll("[\\r\\n\\t]+", " ").trim());
        return text.length() <= MAX_COMMENTS ? text : text.substring(0, MAX_COMMENTS);
    }

    /** Our refund id in a refund's {@code comments} (or {@code comment}); {@code null} if none. */
    static String refundIdIn(JsonNode refund) {
        String text = JsonNodes.text(refund, "comments");
        if (text == null) {
            text = JsonNodes.text(refund, "comment");
        }
        if (text == null) {
            return null;
        }
        Matcher m = MARK.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** The refunded transaction's id ({@code tx_id} or {@code transaction_id}); {@code null} if none. */
    static Long transactionOf(JsonNode refund) {
        String id = JsonNodes.text(refund, "tx_id");
        return FlutterwaveGateway.transactionId(id != null ? id : JsonNodes.text(refund, "transaction_id"));
    }

    /**
     * Where a refund Flutterwave holds stands: {@code completed} is COMPLETED, a failure FAILED,
     * anything else ({@code processing}, {@code pending-momo}, a status not seen before, none)
     * PENDING: Flutterwave has the refund and has not finished with it.
     */
    static RefundResult.Status status(JsonNode refund) {
        String status = JsonNodes.text(refund, "status");
        String lower = status == null ? "" : status.toLowerCase(Locale.ROOT);
        if (COMPLETED.contains(lower) || lower.startsWith("completed")) {
            return RefundResult.Status.COMPLETED;
        }
        return FAILED.contains(lower) ? RefundResult.Status.FAILED : RefundResult.Status.PENDING;
    }

    /** A refund Flutterwave holds, as a result: its status and its id. */
    static RefundResult result(JsonNode refund, String raw) {
        return new RefundResult(status(refund), JsonNodes.text(refund, "id"), raw);
    }
}
