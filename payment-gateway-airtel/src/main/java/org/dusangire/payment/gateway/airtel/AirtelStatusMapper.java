package org.dusangire.payment.gateway.airtel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.gateway.http.ApiResponse;
import org.dusangire.payment.gateway.http.JsonNodes;

/**
 * Maps a transaction enquiry to a {@link StatusReport}, deciding on
 * {@code data.transaction.status} only: the docs' own sample says {@code status.success:false}
 * for a successful transaction. Airtel's enquiry does not report the amount.
 */
final class AirtelStatusMapper {
    private AirtelStatusMapper() {
    }

    static StatusReport map(ApiResponse r, String raw) {
        JsonNode body = r.json().orElse(null);
        JsonNode tx = JsonNodes.object(JsonNodes.object(body, "data"), "transaction");
        String status = JsonNodes.text(tx, "status");
        if (status == null) {
            return StatusReport.of(AirtelErrors.notFound(r) ? ProviderStatus.NOT_FOUND
                    : ProviderStatus.UNKNOWN, raw);
        }
        // Airtel's own samples show the echoed id masked ("83****88"): a masked echo proves
        // nothing either way, so it is not reported (the core then skips the reference check
        // rather than flag every payment as a mismatch).
        String echoed = JsonNodes.text(tx, "id");
        String id = echoed == null || echoed.indexOf('*') >= 0 ? null : echoed;
        String airtelId = JsonNodes.text(tx, "airtel_money_id");
        return switch (status.toUpperCase(Locale.ROOT)) {
            case "TS" -> new StatusReport(ProviderStatus.SUCCEEDED, id, null, airtelId, null, raw);
            case "TF" -> new StatusReport(ProviderStatus.FAILED, id, null, airtelId,
                    reason(r, tx), raw);
            case "TE" -> new StatusReport(ProviderStatus.EXPIRED, id, null, null,
                    reason(r, tx), raw);
            case "TIP", "TA" -> new StatusReport(ProviderStatus.PENDING, id, null, null, null, raw);
            default -> StatusReport.of(ProviderStatus.UNKNOWN, raw);
        };
    }

    /**
     * The failure code with its meaning ({@code DP00800001002: Incorrect Pin}); an unknown code is
     * kept verbatim with Airtel's message; without a code, Airtel's message.
     */
    static String reason(ApiResponse r, JsonNode tx) {
        String code = AirtelErrors.responseCode(r);
        String message = JsonNodes.text(tx, "message");
        if (code == null || AirtelCodes.IN_PROCESS.equals(code) || AirtelCodes.SUCCESS.equals(code)) {
            return message != null ? r.redact(message) : "TF";
        }
        if (AirtelCodes.MEANINGS.containsKey(code)) {
            return AirtelCodes.describe(code);
        }
        return message == null ? code : code + ": " + r.redact(message);
    }
}
