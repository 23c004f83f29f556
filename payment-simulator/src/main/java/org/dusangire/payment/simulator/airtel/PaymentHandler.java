package org.dusangire.payment.simulator.airtel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.dusangire.payment.simulator.Json;
import org.dusangire.payment.simulator.Masking;
import org.dusangire.payment.simulator.SimRequest;
import org.dusangire.payment.simulator.SimResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /merchant/v1|v2/payments/} (USSD push) and {@code GET /standard/v1/payments/{id}}
 * (transaction enquiry).
 */
final class PaymentHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentHandler.class);

    private final AirtelSettings settings;
    private final Json json;
    private final AirtelBodies bodies;
    private final AirtelChecks checks;
    private final AirtelLedger ledger;
    private final BooleanSupplier autoApprove;

    PaymentHandler(AirtelSettings settings, Json json, AirtelBodies bodies, AirtelChecks checks,
                   AirtelLedger ledger, BooleanSupplier autoApprove) {
        this.settings = settings;
        this.json = json;
        this.bodies = bodies;
        this.checks = checks;
        this.ledger = ledger;
        this.autoApprove = autoApprove;
    }

    SimResponse create(SimRequest request, boolean v2) {
        Optional<SimResponse> rejected = checks.access(request).or(() -> checks.signature(request, v2));
        if (rejected.isPresent()) {
            return rejected.get();
        }
        JsonNode body = json.parseOrNull(request.body());
        if (body == null || !body.isObject()) {
            return checks.missing("body (JSON object)");
        }
        JsonNode subscriber = body.path("subscriber");
        JsonNode transaction = body.path("transaction");
        String msisdn = scalar(subscriber.get("msisdn"));
        String id = Json.text(transaction, "id");
        String reference = Json.text(body, "reference");
        if (msisdn == null) {
            return checks.missing("subscriber.msisdn");
        }
        if (id == null || id.isEmpty()) {
            return checks.missing("transaction.id");
        }
        if (reference == null || reference.length() < 4 || reference.length() > 64) {
            return checks.missing("reference (4 to 64 characters)");
        }
        Optional<SimResponse> mismatch = countryAndCurrency(subscriber).or(() -> countryAndCurrency(transaction));
        if (mismatch.isPresent()) {
            return mismatch.get();
        }
        String[] problem = Subscribers.problem(msisdn, settings);
        if (problem != null) {
            return bodies.error(400, problem[0], null, problem[1]);
        }
        BigDecimal amount = amount(transaction.get("amount"));
        if (amount == null) {
            return bodies.error(400, AirtelCodes.ESB_FAILED, AirtelCodes.INVALID_AMOUNT,
                    AirtelCodes.reason(AirtelCodes.INVALID_AMOUNT));
        }
        if (settings.unknownSubscribers().contains(msisdn)) {
            return bodies.error(400, AirtelCodes.ESB_FAILED, AirtelCodes.INVALID_TRANSACTION,
                    "Msisdn Not Found");
        }
        var data = new AirtelPayment.Request(id, msisdn, amount, settings.currency(),
                settings.country(), reference, v2);
        AirtelPayment payment = new AirtelPayment(data, request.receivedAt());
        if (!ledger.add(payment)) {
            return bodies.error(400, AirtelCodes.ESB_DUPLICATE, null,
                    "External Transaction ID already exists");
        }
        LOG.info("airtel payment {} accepted: {} {} from subscriber {}", id,
                amount.toPlainString(), settings.currency(), Masking.msisdn(msisdn));
        if (autoApprove.getAsBoolean()) {
            ledger.succeed(payment);
        }
        ObjectNode answer = bodies.envelope(200, "SUCCESS", AirtelCodes.ESB_SUCCESS,
                AirtelCodes.IN_PROCESS, true);
        ObjectNode tx = ((ObjectNode) answer.get("data")).putObject("transaction");
        if (v2) {
            tx.put("id", false); // the v2 docs sample: do not depend on the echoed id
        } else {
            tx.put("id", id);
        }
        tx.put("status", "SUCCESS");
        return bodies.ok(answer);
    }

    SimResponse enquiry(SimRequest request, String id) {
        Optional<SimResponse> rejected = checks.access(request);
        if (rejected.isPresent()) {
            return rejected.get();
        }
        Optional<AirtelPayment> found = ledger.payment(id);
        if (found.isEmpty()) {
            return bodies.error(settings.notFoundHttpStatus(), AirtelCodes.ESB_NOT_FOUND,
                    AirtelCodes.NOT_FOUND, "No transaction found with provided transaction Id");
        }
        AirtelPaymentState state = found.get().snapshot();
        String responseCode = state.responseCode();
        boolean success;
        switch (state.status()) {
            case TIP -> success = true;
            case TS, TR -> {
                success = !settings.docsSuccessQuirk();
                responseCode = settings.docsSuccessQuirk() ? AirtelCodes.IN_PROCESS : AirtelCodes.SUCCESS;
            }
            default -> success = false;
        }
        ObjectNode answer = bodies.envelope(200, "SUCCESS", AirtelCodes.ESB_SUCCESS, responseCode,
                success);
        ObjectNode tx = ((ObjectNode) answer.get("data")).putObject("transaction");
        tx.put("airtel_money_id", state.airtelMoneyId());
        tx.put("id", state.id());
        tx.put("message", state.message());
        tx.put("status", state.status().name());
        return bodies.ok(answer);
    }

    private Optional<SimResponse> countryAndCurrency(JsonNode node) {
        String country = Json.text(node, "country");
        String currency = Json.text(node, "currency");
        if (country != null && !country.equals(settings.country())) {
            return Optional.of(bodies.error(400, AirtelCodes.ESB_COUNTRY, null,
                    "Invalid country " + country));
        }
        if (currency != null && !currency.equals(settings.currency())) {
            return Optional.of(bodies.error(400, AirtelCodes.ESB_CURRENCY, null,
                    "Invalid currency " + currency));
        }
        return Optional.empty();
    }

    /** A positive whole amount at or above the minimum, sent as a number or numeric string. */
    private BigDecimal amount(JsonNode node) {
        if (node == null || !(node.isNumber() || node.isTextual())) {
            return null;
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(node.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
        boolean whole = amount.signum() == 0 || amount.stripTrailingZeros().scale() <= 0;
        if (!whole || amount.compareTo(settings.minimumAmount()) < 0) {
            return null;
        }
        return amount.stripTrailingZeros().setScale(0);
    }

    private static String scalar(JsonNode node) {
        return node == null || !(node.isTextual() || node.isNumber()) ? null : node.asText();
    }
}
