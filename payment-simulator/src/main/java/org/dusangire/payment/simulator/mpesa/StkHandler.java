package org.dusangire.payment.simulator.mpesa;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;
import org.dusangire.payment.simulator.Json;
import org.dusangire.payment.simulator.Masking;
import org.dusangire.payment.simulator.SimRequest;
import org.dusangire.payment.simulator.SimResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /mpesa/stkpush/v1/processrequest} and {@code POST /mpesa/stkpushquery/v1/query}.
 * Daraja assigns the {@code CheckoutRequestID}; nothing the merchant sends de-duplicates a push,
 * so the same body twice is two prompts (or, while the first is unanswered, a locked subscriber).
 */
final class StkHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StkHandler.class);
    static final Set<String> TRANSACTION_TYPES =
            Set.of("CustomerPayBillOnline", "CustomerBuyGoodsOnline");
    static final int MAX_ACCOUNT_REFERENCE = 12;
    static final int MAX_TRANSACTION_DESC = 13;

    private final MpesaSimulator simulator;
    private final MpesaSettings settings;
    private final Json json;
    private final MpesaChecks checks;
    private final MpesaLedger ledger;
    private final MpesaBodies bodies;

    StkHandler(MpesaSimulator simulator, MpesaSettings settings, Json json, MpesaChecks checks,
               MpesaLedger ledger, MpesaBodies bodies) {
        this.simulator = simulator;
        this.settings = settings;
        this.json = json;
        this.checks = checks;
        this.ledger = ledger;
        this.bodies = bodies;
    }

    SimResponse push(SimRequest request) {
        Optional<SimResponse> denied = checks.bearer(request);
        if (denied.isPresent()) {
            return denied.get();
        }
        JsonNode body = json.parseOrNull(request.body());
        if (body == null || !body.isObject()) {
            return bodies.badRequest("request body");
        }
        Optional<SimResponse> problem = checks.merchant(body).or(() -> fields(body));
        if (problem.isPresent()) {
            return problem.get();
        }
        String phone = MpesaChecks.text(body, "PhoneNumber");
        if (settings.lockSubscriber() && ledger.hasPendingPush(phone)) {
            return bodies.error(500, "500.001.1001", "Unable to lock subscriber, a transaction is "
                    + "already in process for the current subscriber");
        }
        var data = new StkPush.Request(ledger.nextCheckoutRequestId(request.receivedAt()),
                ledger.nextMerchantRequestId(), MpesaChecks.wholeAmount(body), phone,
                MpesaChecks.text(body, "TransactionType"), MpesaChecks.text(body, "AccountReference"),
                MpesaChecks.text(body, "TransactionDesc"), MpesaChecks.text(body, "CallBackURL"));
        StkPush push = new StkPush(data, request.receivedAt(), simulator.scriptFor(phone));
        ledger.add(push);
        LOG.info("STK push {} accepted: KES {} from {}", data.checkoutRequestId(),
                data.amount().toPlainString(), Masking.msisdn(phone));
        simulator.started(push);
        return bodies.accepted(data);
    }

    private Optional<SimResponse> fields(JsonNode body) {
        String type = MpesaChecks.text(body, "TransactionType");
        if (type == null || !TRANSACTION_TYPES.contains(type)) {
            return Optional.of(bodies.badRequest("TransactionType"));
        }
        BigDecimal amount = MpesaChecks.wholeAmount(body);
        if (amount == null) {
            return Optional.of(bodies.badRequest("Amount"));
        }
        String partyA = MpesaChecks.text(body, "PartyA");
        if (partyA == null || !MpesaChecks.SAFARICOM_NUMBER.matcher(partyA).matches()) {
            return Optional.of(bodies.badRequest("PartyA"));
        }
        String phone = MpesaChecks.text(body, "PhoneNumber");
        if (phone == null || !MpesaChecks.SAFARICOM_NUMBER.matcher(phone).matches()) {
            return Optional.of(bodies.badRequest("PhoneNumber"));
        }
        if (!settings.partyB().equals(MpesaChecks.text(body, "PartyB"))) {
            return Optional.of(bodies.badRequest("PartyB"));
        }
        if (!validCallbackUrl(MpesaChecks.text(body, "CallBackURL"))) {
            return Optional.of(bodies.badRequest("CallBackURL"));
        }
        String reference = MpesaChecks.text(body, "AccountReference");
        if (reference == null || reference.length() > MAX_ACCOUNT_REFERENCE) {
            return Optional.of(bodies.badRequest("AccountReference"));
        }
        String desc = MpesaChecks.text(body, "TransactionDesc");
        if (desc == null || desc.length() > MAX_TRANSACTION_DESC) {
            return Optional.of(bodies.badRequest("TransactionDesc"));
        }
        return Optional.empty();
    }

    private static boolean validCallbackUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    SimResponse query(SimRequest request) {
        Optional<SimResponse> denied = checks.bearer(request);
        if (denied.isPresent()) {
            return denied.get();
        }
        JsonNode body = json.parseOrNull(request.body());
        if (body == null || !body.isObject()) {
            return bodies.badRequest("request body");
        }
        Optional<SimResponse> problem = checks.merchant(body);
        if (problem.isPresent()) {
            return problem.get();
        }
        Optional<StkPush> found = ledger.push(MpesaChecks.text(body, "CheckoutRequestID"));
        if (found.isEmpty()) {
            return bodies.badRequest("CheckoutRequestID");
        }
        StkPush push = found.get();
        push.countQuery();
        simulator.settleIfDue(push, request.receivedAt());
        if (push.result() == null) {
            return bodies.error(500, "500.001.1001", "The transaction is being processed");
        }
        return bodies.queryResult(push);
    }
}
