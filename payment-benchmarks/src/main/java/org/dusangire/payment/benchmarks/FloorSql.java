package org.dusangire.payment.benchmarks;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.dusangire.payment.core.port.PaymentEvent;

/**
 * The statements the webhook and reconciliation floors share, in plain JDBC on the library's own
 * tables (prefix {@code pay_}): the guarded update of a settled payment with its history row and
 * its durable event row, in one transaction on H2 and in one statement on PostgreSQL (as the
 * library writes them there: one round trip instead of five). Listed in BENCHMARKS.md.
 */
final class FloorSql {
    /** Guarded by the version read before the provider was asked: a lost race changes nothing. */
    static final String UPDATE_PAYMENT = "UPDATE pay_payments SET status = ?, updated_at = ?,"
            + " version = version + 1 WHERE id = ? AND version = ?";
    /** The next history entry; its number counted by the insert itself, no read before it. */
    static final String INSERT_HISTORY = "INSERT INTO pay_payment_history (payment_id, seq,"
            + " from_status, to_status, changed_at, change_trigger, detail) SELECT ?,"
            + " COALESCE(MAX(seq) + 1, 0), ?, ?, ?, ?, NULL FROM pay_payment_history"
            + " WHERE payment_id = ?";
    /**
     * A floor's event row is written delivered: a floor has no listeners, and its rows must not
     * stand in the events table as thousands of open events, which a store in service does not
     * have and which the library's open-event checks would then walk. The same insert, one
     * column more.
     */
    static final String DELIVERED = "CURRENT_TIMESTAMP";
    /** The change's durable event. */
    static final String INSERT_EVENT = "INSERT INTO pay_events (id, type, payment_id,"
            + " order_reference, gateway_name, from_status, to_status, change_trigger, amount,"
            + " currency, occurred_at, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + DELIVERED + ")";
    /** Closes the inbox entry the change came with. */
    static final String MARK_INBOX = "UPDATE pay_inbox SET processed_at = ?, outcome = ?"
            + " WHERE gateway_name = ? AND event_key = ? AND processed_at IS NULL";

    /**
     * PostgreSQL: the same four writes in one auto-committed statement; the history and event
     * rows and the inbox mark are written only when the guarded update matched. Answers how many
     * payment rows were updated.
     */
    private static final String SETTLE_PG_WRITES = "WITH u AS (" + UPDATE_PAYMENT + " RETURNING id),"
            + " h AS (INSERT INTO pay_payment_history (payment_id, seq, from_status, to_status,"
            + " changed_at, change_trigger, detail) SELECT u.id, (SELECT COALESCE(MAX(seq) + 1, 0)"
            + " FROM pay_payment_history WHERE payment_id = u.id), ?, ?, ?, ?, NULL FROM u),"
            + " e AS (INSERT INTO pay_events (id, type, payment_id, order_reference, gateway_name,"
            + " from_status, to_status, change_trigger, amount, currency, occurred_at,"
            + " delivered_at) SELECT ?, ?, u.id, ?, ?, ?, ?, ?, ?, ?, ?, " + DELIVERED
            + " FROM u)";
    private static final String SETTLE_PG = SETTLE_PG_WRITES + " SELECT COUNT(*) FROM u";
    /** {@link #SETTLE_PG} with the inbox mark, when the change came with an inbox entry. */
    private static final String SETTLE_PG_AND_MARK = SETTLE_PG_WRITES + ", i AS (" + MARK_INBOX
            + " AND EXISTS (SELECT 1 FROM u)) SELECT COUNT(*) FROM u";

    private FloorSql() {
    }

    /**
     * Moves {@code row} to {@code to} with its history and event rows, and closes the inbox
     * entry {@code inboxKey} of {@code inboxGateway} when given: in one statement on PostgreSQL,
     * in one transaction otherwise; false when the guarded update lost a race (nothing written).
     */
    static boolean settle(Connection c, boolean postgres, Row row, String to, String trigger,
            OffsetDateTime now, String inboxGateway, String inboxKey) throws SQLException {
        if (!postgres) {
            return settleInTransaction(c, row, to, trigger, now, inboxGateway, inboxKey);
        }
        try (PreparedStatement s = c.prepareStatement(inboxKey != null ? SETTLE_PG_AND_MARK
                : SETTLE_PG)) {
            int i = 1;
            s.setString(i++, to);
            s.setObject(i++, now);
            s.setObject(i++, row.id());
            s.setLong(i++, row.version());
            s.setString(i++, row.status());
            s.setString(i++, to);
            s.setObject(i++, now);
            s.setString(i++, trigger);
            s.setObject(i++, UUID.randomUUID());
            s.setString(i++, PaymentEvent.Type.PAYMENT_STATUS_CHANGED.name());
            s.setString(i++, row.orderReference());
            s.setString(i++, row.gateway());
            s.setString(i++, row.status());
            s.setString(i++, to);
            s.setString(i++, trigger);
            s.setBigDecimal(i++, row.amount());
            s.setString(i++, row.currency());
            s.setObject(i++, now);
            if (inboxKey != null) {
                s.setObject(i++, now);
                s.setString(i++, "PROCESSED");
                s.setString(i++, inboxGateway);
                s.setString(i, inboxKey);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    /** What the floor read of a payment before it asked the provider. */
    record Row(UUID id, String status, long version, BigDecimal amount, String currency,
            String orderReference, String gateway) {
    }

    /** The H2 form of {@code settle}: the four writes in one transaction. */
    private static boolean settleInTransaction(Connection c, Row row, String to, String trigger,
            OffsetDateTime now, String inboxGateway, String inboxKey) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement u = c.prepareStatement(UPDATE_PAYMENT);
                PreparedStatement h = c.prepareStatement(INSERT_HISTORY);
                PreparedStatement e = c.prepareStatement(INSERT_EVENT)) {
            u.setString(1, to);
            u.setObject(2, now);
            u.setObject(3, row.id());
            u.setLong(4, row.version());
            if (u.executeUpdate() != 1) {
                c.rollback();
                return false;
            }
            h.setObject(1, row.id());
            h.setString(2, row.status());
            h.setString(3, to);
            h.setObject(4, now);
            h.setString(5, trigger);
            h.setObject(6, row.id());
            h.executeUpdate();
            e.setObject(1, UUID.randomUUID());
            e.setString(2, PaymentEvent.Type.PAYMENT_STATUS_CHANGED.name());
            e.setObject(3, row.id());
            e.setString(4, row.orderReference());
            e.setString(5, row.gateway());
            e.setString(6, row.status());
            e.setString(7, to);
            e.setString(8, trigger);
            e.setBigDecimal(9, row.amount());
            e.setString(10, row.currency());
            e.setObject(11, now);
            e.executeUpdate();
            if (inboxKey != null) {
                try (PreparedStatement i = c.prepareStatement(MARK_INBOX)) {
                    markInbox(i, now, "PROCESSED", inboxGateway, inboxKey);
                }
            }
            c.commit();
            return true;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    static void markInbox(PreparedStatement i, OffsetDateTime now, String outcome, String gateway,
            String key) throws SQLException {
        i.setObject(1, now);
        i.setString(2, outcome);
        i.setString(3, gateway);
        i.setString(4, key);
        i.executeUpdate();
    }
}
