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
 * {@code airtel_money_id}; there is no amount field.
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
        if (!payment.get().refund()) {
            return bodies.error(400, AirtelCodes.ESB_FAILED, null,
                    "Transaction is already reversed");
        }
        LOG.info("airtel payment {} reversed", payment.get().request().id());
        ObjectNode answer = bodies.envelope(200, "SUCCESS", AirtelCodes.ESB_SUCCESS, null,
                !settings.docsSuccessQuirk());
        ((ObjectNode) answer.get("data")).putObject("transaction")
                .put("airtel_money_id", airtelId).put("status", "SUCCESS");
        return bodies.ok(answer);
    }
}
