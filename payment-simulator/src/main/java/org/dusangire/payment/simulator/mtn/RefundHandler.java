package org.dusangire.payment.simulator.mtn;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;
import org.dusangire.payment.simulator.Json;
import org.dusangire.payment.simulator.SimRequest;
import org.dusangire.payment.simulator.SimResponse;

/**
 * {@code POST /disbursement/v1_0|v2_0/refund} and {@code GET .../refund/{ref}}. A refund is
 * accepted only for a SUCCESSFUL request-to-pay and never beyond its amount in total (failed
 * refunds do not count); its {@code X-Reference-Id} is its key, so the same id sent again is
 * refused with 409 and never refunds twice. It is paid out at once unless the simulator holds
 * refunds, in which case it stays PENDING until the control API completes or fails it.
 */
final class RefundHandler {

    private final boolean hold;
    private final Json json;
    private final MtnChecks checks;
    private final MtnLedger ledger;
    private final MtnBodies bodies;

    RefundHandler(boolean hold, Json json, MtnChecks checks, MtnLedger ledger, MtnBodies bodies) {
        this.hold = hold;
        this.json = json;
        this.checks = checks;
        this.ledger = ledger;
        this.bodies = bodies;
    }

    SimResponse create(SimRequest request) {
        String reference = request.header("X-Reference-Id");
        JsonNode body = json.parseOrNull(request.body());
        Optional<SimResponse> rejected = checks.creation(request, TokenIssuer.Product.DISBURSEMENT, body);
        if (rejected.isPresent()) {
            return rejected.get();
        }
        BigDecimal amount = MtnChecks.amount(Json.text(body, "amount"));
        String payerMessage = Json.text(body, "payerMessage");
        String payeeNote = Json.text(body, "payeeNote");
        String original = Json.text(body, "referenceIdToRefund");
        if (amount == null || !MtnChecks.isUuid(original)
                || !MtnChecks.validNote(payerMessage) || !MtnChecks.validNote(payeeNote)) {
            return checks.badRequest("amount, referenceIdToRefund, payerMessage or payeeNote invalid");
        }
        Optional<SimResponse> badCurrency = checks.currency(Json.text(body, "currency"));
        if (badCurrency.isPresent()) {
            return badCurrency.get();
        }
        if (ledger.refundExists(reference)) {
            return duplicate();
        }
        Optional<MtnPayment> payment = ledger.payment(original);
        if (payment.isEmpty()) {
            return json.error(404, "RESOURCE_NOT_FOUND", "Transaction to refund was not found.");
        }
        if (!payment.get().reserveRefund(amount)) {
            return json.error(500, "NOT_ALLOWED",
                    "Only a successful payment can be refunded, up to its amount.");
        }
        var refund = new MtnRefund(new MtnRefund.Request(MtnLedger.key(reference),
                MtnLedger.key(original), amount, Json.text(body, "currency"),
                Json.text(body, "externalId"), payment.get().request().payerId(), payerMessage,
                payeeNote));
        if (!ledger.addRefund(refund)) {
            payment.get().releaseRefund(amount);
            return duplicate();
        }
        if (!hold) {
            ledger.completeRefund(refund);
        }
        return SimResponse.empty(202);
    }

    SimResponse status(SimRequest request, String reference) {
        Optional<SimResponse> rejected = checks.access(request, TokenIssuer.Product.DISBURSEMENT);
        if (rejected.isPresent()) {
            return rejected.get();
        }
        if (!MtnChecks.isUuid(reference)) {
            return checks.badRequest("reference id must be a UUID");
        }
        return ledger.refund(reference)
                .map(refund -> SimResponse.json(200, bodies.refund(refund.snapshot(),
                        refund.request())))
                .orElseGet(() -> json.error(404, "RESOURCE_NOT_FOUND",
                        "Requested resource was not found."));
    }

    private SimResponse duplicate() {
        return json.error(409, "RESOURCE_ALREADY_EXIST",
                "Duplicated reference id. Creation of resource failed.");
    }
}
