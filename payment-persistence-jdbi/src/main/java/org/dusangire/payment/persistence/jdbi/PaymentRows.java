package org.dusangire.payment.persistence.jdbi;

import java.math.BigDecimal;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.StatusChange;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;

/** Gives a payment's column values by name and rebuilds payments from rows; history is attached by the caller. */
final class PaymentRows {
    static final String COLUMNS = "id, order_reference, idempotency_key, amount, currency, method,"
            + " payer_msisdn, payer_email, payer_name, description, status, gateway_name,"
            + " provider_reference, provider_transaction_id, callback_token, payment_link,"
            + " last_gateway_response, failure_reason, outcome_unknown, refunded_amount,"
            + " refund_reserved_amount, created_at, updated_at, expires_at, version";

    /**
     * The columns an update writes: what can change after a payment is created. The others (the
     * order, key, amount and currency, method, payer, description, gateway, callback token,
     * creation and expiry times) are written once, by the insert.
     */
    static final String CHANGEABLE = "status, provider_reference, provider_transaction_id,"
            + " payment_link, last_gateway_response, failure_reason, outcome_unknown,"
            + " refunded_amount, refund_reserved_amount, updated_at";

    private PaymentRows() {
    }

    /** Every column of {@link #COLUMNS} except {@code version}, by name, for {@link Positional}. */
    static Map<String, Object> values(Payment p) {
        Map<String, Object> v = changeableValues(p, 48);
        Payer payer = p.payer();
        v.put("order_reference", p.orderReference());
        v.put("idempotency_key", p.idempotencyKey());
        v.put("amount", p.money().amount());
        v.put("currency", p.money().currency().getCurrencyCode());
        v.put("method", p.method().name());
        v.put("payer_msisdn", payer.msisdn() == null ? null : payer.msisdn().digits());
        v.put("payer_email", payer.email());
        v.put("payer_name", payer.name());
        v.put("description", p.description());
        v.put("gateway_name", p.gatewayName());
        v.put("callback_token", p.callbackToken());
        v.put("created_at", p.createdAt());
        v.put("expires_at", p.expiresAt());
        return v;
    }

    /** The id and every column of {@link #CHANGEABLE}, by name, for the guarded update. */
    static Map<String, Object> changeableValues(Payment p) {
        return changeableValues(p, 24);
    }

    private static Map<String, Object> changeableValues(Payment p, int capacity) {
        Map<String, Object> v = new HashMap<>(capacity);
        v.put("id", p.id().value());
        v.put("status", p.status().name());
        v.put("provider_reference", p.providerReference());
        v.put("provider_transaction_id", p.providerTransactionId());
        v.put("payment_link", p.paymentLink() == null ? null : p.paymentLink().toString());
        v.put("last_gateway_response", p.lastGatewayResponse());
        v.put("failure_reason", p.failureReason());
        v.put("outcome_unknown", p.outcomeUnknown());
        v.put("refunded_amount", p.refundedAmount().amount());
        v.put("refund_reserved_amount", p.refundReservedAmount().amount());
        v.put("updated_at", p.updatedAt());
        return v;
    }

