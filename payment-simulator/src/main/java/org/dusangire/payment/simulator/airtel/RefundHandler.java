package org.dusangire.payment.simulator.airtel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.dusangire.payment.simulator.Json;
import org.dusangire.payment.simulator.SimRequest;
import org.dusangire.payment.simulator.SimResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /standard/v1|v2/payments/refund}: a full reversal of a TS payment named by its
 * {@code airtel_money_id}; there is no amount field. The payment becomes TR in the enquiry, the
 * answer carries the refund's own new {@code airtel_money_id}, and a second reversal of the same
 * payment is refused ({@code ESB000011}), so one payment is never paid back twice.
 */
final class RefundHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RefundHandler.class);

    private final AirtelSettings settings;
    private final Json json;
    private final AirtelBodies bodies;
    private final AirtelChecks checks;
    private final AirtelLedger ledger;

    RefundHandler(AirtelSettings settings, Json json, AirtelBodies bodies, AirtelChecks checks,
                  AirtelLedger ledger) {
        this.settings = settings;
        this.json = json;
        this.bodies = bodies;
        this.checks = checks;
        this.ledger = ledger;
    }

    SimResponse refund(SimRequest request, boolean v2) {
        Optional<SimResponse> rejected = checks.access(request).or(() -> checks.signature(request, v2));
        if (rejected.isPresent()) {
            return rejected.get();
        }
        JsonNode body = json.parseOrNull(request.body());
        String airtelId = body == null ? null : Json.text(body.path("transaction"), "airtel_money_id");
        if (airtelId == null || airtelId.isBlank()) {
            return checks.missing("transaction.airtel_money_id");
        }
        Optional<AirtelPayment> payment = ledger.byAirtelMoneyId(airtelId);
        if (payment.isEmpty()) {
            return bodies.error(settings.notFoundHttpStatus(), AirtelCodes.ESB_NOT_FOUND,
                    AirtelCodes.NOT_FOUND, "No transaction found with provided airtel_money_id");
        }
        Optional<AirtelRefundState> reversed = ledger.reverse(payment.get());
        if (reversed.isEmpty()) {
            boolean already = payment.get().outcome().status() == AirtelStatus.TR;
            return bodies.error(400, AirtelCodes.ESB_FAILED, null, already
                    ? "Transaction is already reversed" : "Only a successful transaction can be reversed");
        }
        LOG.info("airtel payment {} reversed by refund {}", payment.get().request().id(),
                reversed.get().airtelMoneyId());
        // the docs' own refund sample says success:false for a successful reversal, as the
        // enquiry's does for TS; the quirk setting covers both
        ObjectNode answer = bodies.envelope(200, "SUCCESS", AirtelCodes.ESB_SUCCESS, null,
                !settings.docsSuccessQuirk());
        ((ObjectNode) answer.get("data")).putObject("transaction")
                .put("airtel_money_id", reversed.get().airtelMoneyId()).put("status", "SUCCESS");
        return bodies.ok(answer);
    }
}
