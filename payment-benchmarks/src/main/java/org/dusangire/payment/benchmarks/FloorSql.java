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
 * library writes them there: one round trip instead of five). With a listener to tell, the event
 * row is written claimed instead of delivered, unless an earlier event of the payment is still
 * open (events reach listeners in order per payment), and marked delivered once the listener took
 * it ({@link #markDelivered}): the writes delivery at least once requires. Listed in
 * BENCHMARKS.md.
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
     * A floor without a listener (reconciliation's and the refunds', as their library sides
     * register none) writes its event row delivered: its rows must not stand in the events table
     * as thousands of open events, which a store in service does not have and which the
     * library's open-event checks would then walk. The same insert, one column more.
     */
    static final String DELIVERED = "CURRENT_TIMESTAMP";
    /**
     * The columns of a change's durable event, but the last: when it was delivered, or until
     * when it is claimed.
     */
    private static final String EVENT_COLUMNS = "INSERT INTO pay_events (id, type, payment_id,"
            + " order_reference, gateway_name, from_status, to_status, change_trigger, amount,"
            + " currency, occurred_at, ";
    /** The change's durable event, delivered (no listener). */
    private static final String INSERT_EVENT = EVENT_COLUMNS + "delivered_at) VALUES (?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, " + DELIVERED + ")";
    /** The change's durable event, claimed until the last value (null: left to a later pass). */
    private static final String INSERT_EVENT_CLAIMED = EVENT_COLUMNS + "claimed_until) VALUES (?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /**
     * H2: one row when the payment has an event neither delivered nor parked, by the payment's
     * index (left to itself, H2 walks the index of every open event).
     */
    private static final String ANY_OPEN = "SELECT 1 FROM pay_events USE INDEX"
            + " (pay_events_payment_ix) WHERE payment_id = ? AND COALESCE(delivered_at, parked_at)"
            + " IS NULL FETCH FIRST 1 ROWS ONLY";
    /**
     * The event the listener took, delivered; written so that no index but the id's answers it
     * (PostgreSQL otherwise may plan it on the open-event index).
     */
    private static final String MARK_DELIVERED = "UPDATE pay_events SET delivered_at = ?,"
            + " claimed_until = NULL WHERE id = ? AND (delivered_at IS NULL) IS TRUE";
    /** Closes the inbox entry the change came with. */
    static final String MARK_INBOX = "UPDATE pay_inbox SET processed_at = ?, outcome = ?"
            + " WHERE gateway_name = ? AND event_key = ? AND processed_at IS NULL";

    /**
     * PostgreSQL: the same four writes in one auto-committed statement; the history and event
     * rows and the inbox mark are written only when the guarded update matched. Answers how many
     * payment rows were updated.
     */
    private static String settlePgWrites(boolean claimed) {
        return "WITH u AS (" + UPDATE_PAYMENT + " RETURNING id),"
                + " h AS (INSERT INTO pay_payment_history (payment_id, seq, from_status, to_status,"
                + " changed_at, change_trigger, detail) SELECT u.id, (SELECT COALESCE(MAX(seq) + 1,"
                + " 0) FROM pay_payment_history WHERE payment_id = u.id), ?, ?, ?, ?, NULL FROM u),"
                + " e AS (" + EVENT_COLUMNS + (claimed ? "claimed_until" : "delivered_at")
                + ") SELECT ?, ?, u.id, ?, ?, ?, ?, ?, ?, ?, ?, " + (claimed
                        // the statement's snapshot: the payment's events before this one
                        ? "CASE WHEN NOT EXISTS (SELECT 1 FROM pay_events o WHERE o.payment_id ="
                                + " u.id AND COALESCE(o.delivered_at, o.parked_at) IS NULL) THEN"
                                + " CAST(? AS TIMESTAMP WITH TIME ZONE) END"
                        : DELIVERED) + " FROM u RETURNING claimed_until)";
    }

    /**
     * PostgreSQL's settle, with or without the inbox mark and the claim; answers the rows updated
     * and the events claimed.
     */
    private static String settlePg(boolean markInbox, boolean claimed) {
        return settlePgWrites(claimed) + (markInbox ? ", i AS (" + MARK_INBOX
                + " AND EXISTS (SELECT 1 FROM u))" : "") + " SELECT (SELECT COUNT(*) FROM u),"
                + " (SELECT COUNT(*) FROM e WHERE claimed_until IS NOT NULL)";
    }

    private static final String SETTLE_PG = settlePg(false, false);
    private static final String SETTLE_PG_AND_MARK = settlePg(true, false);
    private static final String SETTLE_PG_CLAIMED = settlePg(false, true);
    private static final String SETTLE_PG_AND_MARK_CLAIMED = settlePg(true, true);

    private FloorSql() {
    }

    /**
     * Moves {@code row} to {@code to} with its history and event rows, and closes the inbox
     * entry {@code inboxKey} of {@code inboxGateway} when given: in one statement on PostgreSQL,
     * in one transaction otherwise; false when the guarded update lost a race (nothing written).
     * The event row is written delivered: no listener is told.
     */
    static boolean settle(Connection c, boolean postgres, Row row, String to, String trigger,
            OffsetDateTime now, String inboxGateway, String inboxKey) throws SQLException {
        return settle(c, postgres, row, to, trigger, now, null, inboxGateway, inboxKey).updated();
    }

    /**
     * {@link #settle(Connection, boolean, Row, String, String, OffsetDateTime, String, String)}
     * with the event row claimed until {@code claimUntil} for the listener the caller tells next
     * (then {@link #markDelivered}); left open for a later pass when an earlier event of the
     * payment is still open. A null {@code claimUntil} writes it delivered.
     */
    static Settled settle(Connection c, boolean postgres, Row row, String to, String trigger,
            OffsetDateTime now, OffsetDateTime claimUntil, String inboxGateway, String inboxKey)
            throws SQLException {
        UUID event = UUID.randomUUID();
        if (!postgres) {
            return settleInTransaction(c, row, to, trigger, now, event, claimUntil, inboxGateway,
                    inboxKey);
        }
        boolean claiming = claimUntil != null;
        try (PreparedStatement s = c.prepareStatement(inboxKey != null
                ? (claiming ? SETTLE_PG_AND_MARK_CLAIMED : SETTLE_PG_AND_MARK)
                : (claiming ? SETTLE_PG_CLAIMED : SETTLE_PG))) {
            int i = 1;
            s.setString(i++, to);
            s.setObject(i++, now);
            s.setObject(i++, row.id());
            s.setLong(i++, row.version());
            s.setString(i++, row.status());
            s.setString(i++, to);
            s.setObject(i++, now);
            s.setString(i++, trigger);
            s.setObject(i++, event);
            s.setString(i++, PaymentEvent.Type.PAYMENT_STATUS_CHANGED.name());
            s.setString(i++, row.orderReference());
            s.setString(i++, row.gateway());
            s.setString(i++, row.status());
            s.setString(i++, to);
            s.setString(i++, trigger);
            s.setBigDecimal(i++, row.amount());
            s.setString(i++, row.currency());
            s.setObject(i++, now);
            if (claiming) {
                s.setObject(i++, claimUntil);
            }
            if (inboxKey != null) {
                s.setObject(i++, now);
                s.setString(i++, "PROCESSED");
                s.setString(i++, inboxGateway);
                s.setString(i, inboxKey);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Settled(rs.getInt(1) == 1, rs.getInt(2) == 1 ? event : null);
            }
        }
    }

    /**
     * Marks {@code event} delivered at {@code at}, unless it already is (auto-committed); true
     * when it was marked now.
     */
    static boolean markDelivered(Connection c, UUID event, OffsetDateTime at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(MARK_DELIVERED)) {
            s.setObject(1, at);
            s.setObject(2, event);
            return s.executeUpdate() == 1;
        }
    }

    /** What the floor read of a payment before it asked the provider. */
    record Row(UUID id, String status, long version, BigDecimal amount, String currency,
            String orderReference, String gateway) {
    }

    /**
     * What a settle wrote: whether the guarded update matched, and the event it claimed for the
     * listener ({@code null}: none claimed, or written delivered).
     */
    record Settled(boolean updated, UUID claimed) {
    }

    /** The H2 form of {@code settle}: the four writes in one transaction. */
    private static Settled settleInTransaction(Connection c, Row row, String to, String trigger,
            OffsetDateTime now, UUID event, OffsetDateTime claimUntil, String inboxGateway,
            String inboxKey) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement u = c.prepareStatement(UPDATE_PAYMENT);
                PreparedStatement h = c.prepareStatement(INSERT_HISTORY);
                PreparedStatement e = c.prepareStatement(claimUntil != null ? INSERT_EVENT_CLAIMED
                        : INSERT_EVENT)) {
            u.setString(1, to);
            u.setObject(2, now);
            u.setObject(3, row.id());
            u.setLong(4, row.version());
            if (u.executeUpdate() != 1) {
                c.rollback();
                return new Settled(false, null);
            }
            h.setObject(1, row.id());
            h.setString(2, row.status());
            h.setString(3, to);
            h.setObject(4, now);
            h.setString(5, trigger);
            h.setObject(6, row.id());
            h.executeUpdate();
            boolean claim = claimUntil != null && !anyOpen(c, row.id());
            e.setObject(1, event);
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
            if (claimUntil != null) {
                e.setObject(12, claim ? claimUntil : null);
            }
            e.executeUpdate();
            if (inboxKey != null) {
                try (PreparedStatement i = c.prepareStatement(MARK_INBOX)) {
                    markInbox(i, now, "PROCESSED", inboxGateway, inboxKey);
                }
            }
            c.commit();
            return new Settled(true, claim ? event : null);
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** H2: whether the payment has an event neither delivered nor parked, before its new one. */
    private static boolean anyOpen(Connection c, UUID payment) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ANY_OPEN)) {
            s.setObject(1, payment);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
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
