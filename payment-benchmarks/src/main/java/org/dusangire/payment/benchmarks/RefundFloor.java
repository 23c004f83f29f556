package org.dusangire.payment.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.dusangire.payment.core.port.PaymentEvent;

/**
 * The floor of a refund, in plain JDBC on the library's pool and tables (prefix {@code pay_})
 * with the bare HTTP client: the rows the library writes, in as few round trips as its safety
 * rules allow. Per refund of a paid payment:
 *
 * <ol>
 *   <li>Reserve, one transaction: read the payment ({@link #READ_PAYMENT}: is it paid, how much is
 *       still refundable, at which version), the guarded update adding the refund's amount to
 *       the reserved amount ({@link #RESERVE}), the refund row, PENDING with its outcome unknown
 *       ({@link #INSERT_REFUND}, its idempotency key refused by the unique key on a repeat), its
 *       first history row ({@link #INSERT_REFUND_HISTORY}) and its creation event row
 *       ({@link #INSERT_EVENT}).</li>
 *   <li>The bare refund POST under the refund's id.</li>
 *   <li>The answer recorded: the guarded refund update, outcome known ({@link #ACCEPTED},
 *       auto-committed).</li>
 *   <li>The bare refund status query.</li>
 *   <li>Settle, one transaction: the refund SUCCEEDED ({@link #SUCCEED}, guarded) with its history
 *       row, the payment REFUNDED with its refunded amount and the reservation released
 *       ({@link #REFUND_PAYMENT}, guarded) with its history row ({@link FloorSql#INSERT_HISTORY}),
 *       and both event rows in one statement ({@link #INSERT_TWO_EVENTS}).</li>
 * </ol>
 *
 * <p>The versions the later guards expect are the ones the floor's own writes left: a guard
 * that matches proves nothing else wrote in between, so nothing is read again. A guard that does
 * not match ends the refund as not done (it never happens here: one refund per payment).
 */
final class RefundFloor {
    static final String READ_PAYMENT = "SELECT status, version, amount, currency,"
            + " order_reference, gateway_name, provider_reference, refunded_amount,"
            + " refund_reserved_amount FROM pay_payments WHERE id = ?";
    static final String RESERVE = "UPDATE pay_payments SET refund_reserved_amount = ?,"
            + " updated_at = ?, version = version + 1 WHERE id = ? AND version = ?";
    static final String INSERT_REFUND = "INSERT INTO pay_refunds (id, payment_id, idempotency_key,"
            + " gateway_name, amount, currency, reason, actor, status, outcome_unknown,"
            + " provider_transaction_id, last_gateway_response, failure_reason, created_at,"
            + " updated_at, version) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, 'PENDING', TRUE, NULL,"
            + " NULL, NULL, ?, ?, 0)";
    static final String INSERT_REFUND_HISTORY = "INSERT INTO pay_refund_history (refund_id, seq,"
            + " from_status, to_status, changed_at, change_trigger, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?, NULL)";
    private static final String EVENT_COLUMNS = "id, type, payment_id, refund_id, order_reference,"
            + " gateway_name, from_status, to_status, change_trigger, amount, currency, detail,"
            + " occurred_at, delivered_at";
    /** Written delivered, as {@link FloorSql#DELIVERED} says why. */
    private static final String EVENT_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, "
            + FloorSql.DELIVERED + ")";
    static final String INSERT_EVENT = "INSERT INTO pay_events (" + EVENT_COLUMNS + ") VALUES "
            + EVENT_VALUES;
    static final String INSERT_TWO_EVENTS = INSERT_EVENT + ", " + EVENT_VALUES;
    static final String ACCEPTED = "UPDATE pay_refunds SET outcome_unknown = FALSE,"
            + " provider_transaction_id = ?, last_gateway_response = ?, updated_at = ?,"
            + " version = version + 1 WHERE id = ? AND version = ?";
    static final String SUCCEED = "UPDATE pay_refunds SET status = 'SUCCEEDED',"
            + " provider_transaction_id = ?, last_gateway_response = ?, updated_at = ?,"
            + " version = version + 1 WHERE id = ? AND version = ?";
    static final String REFUND_PAYMENT = "UPDATE pay_payments SET status = ?, refunded_amount = ?,"
            + " refund_reserved_amount = ?, updated_at = ?, version = version + 1"
            + " WHERE id = ? AND version = ?";