    /**
     * A payment from a row whose first columns are {@link #COLUMNS}, in that order (every query
     * that reads payments selects them first). Read by position: by name, each of the 25 columns
     * was looked up in the driver's name map on every row.
     */
    static Payment.Builder payment(ResultSet rs) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString(Col.CURRENCY).trim());
        String msisdn = rs.getString(Col.PAYER_MSISDN);
        String link = rs.getString(Col.PAYMENT_LINK);
        String providerReference = rs.getString(Col.PROVIDER_REFERENCE);
        Payment.Builder b = Payment.builder()
                .id(new PaymentId(rs.getObject(Col.ID, UUID.class)))
                .orderReference(rs.getString(Col.ORDER_REFERENCE))
                .idempotencyKey(rs.getString(Col.IDEMPOTENCY_KEY))
                .money(money(rs.getBigDecimal(Col.AMOUNT), currency))
                .method(PaymentMethod.valueOf(rs.getString(Col.METHOD)))
                .payer(new Payer(msisdn == null ? null : new Msisdn(msisdn),
                        rs.getString(Col.PAYER_EMAIL), rs.getString(Col.PAYER_NAME)))
                .description(rs.getString(Col.DESCRIPTION))
                .status(PaymentStatus.valueOf(rs.getString(Col.STATUS)))
                .gatewayName(rs.getString(Col.GATEWAY_NAME))
                .providerReference(providerReference)
                .providerTransactionId(rs.getString(Col.PROVIDER_TRANSACTION_ID))
                .callbackToken(rs.getString(Col.CALLBACK_TOKEN))
                .paymentLink(link == null ? null : URI.create(link))
                .lastGatewayResponse(rs.getString(Col.LAST_GATEWAY_RESPONSE))
                .failureReason(rs.getString(Col.FAILURE_REASON))
                .outcomeUnknown(rs.getBoolean(Col.OUTCOME_UNKNOWN))
                .refundedAmount(money(rs.getBigDecimal(Col.REFUNDED_AMOUNT), currency))
                .refundReservedAmount(money(rs.getBigDecimal(Col.REFUND_RESERVED_AMOUNT), currency))
                .createdAt(UtcTimestamps.read(rs, Col.CREATED_AT))
                .updatedAt(UtcTimestamps.read(rs, Col.UPDATED_AT))
                .expiresAt(UtcTimestamps.read(rs, Col.EXPIRES_AT))
                .version(rs.getLong(Col.VERSION));
        // none yet: the payment's provider assigns its own reference and has not told it
        return providerReference == null ? b.awaitingProviderReference() : b;
    }

    /** The position of each of {@link #COLUMNS} in a row that selects them first. */
    static final class Col {
        private static final List<String> NAMES = List.of(COLUMNS.split(",\\s*"));
        static final int ID = of("id");
        static final int ORDER_REFERENCE = of("order_reference");
        static final int IDEMPOTENCY_KEY = of("idempotency_key");
        static final int AMOUNT = of("amount");
        static final int CURRENCY = of("currency");
        static final int METHOD = of("method");
        static final int PAYER_MSISDN = of("payer_msisdn");
        static final int PAYER_EMAIL = of("payer_email");
        static final int PAYER_NAME = of("payer_name");
        static final int DESCRIPTION = of("description");
        static final int STATUS = of("status");
        static final int GATEWAY_NAME = of("gateway_name");
        static final int PROVIDER_REFERENCE = of("provider_reference");
        static final int PROVIDER_TRANSACTION_ID = of("provider_transaction_id");
        static final int CALLBACK_TOKEN = of("callback_token");
        static final int PAYMENT_LINK = of("payment_link");
        static final int LAST_GATEWAY_RESPONSE = of("last_gateway_response");
        static final int FAILURE_REASON = of("failure_reason");
        static final int OUTCOME_UNKNOWN = of("outcome_unknown");
        static final int REFUNDED_AMOUNT = of("refunded_amount");
        static final int REFUND_RESERVED_AMOUNT = of("refund_reserved_amount");
        static final int CREATED_AT = of("created_at");
        static final int UPDATED_AT = of("updated_at");
        static final int EXPIRES_AT = of("expires_at");
        static final int VERSION = of("version");
        /** The first column after the payment's, where a join's history columns start. */
        static final int AFTER = NAMES.size() + 1;

        private Col() {
        }

        private static int of(String name) {
            int index = NAMES.indexOf(name);
            if (index < 0) {
                throw new IllegalStateException(name + " is not among the payment's columns");
            }
            return index + 1;
        }
    }

    /**
     * A history entry from a row holding {@code from_status, to_status, changed_at,
     * change_trigger, detail} in that order, the first at position {@code first}.
     */
    static StatusChange change(ResultSet rs, int first) throws SQLException {
        String from = rs.getString(first);
        return new StatusChange(from == null ? null : PaymentStatus.valueOf(from),
                PaymentStatus.valueOf(rs.getString(first + 1)),
                UtcTimestamps.read(rs, first + 2),
                Trigger.valueOf(rs.getString(first + 3)),
                rs.getString(first + 4));
    }

    static InboxEntry inbox(ResultSet rs) throws SQLException {
        return new InboxEntry(new InboxKey(rs.getString("gateway_name"), rs.getString("event_key")),
                rs.getString("payment_reference"), UtcTimestamps.read(rs, "received_at"),
                rs.getString("payload"), UtcTimestamps.read(rs, "processed_at"),
                rs.getString("outcome"));
    }

    /** The column holds four decimals; {@link Money} brings it back to the currency's scale. */
    static Money money(BigDecimal stored, Currency currency) {
        return Money.of(stored, currency);
    }
}
