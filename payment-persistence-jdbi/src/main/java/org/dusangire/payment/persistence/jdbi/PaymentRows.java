package org.dusangire.payment.persistence.jdbi;

import java.math.BigDecimal;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Currency;
import java.util.HashMap;
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

    private PaymentRows() {
    }

    /** Every column of {@link #COLUMNS} except {@code version}, by name, for {@link Positional}. */
    static Map<String, Object> values(Payment p) {
        Payer payer = p.payer();
        Map<String, Object> v = new HashMap<>(48);
        v.put("id", p.id().value());
        v.put("order_reference", p.orderReference());
        v.put("idempotency_key", p.idempotencyKey());
        v.put("amount", p.money().amount());
        v.put("currency", p.money().currency().getCurrencyCode());
        v.put("method", p.method().name());
        v.put("payer_msisdn", payer.msisdn() == null ? null : payer.msisdn().digits());
        v.put("payer_email", payer.email());
        v.put("payer_name", payer.name());
        v.put("description", p.description());
        v.put("status", p.status().name());
        v.put("gateway_name", p.gatewayName());
        v.put("provider_reference", p.providerReference());
        v.put("provider_transaction_id", p.providerTransactionId());
        v.put("callback_token", p.callbackToken());
        v.put("payment_link", p.paymentLink() == null ? null : p.paymentLink().toString());
        v.put("last_gateway_response", p.lastGatewayResponse());
        v.put("failure_reason", p.failureReason());
        v.put("outcome_unknown", p.outcomeUnknown());
        v.put("refunded_amount", p.refundedAmount().amount());
        v.put("refund_reserved_amount", p.refundReservedAmount().amount());
        v.put("created_at", p.createdAt());
        v.put("updated_at", p.updatedAt());
        v.put("expires_at", p.expiresAt());
        return v;
    }

    static Payment.Builder payment(ResultSet rs) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency").trim());
        String msisdn = rs.getString("payer_msisdn");
        String link = rs.getString("payment_link");
        String providerReference = rs.getString("provider_reference");
        Payment.Builder b = Payment.builder()
                .id(new PaymentId(rs.getObject("id", UUID.class)))
                .orderReference(rs.getString("order_reference"))
                .idempotencyKey(rs.getString("idempotency_key"))
                .money(money(rs.getBigDecimal("amount"), currency))
                .method(PaymentMethod.valueOf(rs.getString("method")))
                .payer(new Payer(msisdn == null ? null : new Msisdn(msisdn),
                        rs.getString("payer_email"), rs.getString("payer_name")))
                .description(rs.getString("description"))
                .status(PaymentStatus.valueOf(rs.getString("status")))
                .gatewayName(rs.getString("gateway_name"))
                .providerReference(providerReference)
                .providerTransactionId(rs.getString("provider_transaction_id"))
                .callbackToken(rs.getString("callback_token"))
                .paymentLink(link == null ? null : URI.create(link))
                .lastGatewayResponse(rs.getString("last_gateway_response"))
                .failureReason(rs.getString("failure_reason"))
                .outcomeUnknown(rs.getBoolean("outcome_unknown"))
                .refundedAmount(money(rs.getBigDecimal("refunded_amount"), currency))
                .refundReservedAmount(money(rs.getBigDecimal("refund_reserved_amount"), currency))
                .createdAt(UtcTimestamps.read(rs, "created_at"))
                .updatedAt(UtcTimestamps.read(rs, "updated_at"))
                .expiresAt(UtcTimestamps.read(rs, "expires_at"))
                .version(rs.getLong("version"));
        // none yet: the payment's provider assigns its own reference and has not told it
        return providerReference == null ? b.awaitingProviderReference() : b;
    }

    static StatusChange change(ResultSet rs) throws SQLException {
        String from = rs.getString("from_status");
        return new StatusChange(from == null ? null : PaymentStatus.valueOf(from),
                PaymentStatus.valueOf(rs.getString("to_status")),
                UtcTimestamps.read(rs, "changed_at"),
                Trigger.valueOf(rs.getString("change_trigger")),
                rs.getString("detail"));
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
