package org.dusangire.payment.gateway.airtel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import org.dusangire.payment.gateway.http.ApiResponse;
import org.dusangire.payment.gateway.http.JsonNodes;
import org.dusangire.payment.gateway.http.ProviderErrors;

/**
 * Reads Airtel's answers about a refund: the refund call's own envelope, and the enquiry's status
 * of the reversed transaction. The refund answer is judged as a whole (HTTP status,
 * {@code status.code}, {@code status.result_code}, ambiguous codes and
 * {@code data.transaction.status}) and never by {@code status.success}, which the provider's own
 * refund sample sets to false for a successful reversal.
 */
final class AirtelRefunds {
    /** Transaction statuses meaning the reversal went through. */
    private static final Set<String> DONE = Set.of("SUCCESS", "SUCCESSFUL", "TS");
    /** Transaction statuses meaning Airtel took the reversal and is still at it. */
    private static final Set<String> GOING = Set.of("TIP", "TA", "PENDING", "IN_PROGRESS",
            "PROCESSING");
    /** Transaction statuses meaning the reversal did not happen. */
    private static final Set<String> REFUSED = Set.of("FAILED", "FAILURE", "TF");
    /**
     * Enquiry statuses of a reversed transaction: {@code TR} is the code the provider reference
     * gives for a reversal; the spelled-out forms are read the same way.
     */
    private static final Set<String> REVERSED = Set.of("TR", "REVERSED", "REFUNDED");

    /** What a refund answer says. */
    enum Verdict {
        /** Reversed. */
        DONE,
        /** Taken, still being processed. */
        ACCEPTED,
        /** Refused: the reversal did not happen. */
        REFUSED,
        /** The answer does not say: the outcome is unknown. */
        UNKNOWN
    }

    /**
     * @param verdict  what the answer says
     * @param refundId the refund's own {@code airtel_money_id}, when the answer carries one that
     *                 is not the reversed payment's own
     * @param code     the most specific code of the answer, for errors
     */
    record Answer(Verdict verdict, String refundId, String code) {
    }

    private AirtelRefunds() {
    }

    /**
     * Reads the refund call's answer.
     *
     * @param reversedId the {@code airtel_money_id} of the payment being reversed
     */
    static Answer read(ApiResponse r, String reversedId) {
        String code = AirtelErrors.code(r);
        if (r.status() == 401 || AirtelErrors.ambiguous(r)) {
            return new Answer(Verdict.UNKNOWN, null, code);
        }
        if (!r.isSuccess()) {
            return new Answer(ProviderErrors.outcomeUnknown(r.status()) ? Verdict.UNKNOWN
                    : Verdict.REFUSED, null, code);
        }
        JsonNode body = r.json().filter(JsonNode::isObject).orElse(null);
        if (body == null) {
            return new Answer(Verdict.UNKNOWN, null, null);
        }
        JsonNode tx = JsonNodes.object(JsonNodes.object(body, "data"), "transaction");
        String id = JsonNodes.text(tx, "airtel_money_id");
        String refundId = id == null || id.equals(reversedId) ? null : id;
        int envelope = envelopeCode(body);
        if (envelope >= 500 || envelope == 408 || envelope == 429) {
            return new Answer(Verdict.UNKNOWN, null, code);
        }
        String result = AirtelErrors.resultCode(r);
        if (envelope >= 400 || AirtelCodes.ESB_FAILED.equals(result)) {
            return new Answer(Verdict.REFUSED, null, code);
        }
        boolean esbOk = result == null || AirtelCodes.ESB_SUCCESS.equals(result);
        String status = upper(JsonNodes.text(tx, "status"));
        if (status == null) {
            return new Answer(AirtelCodes.ESB_SUCCESS.equals(result) ? Verdict.ACCEPTED
                    : Verdict.UNKNOWN, refundId, code);
        }
        if (REFUSED.contains(status)) {
            return new Answer(Verdict.REFUSED, null, code);
        }
        if (esbOk && DONE.contains(status)) {
            return new Answer(Verdict.DONE, refundId, code);
        }
        if (esbOk && GOING.contains(status)) {
            return new Answer(Verdict.ACCEPTED, refundId, code);
        }
        return new Answer(Verdict.UNKNOWN, null, code);
    }

    /** Whether an enquiry's {@code data.transaction.status} says the transaction was reversed. */
    static boolean reversed(String status) {
        return status != null && REVERSED.contains(status.toUpperCase(Locale.ROOT));
    }

    /** {@code status.code} as a number; 0 when absent or not a number. */
    private static int envelopeCode(JsonNode body) {
        String text = JsonNodes.text(body, "status", "code");
        return text != null && text.matches("[0-9]{3}") ? Integer.parseInt(text) : 0;
    }

    private static String upper(String text) {
        return text == null ? null : text.toUpperCase(Locale.ROOT);
    }
}
