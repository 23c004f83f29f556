package org.dusangire.payment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.gateway.mtn.MtnMomoGateway;
import org.junit.jupiter.api.Test;

/**
 * The floors' own writes, on H2 and on PostgreSQL: what a floor stores must be what the library
 * stores for the same step (the library reads it back as such), and a floor's guarded write that
 * loses its race must write nothing. A floor that wrote less than the rules require would make
 * every ratio against it look worse than it is; one that wrote more, better.
 */
class FloorWritesTest {
    private static final String PG_START_HINT = "PostgreSQL must run at 127.0.0.1:5432 (trust"
            + " auth, user postgres, database test) for the floors' test; start it with:"
            + " pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
    private static final String CALLBACK = "http://localhost:8080/payments/webhooks/mtn-momo/x/"
            + "abcdefghijklmnopqrstuvwxyz012345";

    @Test
    void checkoutAndSettleOnH2() throws Exception {
        try (Database db = Database.h2()) {
            checkoutThenSettle(db, false);
        }
    }

    @Test
    void checkoutAndSettleOnPostgresql() throws Exception {
        try (Database db = postgres()) {
            checkoutThenSettle(db, true);
        }
    }

    @Test
    void settleForAListenerClaimsInOrderThenMarksOnH2() throws Exception {
        try (Database db = Database.h2()) {
            settleForAListener(db, false);
        }
    }

    @Test
    void settleForAListenerClaimsInOrderThenMarksOnPostgresql() throws Exception {
        try (Database db = postgres()) {
            settleForAListener(db, true);
        }
    }

    /** PostgreSQL in a fresh schema; the test fails, saying what to start, when it is down. */
    private static Database postgres() {
        try {
            return Database.postgres();
        } catch (java.sql.SQLException e) {
            return fail(PG_START_HINT + " (" + e.getMessage() + ")");
        }
    }

    /**
     * The webhook floor's event duty: its event is written claimed for the listener, then marked
     * delivered once; a second change of the payment while the first event is still open is
     * written open and unclaimed, so that a pass delivers it after the first (in order).
     */
    private static void settleForAListener(Database db, boolean postgres) throws Exception {
        try (MtnFixture mtn = new MtnFixture()) {
            mtn.bareLogin();
            assertThat(new StoreFloor(db.dataSource, postgres, mtn, CALLBACK).checkout(8)).isTrue();
            UUID id = idOf(db, "BILL-8");
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            OffsetDateTime until = now.plusMinutes(1);
            FloorSql.Row pending = new FloorSql.Row(id, "PENDING", 1,
                    new BigDecimal(MtnFixture.AMOUNT), "UGX", "BILL-8", MtnMomoGateway.NAME);
            FloorSql.Row succeeded = new FloorSql.Row(id, "SUCCEEDED", 2,
                    new BigDecimal(MtnFixture.AMOUNT), "UGX", "BILL-8", MtnMomoGateway.NAME);
            String events = "SELECT COUNT(*) FROM pay_events WHERE payment_id = '" + id + "'";
            try (Connection c = db.dataSource.getConnection()) {
                FloorSql.Settled first = FloorSql.settle(c, postgres, pending, "SUCCEEDED",
                        "WEBHOOK", now, until, null, null);
                assertThat(first.updated()).isTrue();
                assertThat(first.claimed()).as("the first event, claimed").isNotNull();
                assertThat(db.count(events + " AND id = '" + first.claimed() + "' AND"
                        + " claimed_until IS NOT NULL AND delivered_at IS NULL")).isEqualTo(1);

                // the first event is still open: the next one waits for a pass, unclaimed
                FloorSql.Settled second = FloorSql.settle(c, postgres, succeeded, "REFUNDED",
                        "WEBHOOK", now, until, null, null);
                assertThat(second.updated()).isTrue();
                assertThat(second.claimed()).as("a later event behind an open one").isNull();
                assertThat(db.count(events + " AND to_status = 'REFUNDED' AND claimed_until IS"
                        + " NULL AND delivered_at IS NULL")).isEqualTo(1);

                assertThat(FloorSql.markDelivered(c, first.claimed(), now)).isTrue();
                assertThat(FloorSql.markDelivered(c, first.claimed(), now))
                        .as("a second mark of the same event").isFalse();
                assertThat(db.count(events + " AND id = '" + first.claimed() + "' AND"
                        + " delivered_at IS NOT NULL AND claimed_until IS NULL")).isEqualTo(1);
                // a lost race writes nothing and claims nothing
                FloorSql.Settled lost = FloorSql.settle(c, postgres, pending, "FAILED", "WEBHOOK",
                        now, until, null, null);
                assertThat(lost.updated()).isFalse();
                assertThat(lost.claimed()).isNull();
            }
            assertThat(db.count(events)).isEqualTo(2);
            Payment refunded = db.repository.findById(new PaymentId(id)).orElseThrow();
            assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
            assertThat(refunded.history()).hasSize(3);
        }
    }