    private static final String REFUND_CHANGED = PaymentEvent.Type.REFUND_STATUS_CHANGED.name();
    private static final String PAYMENT_CHANGED = PaymentEvent.Type.PAYMENT_STATUS_CHANGED.name();

    /** What the reserve read and wrote: enough to send the refund and to settle it. */
    record Reserved(UUID refundId, UUID paymentId, String paymentStatus, long paymentVersion,
            BigDecimal paid, String currency, String orderReference, String gateway,
            String providerReference, BigDecimal refunded, BigDecimal reserved, BigDecimal amount) {
    }

    /** Pays a refund out at the provider; here the simulator's control, as for the library. */
    @FunctionalInterface
    interface PayOut {
        void refund(String refundId);
    }

    private final DataSource dataSource;
    private final MtnFixture mtn;
    private final PayOut payOut;

    RefundFloor(DataSource dataSource, MtnFixture mtn, PayOut payOut) {
        this.dataSource = dataSource;
        this.mtn = mtn;
        this.payOut = payOut;
    }

    /**
     * Refunds the whole refundable amount of a paid payment under {@code idempotencyKey}; true
     * when the refund ended SUCCEEDED and the payment was written REFUNDED (or partly so).
     */
    boolean refund(UUID paymentId, String idempotencyKey) throws Exception {
        UUID refundId = UUID.randomUUID();
        Reserved r;
        try (Connection c = dataSource.getConnection()) {
            r = reserve(c, paymentId, refundId, idempotencyKey, now());
        }
        if (r == null || !mtn.bareRefund(refundId.toString(), r.providerReference(),
                r.orderReference())) {
            return false;
        }
        // one statement: auto-committed, no transaction of its own
        try (Connection c = dataSource.getConnection();
                PreparedStatement u = c.prepareStatement(ACCEPTED)) {
            u.setString(1, refundId.toString());
            u.setString(2, "{\"status\":202}");
            u.setObject(3, now());
            u.setObject(4, refundId);
            u.setLong(5, 0);
            if (u.executeUpdate() != 1) {
                return false;
            }
        }
        payOut.refund(refundId.toString());
        JsonNode answer = mtn.bareRefundStatusOf(refundId.toString());
        if (answer == null || !"SUCCESSFUL".equals(answer.path("status").asText())
                || r.amount().compareTo(new BigDecimal(answer.path("amount").asText())) != 0
                || !r.currency().equals(answer.path("currency").asText())) {
            return false;
        }
        try (Connection c = dataSource.getConnection()) {
            return settle(c, r, answer.path("financialTransactionId").asText(null),
                    answer.toString(), now());
        }
    }

