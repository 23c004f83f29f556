package org.dusangire.payment.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundChange;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.model.Trigger;

/**
 * The refunds' SQL and rows: gives a refund's column values by name and rebuilds refunds, with
 * their history, from the rows of one joined query. Kept apart from {@link PaymentRows} and the
 * repository's own statements so that the payment path stays as it is.
 */
final class RefundRows {
    static final String COLUMNS = "id, payment_id, idempotency_key, gateway_name, amount, currency,"
            + " reason, actor, status, outcome_unknown, provider_transaction_id,"
            + " last_gateway_response, failure_reason, created_at, updated_at, version";
    private static final String HISTORY_COLUMNS = "seq, from_status, to_status, changed_at,"
            + " change_trigger, detail";

    private RefundRows() {
    }

    /** Every column of {@link #COLUMNS} except {@code version}, by name, for {@link Positional}. */
    static Map<String, Object> values(Refund r) {
        Map<String, Object> v = new HashMap<>(32);
        v.put("id", r.id().value());
        v.put("payment_id", r.paymentId().value());
        v.put("idempotency_key", r.idempotencyKey());
        v.put("gateway_name", r.gatewayName());
        v.put("amount", r.amount().amount());
        v.put("currency", r.amount().currency().getCurrencyCode());
        v.put("reason", r.reason());
        v.put("actor", r.actor());
        v.put("status", r.status().name());
        v.put("outcome_unknown", r.outcomeUnknown());
        v.put("provider_transaction_id", r.providerTransactionId());
        v.put("last_gateway_response", r.lastGatewayResponse());
        v.put("failure_reason", r.failureReason());
        v.put("created_at", r.createdAt());
        v.put("updated_at", r.updatedAt());
        return v;
    }

    /** One history entry's values for {@link Statements#insertHistory}. */
    static Map<String, Object> historyValues(RefundId id, int seq, RefundChange change) {
        Map<String, Object> v = new HashMap<>(16);
        v.put("id", id.value());
        v.put("seq", seq);
        v.put("from", change.from() == null ? null : change.from().name());
        v.put("to", change.to().name());
        v.put("at", change.at());
        v.put("trigger", change.trigger().name());
        v.put("detail", change.detail());
        return v;
    }

    /**
     * The refunds of a {@link Statements#selectWithHistory} result, each with its history, in the
     * order of their first row. The query orders one refund's rows together, by {@code seq}.
     */
    static List<Refund> refunds(ResultSet rs) throws SQLException {
        Map<UUID, Refund.Builder> rows = new LinkedHashMap<>();
        Map<UUID, List<RefundChange>> histories = new HashMap<>();
        while (rs.next()) {
            UUID id = rs.getObject("id", UUID.class);
            if (!rows.containsKey(id)) {
                rows.put(id, refund(rs));
                histories.put(id, new ArrayList<>());
            }
            rs.getInt("seq");
            if (!rs.wasNull()) {
                histories.get(id).add(change(rs));
            }
        }
        List<Refund> refunds = new ArrayList<>(rows.size());
        rows.forEach((id, row) -> refunds.add(row.history(histories.get(id)).build()));
        return refunds;
    }

