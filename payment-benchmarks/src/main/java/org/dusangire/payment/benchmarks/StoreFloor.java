package org.dusangire.payment.benchmarks;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.gateway.mtn.MtnMomoGateway;

/**
 * The least any library pays that records a payment before it sends the request and records the
 * provider's answer after: the bare request-to-pay between two writes, in plain JDBC on the same
 * pool and tables, H2 or PostgreSQL, with no connection held across the network call. First the
 * payment row with its first history row (one transaction on H2; on PostgreSQL one
 * auto-committed statement, as the library writes it there), then the columns the answer
 * changes, by one auto-committed statement guarded by the version. Comparing the library with
 * this floor separates the library's own cost from the store's.
 */
final class StoreFloor {
    private static final String INSERT_PAYMENT = "INSERT INTO pay_payments (id, order_reference,"
            + " idempotency_key, amount, currency, method, payer_msisdn, payer_email, payer_name,"
            + " description, status, gateway_name, provider_reference, provider_transaction_id,"
            + " callback_token, payment_link, last_gateway_response, failure_reason, outcome_unknown,"
            + " refunded_amount, created_at, updated_at, expires_at, version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";
    private static final String INSERT_HISTORY = "INSERT INTO pay_payment_history (payment_id, seq,"
            + " from_status, to_status, changed_at, change_trigger, detail) VALUES (?, 0, NULL,"
            + " 'PENDING', ?, 'INITIATION', NULL)";
    /** PostgreSQL: the payment and its first history row in one statement. */
    private static final String INSERT_WITH_HISTORY_PG = "WITH p AS (" + INSERT_PAYMENT
            + " RETURNING id) INSERT INTO pay_payment_history (payment_id, seq, from_status,"
            + " to_status, changed_at, change_trigger, detail) SELECT id, 0, NULL, 'PENDING', ?,"
            + " 'INITIATION', NULL FROM p";
    /** What the provider's acceptance changes: the answer kept, the outcome known. */
    private static final String UPDATE_PAYMENT = "UPDATE pay_payments SET"
            + " last_gateway_response = ?, outcome_unknown = FALSE, updated_at = ?, version = 1"
            + " WHERE id = ? AND version = 0";
    private static final BigDecimal AMOUNT = new BigDecimal(MtnFixture.AMOUNT);

    private final DataSource dataSource;
    private final boolean postgres;
    private final MtnFixture mtn;
    private final String callbackUrl;

    StoreFloor(DataSource dataSource, boolean postgres, MtnFixture mtn, String callbackUrl) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.mtn = mtn;
        this.callbackUrl = callbackUrl;
    }

    /** One checkout at the floor; true when the provider accepted and the row was updated. */
    boolean checkout(long seq) throws Exception {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            if (postgres) {
                try (PreparedStatement p = c.prepareStatement(INSERT_WITH_HISTORY_PG)) {
                    p.setObject(1, id);
                    int next = bindColumns(p, 2, id, seq, now);
                    p.setObject(next, now.plusHours(1));
                    p.setObject(next + 1, now);
                    p.executeUpdate();
                }
            } else {
                insertInTransaction(c, id, seq, now);
            }
        }
        if (!mtn.bareRequestToPay(id.toString(), callbackUrl)) {
            return false;
        }
        // one statement: auto-committed, no transaction of its own
        try (Connection c = dataSource.getConnection();
                PreparedStatement u = c.prepareStatement(UPDATE_PAYMENT)) {
            u.setString(1, "{\"status\":202}");
            u.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            u.setObject(3, id);
            return u.executeUpdate() == 1;
        }
    }

    private static void insertInTransaction(Connection c, UUID id, long seq, OffsetDateTime now)
            throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement(INSERT_PAYMENT);
                PreparedStatement h = c.prepareStatement(INSERT_HISTORY)) {
            p.setObject(1, id);
            int next = bindColumns(p, 2, id, seq, now);
            p.setObject(next, now.plusHours(1));
            p.executeUpdate();
            h.setObject(1, id);
            h.setObject(2, now);
            h.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Binds order_reference .. updated_at of a new payment from {@code from}; the next index. */
    private static int bindColumns(PreparedStatement s, int from, UUID id, long seq,
            OffsetDateTime created) throws SQLException {
        int i = from;
        s.setString(i++, "BILL-" + seq);
        s.setString(i++, "floor-" + id);
        s.setBigDecimal(i++, AMOUNT);
        s.setString(i++, "UGX");
        s.setString(i++, PaymentMethod.MTN_MOBILE_MONEY.name());
        s.setString(i++, MtnFixture.PAYER);
        s.setString(i++, null);
        s.setString(i++, null);
        s.setString(i++, "Hospital bill");
        s.setString(i++, "PENDING");
        s.setString(i++, MtnMomoGateway.NAME);
        s.setString(i++, id.toString());
        s.setString(i++, null);
        s.setString(i++, "abcdefghijklmnopqrstuvwxyz012345");
        s.setString(i++, null);
        s.setString(i++, null);
        s.setString(i++, null);
        s.setBoolean(i++, true);
        s.setBigDecimal(i++, BigDecimal.ZERO);
        s.setObject(i++, created);
        s.setObject(i++, created);
        return i;
    }
}