    private static UUID idOf(Database db, String orderReference) throws Exception {
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT id FROM pay_payments WHERE order_reference = ?")) {
            s.setString(1, orderReference);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("the floor's payment row").isTrue();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private static void checkoutThenSettle(Database db, boolean postgres) throws Exception {
        try (MtnFixture mtn = new MtnFixture()) {
            mtn.bareLogin();
            StoreFloor floor = new StoreFloor(db.dataSource, postgres, mtn, CALLBACK);

            assertThat(floor.checkout(7)).isTrue();

            UUID id = idOf(db, "BILL-7");
            Payment accepted = db.repository.findById(new PaymentId(id)).orElseThrow();
            assertThat(accepted.status()).isEqualTo(PaymentStatus.PENDING);
            assertThat(accepted.version()).isEqualTo(1);
            assertThat(accepted.outcomeUnknown()).isFalse();
            assertThat(accepted.lastGatewayResponse()).isEqualTo("{\"status\":202}");
            assertThat(accepted.providerReference()).isEqualTo(id.toString());
            assertThat(accepted.history()).hasSize(1);

            String key = "event-" + id;
            try (Connection c = db.dataSource.getConnection();
                    PreparedStatement i = c.prepareStatement(WebhookFloor.INSERT_INBOX)) {
                i.setString(1, MtnMomoGateway.NAME);
                i.setString(2, key);
                i.setString(3, id.toString());
                i.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                i.setString(5, "{}");
                i.executeUpdate();
            }
            FloorSql.Row row = new FloorSql.Row(id, "PENDING", 1, new BigDecimal(MtnFixture.AMOUNT),
                    "UGX", "BILL-7", MtnMomoGateway.NAME);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            try (Connection c = db.dataSource.getConnection()) {
                assertThat(FloorSql.settle(c, postgres, row, "SUCCEEDED", "WEBHOOK", now,
                        MtnMomoGateway.NAME, key)).isTrue();
                // the same version again: the guard refuses it and nothing more is written
                assertThat(FloorSql.settle(c, postgres, row, "FAILED", "WEBHOOK", now,
                        MtnMomoGateway.NAME, key)).isFalse();
            }

            Payment settled = db.repository.findById(new PaymentId(id)).orElseThrow();
            assertThat(settled.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(settled.version()).isEqualTo(2);
            assertThat(settled.history()).hasSize(2);
            assertThat(settled.history().get(1).from()).isEqualTo(PaymentStatus.PENDING);
            assertThat(settled.history().get(1).to()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(db.count("SELECT COUNT(*) FROM pay_events WHERE payment_id = '" + id
                    + "' AND to_status = 'SUCCEEDED' AND delivered_at IS NOT NULL")).isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM pay_events")).isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM pay_inbox WHERE event_key = '" + key
                    + "' AND processed_at IS NOT NULL AND outcome = 'PROCESSED'")).isEqualTo(1);
        }
    }
}