    private static Refund.Builder refund(ResultSet rs) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency").trim());
        return Refund.builder()
                .id(new RefundId(rs.getObject("id", UUID.class)))
                .paymentId(new PaymentId(rs.getObject("payment_id", UUID.class)))
                .idempotencyKey(rs.getString("idempotency_key"))
                .gatewayName(rs.getString("gateway_name"))
                .amount(PaymentRows.money(rs.getBigDecimal("amount"), currency))
                .reason(rs.getString("reason"))
                .actor(rs.getString("actor"))
                .status(RefundStatus.valueOf(rs.getString("status")))
                .outcomeUnknown(rs.getBoolean("outcome_unknown"))
                .providerTransactionId(rs.getString("provider_transaction_id"))
                .lastGatewayResponse(rs.getString("last_gateway_response"))
                .failureReason(rs.getString("failure_reason"))
                .createdAt(UtcTimestamps.read(rs, "created_at"))
                .updatedAt(UtcTimestamps.read(rs, "updated_at"))
                .version(rs.getLong("version"));
    }

    private static RefundChange change(ResultSet rs) throws SQLException {
        String from = rs.getString("from_status");
        return new RefundChange(from == null ? null : RefundStatus.valueOf(from),
                RefundStatus.valueOf(rs.getString("to_status")),
                UtcTimestamps.read(rs, "changed_at"),
                Trigger.valueOf(rs.getString("change_trigger")),
                rs.getString("detail"));
    }

    /** The refunds' SQL text, with the table prefix filled in once. */
    static final class Statements {
        final String selectWithHistory;
        final Positional insert;
        final Positional update;
        final Positional countHistory;
        final Positional insertHistory;
        final Positional selectById;
        final Positional selectByIdempotencyKey;
        final Positional selectOfPayment;
        final String claimSkipLocked;
        final String claimCandidates;
        final String claimOne;

        Statements(String prefix) {
            String refunds = prefix + "refunds";
            String history = prefix + "refund_history";
            selectWithHistory = "SELECT r." + COLUMNS.replace(", ", ", r.") + ", h."
                    + HISTORY_COLUMNS.replace(", ", ", h.") + " FROM " + refunds
                    + " r LEFT JOIN " + history + " h ON h.refund_id = r.id";
            StringBuilder values = new StringBuilder();
            for (String column : COLUMNS.split(",\\s*")) {
                values.append(values.length() == 0 ? "" : ", ")
                        .append("version".equals(column) ? "0" : ":" + column);
            }
            insert = Positional.of("INSERT INTO " + refunds + " (" + COLUMNS + ") VALUES ("
                    + values + ")");
            // id, payment, idempotency key and creation time are fixed when the refund is stored
            update = Positional.of("UPDATE " + refunds + " SET gateway_name = :gateway_name,"
                    + " amount = :amount, currency = :currency, reason = :reason, actor = :actor,"
                    + " status = :status, outcome_unknown = :outcome_unknown,"
                    + " provider_transaction_id = :provider_transaction_id,"
                    + " last_gateway_response = :last_gateway_response,"
                    + " failure_reason = :failure_reason, updated_at = :updated_at,"
                    + " version = version + 1 WHERE id = :id AND version = :version");
            countHistory = Positional.of("SELECT COALESCE(MAX(seq) + 1, 0) FROM " + history
                    + " WHERE refund_id = :id");
            insertHistory = Positional.of("INSERT INTO " + history + " (refund_id, "
                    + HISTORY_COLUMNS + ") VALUES (:id, :seq, :from, :to, :at, :trigger, :detail)");
            selectById = Positional.of(selectWithHistory + " WHERE r.id = :v ORDER BY h.seq");
            selectByIdempotencyKey = Positional.of(selectWithHistory
                    + " WHERE r.idempotency_key = :v ORDER BY h.seq");
            selectOfPayment = Positional.of(selectWithHistory
                    + " WHERE r.payment_id = :v ORDER BY r.created_at, r.id, h.seq");
            String stale = "status = '" + RefundStatus.PENDING.name() + "' AND updated_at < :stale"
                    + " AND (claimed_until IS NULL OR claimed_until <= :now)";
            claimSkipLocked = "UPDATE " + refunds + " SET claimed_until = :until WHERE id IN ("
                    + "SELECT id FROM " + refunds + " WHERE " + stale
                    + " ORDER BY updated_at LIMIT :limit FOR UPDATE SKIP LOCKED) RETURNING id";
            // in the order of the (status, updated_at) index, as for payments
            claimCandidates = "SELECT id FROM " + refunds + " WHERE " + stale
                    + " ORDER BY status, updated_at FETCH FIRST :limit ROWS ONLY";
            claimOne = "UPDATE " + refunds + " SET claimed_until = :until WHERE id = :id AND "
                    + stale;
        }

        /** The refunds with these ids (named {@code :id0, :id1, ...}), oldest change first. */
        Positional selectByIds(String placeholders) {
            return Positional.of(selectWithHistory + " WHERE r.id IN (" + placeholders
                    + ") ORDER BY r.updated_at, r.id, h.seq");
        }
    }
}
