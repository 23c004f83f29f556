package org.dusangire.payment.simulator.mtn;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import org.dusangire.payment.simulator.Json;
import org.dusangire.payment.simulator.Masking;
import org.dusangire.payment.simulator.SimRequest;
import org.dusangire.payment.simulator.SimResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /collection/v1_0/requesttopay} and {@code GET .../requesttopay/{ref}}.
 */
final class RequestToPayHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RequestToPayHandler.class);
    private static final Set<String> PARTY_ID_TYPES = Set.of("MSISDN", "EMAIL", "PARTY_CODE");

    private final MtnSettings settings;
    private final Json json;
    private final MtnChecks checks;
    private final MtnLedger ledger;
    private final MtnBodies bodies;

    RequestToPayHandler(MtnSettings settings, Json json, MtnChecks checks, MtnLedger ledger,
                        MtnBodies bodies) {
        this.settings = settings;
        this.json = json;
        this.checks = checks;
        this.ledger = ledger;
        this.bodies = bodies;
    }

    SimResponse create(SimRequest request) {
        String reference = request.header("X-Reference-Id");
        JsonNode body = json.parseOrNull(request.body());
        Optional<SimResponse> rejected = checks.creation(request, TokenIssuer.Product.COLLECTION, body);
        if (rejected.isPresent()) {
            return rejected.get();
        }
        BigDecimal amount = MtnChecks.amount(Json.text(body, "amount"));
        if (amount == null) {
            return checks.badRequest("amount must be a string holding a positive number");
        }
        JsonNode payer = body.get("payer");
        if (payer == null || !payer.isObject()) {
            return checks.badRequest("payer is required");
        }
        String idType = Json.text(payer, "partyIdType");
        String payerId = Json.text(payer, "partyId");
        Optional<SimResponse> payerProblem = payerProblem(idType, payerId);
        if (payerProblem.isPresent()) {
            return payerProblem.get();
        }
        String payerMessage = Json.text(body, "payerMessage");
        String payeeNote = Json.text(body, "payeeNote");
        if (!MtnChecks.validNote(payerMessage) || !MtnChecks.validNote(payeeNote)) {
            return checks.badRequest("payerMessage and payeeNote: at most 160 plain characters");
        }
        Optional<SimResponse> badCurrency = checks.currency(Json.text(body, "currency"));
        if (badCurrency.isPresent()) {
            return badCurrency.get();
        }
        var data = new MtnPayment.Request(MtnLedger.key(reference), amount,
                Json.text(body, "currency"), Json.text(body, "externalId"), idType, payerId,
                payerMessage, payeeNote, request.header("X-Callback-Url"));
        return accept(data, request);
    }

    private Optional<SimResponse> payerProblem(String idType, String payerId) {
        if ((idType == null || idType.isEmpty()) && (payerId == null || payerId.isEmpty())) {
            return Optional.of(json.error(500, "PAYER_NOT_FOUND", "Payer has no identity."));
        }
        if (idType == null || !PARTY_ID_TYPES.contains(idType)) {
            return Optional.of(checks.badRequest("payer.partyIdType must be MSISDN, EMAIL or PARTY_CODE"));
        }
        if (idType.equals("MSISDN") && !MtnChecks.validMsisdn(payerId)) {
            return Optional.of(checks.badRequest("payer.partyId must be digits with country code"));
        }
        if (payerId == null || payerId.isBlank()) {
            return Optional.of(checks.badRequest("payer.partyId is required"));
        }
        return Optional.empty();
    }

    private SimResponse accept(MtnPayment.Request data, SimRequest request) {
        boolean sandbox = settings.sandboxNumbers();
        MtnPayment payment = new MtnPayment(data, request.receivedAt(), sandbox
                ? SandboxNumbers.behaviourFor(data.payerId()) : MtnPayment.Behaviour.NORMAL);
        if (!ledger.add(payment)) {
            return json.error(409, "RESOURCE_ALREADY_EXIST",
                    "Duplicated reference id. Creation of resource failed.");
        }
        LOG.info("request-to-pay {} accepted: {} {} from payer {}", data.reference(),
                MtnBodies.wireAmount(data.amount()), data.currency(),
                Masking.msisdn(data.payerId()));
        String failure = sandbox ? SandboxNumbers.failureFor(data.payerId()) : null;
        if (failure != null) {
            ledger.fail(payment, failure);
        } else if (settings.autoApproveAfterPolls() == 0
                && payment.behaviour() == MtnPayment.Behaviour.NORMAL) {
            ledger.succeed(payment);
        }
        return SimResponse.empty(202);
    }

    SimResponse status(SimRequest request, String reference) {
        Optional<SimResponse> rejected = checks.access(request, TokenIssuer.Product.COLLECTION);
        if (rejected.isPresent()) {
            return rejected.get();
        }
        if (!MtnChecks.isUuid(reference)) {
            return checks.badRequest("reference id must be a UUID");
        }
        Optional<MtnPayment> found = ledger.payment(reference);
        if (found.isEmpty()) {
            return json.error(404, "RESOURCE_NOT_FOUND", "Requested resource was not found.");
        }
        MtnPayment payment = found.get();
        int polls = payment.countPoll();
        advanceOnPoll(payment, polls, request);
        return SimResponse.json(200, bodies.status(payment.snapshot()));
    }

    private void advanceOnPoll(MtnPayment payment, int polls, SimRequest request) {
        switch (payment.behaviour()) {
            case PENDING_THEN_SUCCESS -> {
                if (!request.receivedAt().isBefore(payment.createdAt().plus(settings.ongoingDelay()))) {
                    ledger.succeed(payment);
                }
            }
            case NORMAL -> {
                int after = settings.autoApproveAfterPolls();
                if (after > 0 && polls >= after) {
                    ledger.succeed(payment);
                }
            }
            default -> {
                // stays pending until the control API decides
            }
        }
    }
}
