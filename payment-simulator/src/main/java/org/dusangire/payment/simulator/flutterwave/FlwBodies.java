package org.dusangire.payment.simulator.flutterwave;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.dusangire.payment.simulator.Json;
import org.dusangire.payment.simulator.SimResponse;

/** The v3 wire shapes: envelopes, transactions, refunds and both webhook payloads. */
final class FlwBodies {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final long ACCOUNT_ID = 1_733_421L;
    private static final long CUSTOMER_ID = 912_345_678L;

    private final Json json;

    FlwBodies(Json json) {
        this.json = json;
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** {@code {"status":"error","message":..,"data":null}}. */
    SimResponse error(int status, String message) {
        ObjectNode node = json.object().put("status", "error").put("message", message);
        node.putNull("data");
        return json.response(status, node);
    }

    SimResponse success(String message, ObjectNode data) {
        ObjectNode node = json.object().put("status", "success").put("message", message);
        node.set("data", data);
        return json.response(200, node);
    }

    /** The {@code data} of a verify answer. */
    ObjectNode transaction(FlwTransaction t) {
        ObjectNode data = common(t);
        data.put("amount_settled", settled(t));
        if (t.checkout().meta() != null) {
            data.set("meta", t.checkout().meta().deepCopy());
        } else {
            data.putNull("meta");
        }
        return data;
    }

    /** The v3 webhook envelope. */
    ObjectNode envelope(FlwTransaction t) {
        ObjectNode node = json.object().put("event", "charge.completed");
        node.set("data", common(t));
        if (isBankTransfer(t)) {
            node.putObject("meta_data").put("originatoraccountnumber", "123*******90")
                    .put("originatorname", t.checkout().name()).put("bankname", "Sim Bank")
                    .put("originatoramount", "N/A");
        }
        node.put("event.type", eventType(t));
        return node;
    }

    /** The legacy flat webhook payload (dashboard "v3 webhooks" off). */
    ObjectNode legacy(FlwTransaction t) {
        FlwCheckout c = t.checkout();
        ObjectNode node = json.object().put("id", t.id()).put("txRef", c.txRef())
                .put("flwRef", t.flwRef()).put("orderRef", "URF_" + t.id());
        node.putNull("paymentPlan");
        node.putNull("paymentPage");
        node.put("createdAt", time(t.createdAt())).put("amount", t.amount())
                .put("charged_amount", t.chargedAmount()).put("status", t.status())
                .put("IP", "127.0.0.1").put("currency", t.currency())
                .put("appfee", t.appFee()).put("merchantfee", 0).put("merchantbearsfee", 1);
        ObjectNode customer = node.putObject("customer").put("id", CUSTOMER_ID)
                .put("phone", c.phone()).put("fullName", c.name()).put("email", c.email())
                .put("createdAt", time(c.createdAt())).put("AccountId", ACCOUNT_ID);
        customer.putNull("customertoken");
        if (isBankTransfer(t)) {
            node.putObject("entity").put("account_number", "0690000000").put("first_name", c.name());
        } else {
            node.putObject("entity").put("card6", "418742").put("card_last4", "4246");
        }
        node.put("event.type", eventType(t));
        return node;
    }

    ObjectNode refund(FlwRefund r, long accountId) {
        ObjectNode data = json.object().put("id", r.id()).put("account_id", accountId)
                .put("tx_id", r.transactionId()).put("flw_ref", r.flwRef())
                .put("wallet_id", 2_221L).put("amount_refunded", r.amount())
                .put("status", r.status()).put("destination", "payment_source");
        if (r.comments() != null) {
            data.put("comments", r.comments());
        }
        data.putObject("meta").put("source", "availablebalance");
        data.put("created_at", time(r.createdAt()));
        return data;
    }

    /** One refund of the {@code GET /v3/refunds} listing: the details plus {@code transaction_id}. */
    ObjectNode listedRefund(FlwRefund r) {
        return refund(r, ACCOUNT_ID).put("transaction_id", r.transactionId());
    }

    /** A page of a listing: {@code data} array and {@code meta.page_info}. */
    SimResponse page(String message, List<ObjectNode> items, int page, int pages, int total,
                     int pageSize) {
        ObjectNode node = json.object().put("status", "success").put("message", message);
        node.putObject("meta").putObject("page_info").put("total", total)
                .put("current_page", page).put("total_pages", pages).put("page_size", pageSize);
        items.forEach(node.putArray("data")::add);
        return json.response(200, node);
    }

    static long accountId() {
        return ACCOUNT_ID;
    }

    private ObjectNode common(FlwTransaction t) {
        FlwCheckout c = t.checkout();
        ObjectNode data = json.object().put("id", t.id()).put("tx_ref", c.txRef())
                .put("flw_ref", t.flwRef()).put("device_fingerprint", "N/A")
                .put("amount", t.amount()).put("currency", t.currency())
                .put("charged_amount", t.chargedAmount()).put("app_fee", t.appFee())
                .put("merchant_fee", 0).put("processor_response", t.processorResponse())
                .put("auth_model", isBankTransfer(t) ? "AUTH" : "PIN").put("ip", "127.0.0.1")
                .put("narration", c.title() == null ? "Flutterwave checkout" : c.title())
                .put("status", t.status()).put("payment_type", t.paymentType())
                .put("created_at", time(t.createdAt())).put("account_id", ACCOUNT_ID);
        if (!isBankTransfer(t)) {
            data.putObject("card").put("first_6digits", "418742").put("last_4digits", "4246")
                    .put("issuer", "VISA SIM BANK CREDIT").put("country", "NG")
                    .put("type", "VISA").put("expiry", "09/32");
        }
        data.putObject("customer").put("id", CUSTOMER_ID).put("name", c.name())
                .put("phone_number", c.phone()).put("email", c.email())
                .put("created_at", time(c.createdAt()));
        return data;
    }

    private static java.math.BigDecimal settled(FlwTransaction t) {
        return t.chargedAmount().subtract(t.appFee());
    }

    private static boolean isBankTransfer(FlwTransaction t) {
        return "bank_transfer".equals(t.paymentType());
    }

    private static String eventType(FlwTransaction t) {
        return isBankTransfer(t) ? "BANK_TRANSFER_TRANSACTION" : "CARD_TRANSACTION";
    }
}