    /**
     * Step 1 in one transaction; null when the payment is not paid, has nothing refundable or
     * changed under the guard (nothing written).
     */
    static Reserved reserve(Connection c, UUID paymentId, UUID refundId, String idempotencyKey,
            OffsetDateTime now) throws SQLException {
        c.setAutoCommit(false);
        try {
            Reserved r;
            try (PreparedStatement s = c.prepareStatement(READ_PAYMENT)) {
                s.setObject(1, paymentId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        c.rollback();
                        return null;
                    }
                    BigDecimal paid = rs.getBigDecimal("amount");
                    BigDecimal refunded = rs.getBigDecimal("refunded_amount");
                    BigDecimal reserved = rs.getBigDecimal("refund_reserved_amount");
                    r = new Reserved(refundId, paymentId, rs.getString("status"),
                            rs.getLong("version"), paid, rs.getString("currency").trim(),
                            rs.getString("order_reference"), rs.getString("gateway_name"),
                            rs.getString("provider_reference"), refunded, reserved,
                            refundable(paid, refunded, reserved));
                }
            }
            if (!isPaid(r.paymentStatus()) || r.amount().signum() <= 0) {
                c.rollback();
                return null;
            }
            try (PreparedStatement u = c.prepareStatement(RESERVE);
                    PreparedStatement i = c.prepareStatement(INSERT_REFUND);
                    PreparedStatement h = c.prepareStatement(INSERT_REFUND_HISTORY);
                    PreparedStatement e = c.prepareStatement(INSERT_EVENT)) {
                u.setBigDecimal(1, r.reserved().add(r.amount()));
                u.setObject(2, now);
                u.setObject(3, paymentId);
                u.setLong(4, r.paymentVersion());
                if (u.executeUpdate() != 1) {
                    c.rollback();
                    return null;
                }
                i.setObject(1, refundId);
                i.setObject(2, paymentId);
                i.setString(3, idempotencyKey);
                i.setString(4, r.gateway());
                i.setBigDecimal(5, r.amount());
                i.setString(6, r.currency());
                i.setObject(7, now);
                i.setObject(8, now);
                i.executeUpdate();
                refundHistory(h, refundId, 0, null, "PENDING", now, "REFUND");
                event(e, 0, REFUND_CHANGED, r, refundId, null, null, "PENDING", "REFUND",
                        r.amount(), now);
                e.executeUpdate();
            }
            c.commit();
            return r;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * Step 5 in one transaction: the refund (at version 1, as {@link #ACCEPTED} left it)
     * SUCCEEDED and its payment (at the version the reserve left) refunded; false when either
     * guard did not match (nothing written).
     */
    static boolean settle(Connection c, Reserved r, String providerId, String answer,
            OffsetDateTime now) throws SQLException {
        BigDecimal refunded = r.refunded().add(r.amount());
        String to = refunded.compareTo(r.paid()) >= 0 ? "REFUNDED" : "PARTIALLY_REFUNDED";
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement(SUCCEED);
                PreparedStatement h = c.prepareStatement(INSERT_REFUND_HISTORY);
                PreparedStatement p = c.prepareStatement(REFUND_PAYMENT);
                PreparedStatement ph = c.prepareStatement(FloorSql.INSERT_HISTORY);
                PreparedStatement e = c.prepareStatement(INSERT_TWO_EVENTS)) {
            s.setString(1, providerId != null ? providerId : r.refundId().toString());
            s.setString(2, answer);
            s.setObject(3, now);
            s.setObject(4, r.refundId());
            s.setLong(5, 1);
            if (s.executeUpdate() != 1) {
                c.rollback();
                return false;
            }
            refundHistory(h, r.refundId(), 1, "PENDING", "SUCCEEDED", now, "VERIFY");
            p.setString(1, to);
            p.setBigDecimal(2, refunded);
            p.setBigDecimal(3, r.reserved());
            p.setObject(4, now);
            p.setObject(5, r.paymentId());
            p.setLong(6, r.paymentVersion() + 1);
            if (p.executeUpdate() != 1) {
                c.rollback();
                return false;
            }
            ph.setObject(1, r.paymentId());
            ph.setString(2, r.paymentStatus());
            ph.setString(3, to);
            ph.setObject(4, now);
            ph.setString(5, "REFUND");
            ph.setObject(6, r.paymentId());
            ph.executeUpdate();
            event(e, 0, REFUND_CHANGED, r, r.refundId(), null, "PENDING", "SUCCEEDED", "VERIFY",
                    r.amount(), now);
            event(e, 12, PAYMENT_CHANGED, r, null, r.orderReference(), r.paymentStatus(), to,
                    "REFUND", r.paid(), now);
            e.executeUpdate();
            c.commit();
            return true;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** What is still refundable: paid, less what succeeded, less what pending refunds hold. */
    static BigDecimal refundable(BigDecimal paid, BigDecimal refunded, BigDecimal reserved) {
        return paid.subtract(refunded).subtract(reserved);
    }

    /** A payment that took money and may give some back. */
    static boolean isPaid(String status) {
        return "SUCCEEDED".equals(status) || "PARTIALLY_REFUNDED".equals(status);
    }

    private static void refundHistory(PreparedStatement h, UUID refundId, int seq, String from,
            String to, OffsetDateTime at, String trigger) throws SQLException {
        h.setObject(1, refundId);
        h.setInt(2, seq);
        h.setString(3, from);
        h.setString(4, to);
        h.setObject(5, at);
        h.setString(6, trigger);
        h.executeUpdate();
    }

    /** Binds one event row of {@link #EVENT_VALUES} after parameter {@code offset}. */
    private static void event(PreparedStatement e, int offset, String type, Reserved r,
            UUID refundId, String orderReference, String from, String to, String trigger,
            BigDecimal amount, OffsetDateTime at) throws SQLException {
        e.setObject(offset + 1, UUID.randomUUID());
        e.setString(offset + 2, type);
        e.setObject(offset + 3, r.paymentId());
        e.setObject(offset + 4, refundId);
        e.setString(offset + 5, orderReference);
        e.setString(offset + 6, r.gateway());
        e.setString(offset + 7, from);
        e.setString(offset + 8, to);
        e.setString(offset + 9, trigger);
        e.setBigDecimal(offset + 10, amount);
        e.setString(offset + 11, r.currency());
        e.setObject(offset + 12, at);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
