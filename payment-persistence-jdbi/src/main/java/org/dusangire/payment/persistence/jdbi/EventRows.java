package org.dusangire.payment.persistence.jdbi;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentEvent;
import org.dusangire.payment.core.port.StoredAnomaly;

/**
 * The outbox's SQL and rows: which events a write adds (always from the core's factories, so
 * their content and stable ids are the same in every store), their column values by name, and
 * events and anomalies rebuilt from rows.
 */
final class EventRows {
    /** The columns a write fills; the delivery state starts empty (attempts 0). */
    static final String WRITTEN = "id, type, payment_id, refund_id, order_reference, gateway_name,"
            + " from_status, to_status, change_trigger, amount, currency, detail, occurred_at";
    /** The columns an event is read back from. */
    static final String COLUMNS = "seq, position, attempts, " + WRITTEN;
    static final String ANOMALY_COLUMNS = "id, kind, payment_reference, gateway_name, detail,"
            + " seen_at, acknowledged_by, acknowledged_at";
    /** At most this many event rows per insert statement, so that few statement shapes exist. */
    static final int EVENTS_PER_STATEMENT = 50;
    /** The claim a write gives its own events, for its caller's delivery right after. */
    static final String CLAIMED_UNTIL = "CAST(:until AS TIMESTAMP WITH TIME ZONE)";

    private EventRows() {
    }

    /** The events of the payment's history entries {@code from} onwards, creation entries excepted. */
    static List<PaymentEvent> ofPayment(Payment payment, int from) {
        List<PaymentEvent> events = new ArrayList<>();
        for (int i = Math.max(from, 0); i < payment.history().size(); i++) {
            if (payment.history().get(i).from() != null) {
                events.add(PaymentEvent.ofPaymentChange(payment, i));
            }
        }
        return events;
    }

    /** The events of the refund's history entries {@code from} onwards, its creation included. */
    static List<PaymentEvent> ofRefund(Refund refund, int from) {
        List<PaymentEvent> events = new ArrayList<>();
        for (int i = Math.max(from, 0); i < refund.history().size(); i++) {
            events.add(PaymentEvent.ofRefundChange(refund, i));
        }
        return events;
    }

    /** Puts the events' values as {@code eid0, etype0, ...}, as {@link #valuesRows} names them. */
    static void put(Map<String, Object> values, List<PaymentEvent> events) {
        for (int n = 0; n < events.size(); n++) {
            PaymentEvent e = events.get(n);
            values.put("eid" + n, e.id());
            values.put("etype" + n, e.type().name());
            values.put("epayment" + n, e.paymentId() == null ? null : e.paymentId().value());
            values.put("erefund" + n, e.refundId() == null ? null : e.refundId().value());
            values.put("eorder" + n, e.orderReference());
            values.put("egateway" + n, e.gatewayName());
            values.put("efrom" + n, e.from());
            values.put("eto" + n, e.to());
            values.put("etrigger" + n, e.trigger() == null ? null : e.trigger().name());
            values.put("eamount" + n, e.amount() == null ? null : e.amount().amount());
            values.put("ecurrency" + n, e.amount() == null ? null
                    : e.amount().currency().getCurrencyCode());
            values.put("edetail" + n, e.detail());
            values.put("eat" + n, e.occurredAt());
        }
    }

    /** The anomaly's values for {@link Statements#insertAnomaly}. */
    static Map<String, Object> anomalyValues(PaymentAnomaly a) {
        Map<String, Object> v = new HashMap<>(8);
        v.put("id", a.id());
        v.put("kind", a.kind().name());
        v.put("payment_reference", a.paymentReference());
        v.put("gateway_name", a.gatewayName());
        v.put("detail", a.detail());
        v.put("seen_at", a.at());
        return v;
    }

    /** An event row of {@link #COLUMNS}, with its feed position (0 when none) and attempts. */
    static PaymentEvent event(ResultSet rs) throws SQLException {
        UUID payment = rs.getObject("payment_id", UUID.class);
        UUID refund = rs.getObject("refund_id", UUID.class);
        BigDecimal amount = rs.getBigDecimal("amount");
        String currency = rs.getString("currency");
        String trigger = rs.getString("change_trigger");
        long position = rs.getLong("position");
        PaymentEvent event = new PaymentEvent(rs.getObject("id", UUID.class), 0,
                PaymentEvent.Type.valueOf(rs.getString("type")),
                payment == null ? null : new PaymentId(payment),
                refund == null ? null : new RefundId(refund),
                rs.getString("order_reference"), rs.getString("gateway_name"),
                rs.getString("from_status"), rs.getString("to_status"),
                trigger == null ? null : Trigger.valueOf(trigger),
                amount == null ? null : Money.of(amount, Currency.getInstance(currency.trim())),
                rs.getString("detail"), UtcTimestamps.read(rs, "occurred_at"), 0);
        return event.withDelivery(position, rs.getInt("attempts"));
    }

    /** An anomaly row of {@link #ANOMALY_COLUMNS}. */
    static StoredAnomaly anomaly(ResultSet rs) throws SQLException {
        PaymentAnomaly anomaly = new PaymentAnomaly(rs.getObject("id", UUID.class),
                PaymentAnomaly.Kind.valueOf(rs.getString("kind")),
                rs.getString("payment_reference"), rs.getString("gateway_name"),
                rs.getString("detail"), UtcTimestamps.read(rs, "seen_at"));
        return new StoredAnomaly(anomaly, rs.getString("acknowledged_by"),
                UtcTimestamps.read(rs, "acknowledged_at"));
    }

    /**
     * {@code rows} typed rows of event values, {@code (CAST(:eid0 AS UUID), ...), ...}: typed so
     * that PostgreSQL knows every column of a VALUES list, and NULLs of any column bind alike.
     */
    static String valuesRows(int rows) {
        return valuesRows(rows, null);
    }

    /** {@link #valuesRows(int)}, with {@code extra} (an expression) as each row's last value. */
    static String valuesRows(int rows, String extra) {
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < rows; n++) {
            sb.append(n == 0 ? "(" : ", (")
                    .append("CAST(:eid").append(n).append(" AS UUID),")
                    .append(" CAST(:etype").append(n).append(" AS VARCHAR(32)),")
                    .append(" CAST(:epayment").append(n).append(" AS UUID),")
                    .append(" CAST(:erefund").append(n).append(" AS UUID),")
                    .append(" CAST(:eorder").append(n).append(" AS VARCHAR(255)),")
                    .append(" CAST(:egateway").append(n).append(" AS VARCHAR(64)),")
                    .append(" CAST(:efrom").append(n).append(" AS VARCHAR(32)),")
                    .append(" CAST(:eto").append(n).append(" AS VARCHAR(32)),")
                    .append(" CAST(:etrigger").append(n).append(" AS VARCHAR(32)),")
                    .append(" CAST(:eamount").append(n).append(" AS NUMERIC(19, 4)),")
                    .append(" CAST(:ecurrency").append(n).append(" AS CHAR(3)),")
                    .append(" CAST(:edetail").append(n).append(" AS TEXT),")
                    .append(" CAST(:eat").append(n).append(" AS TIMESTAMP WITH TIME ZONE)")
                    .append(extra == null ? "" : ", " + extra).append(")");
        }
        return sb.toString();
    }

    /**
     * "Open" (neither delivered nor parked) for rows already narrowed to one payment, of
     * {@code alias} (or unqualified when null). It is written as one expression so that no index
     * answers it: asked whether one payment has an open event, PostgreSQL could plan it on the
     * open-event index ({@code events_open_ix}) and filter every payment's open events, and the
     * versions that delivered marks leave in that index until vacuum, by payment, instead of
     * reading the payment's own few rows through {@code events_payment_ix}: 1.4 ms (357 buffers)
     * against 0.15 ms for one check, on a table of 12,000 delivered events never analysed.
     */
    static String openOfOnePayment(String alias) {
        String a = alias == null ? "" : alias + ".";
        return "COALESCE(" + a + "delivered_at, " + a + "parked_at) IS NULL";
    }

    /**
     * "Not delivered yet" for events already named by id, written, like
     * {@link #openOfOnePayment}, so that no index answers it: PostgreSQL planned a mark of a few
     * events by id on the open-event index and filtered every open event (and dead version) by id.
     */
    static final String NOT_YET_DELIVERED = "(delivered_at IS NULL) IS TRUE";

    /** The outbox's SQL text, with the table prefix filled in once. */
    static final class Statements {
        final String events;
        final Positional insertAnomaly;
        final Positional insertAnomalyIfAbsent;
        final Positional selectAnomaly;
        final Positional acknowledgeAnomaly;
        final Positional lockPositions;
        final Positional anyUnpositioned;
        final Positional unpositioned;
        final Positional givePosition;
        final Positional savePositions;
        final Positional selectFeed;
        final Positional selectOfPayment;
        final Positional claimSkipLocked;
        final Positional claimSkipLockedFor;
        final Positional claimCandidates;
        final Positional claimCandidatesFor;
        final Positional claimOne;
        final Positional markFailed;
        final Positional markFailedAndPark;
        final Positional countParked;
        final Positional redriveParked;
        final Positional purgeDelivered;
        private final String anomalies;
        private final String selectAnomalies;
        private final Map<String, Positional> shapes = new ConcurrentHashMap<>();

        Statements(String prefix) {
            events = prefix + "events";
            anomalies = prefix + "anomalies";
            String positions = prefix + "event_positions";
            String insertAnomalyRow = "INSERT INTO " + anomalies + " (id, kind, payment_reference,"
                    + " gateway_name, detail, seen_at) VALUES (:id, :kind, :payment_reference,"
                    + " :gateway_name, :detail, :seen_at)";
            // an anomaly is kept once: the same id again (a redelivery) writes nothing, no event
            insertAnomalyIfAbsent = Positional.of(insertAnomalyRow + " ON CONFLICT (id) DO NOTHING");
            insertAnomaly = Positional.of("INSERT INTO " + anomalies + " (id, kind,"
                    + " payment_reference, gateway_name, detail, seen_at) SELECT CAST(:id AS UUID),"
                    + " CAST(:kind AS VARCHAR(32)), CAST(:payment_reference AS VARCHAR(1000)),"
                    + " CAST(:gateway_name AS VARCHAR(64)), CAST(:detail AS TEXT),"
                    + " CAST(:seen_at AS TIMESTAMP WITH TIME ZONE) WHERE NOT EXISTS (SELECT 1 FROM "
                    + anomalies + " WHERE id = :id)");
            selectAnomalies = "SELECT " + ANOMALY_COLUMNS + " FROM " + anomalies;
            selectAnomaly = Positional.of(selectAnomalies + " WHERE id = :id");
            acknowledgeAnomaly = Positional.of("UPDATE " + anomalies + " SET acknowledged_by = :by,"
                    + " acknowledged_at = :at WHERE id = :id AND acknowledged_at IS NULL");

            // the sequencer: the one counter row, locked for the whole transaction; then the
            // committed events without a position, in write order, locked so that nothing
            // (a purge) takes one away before it is numbered
            lockPositions = Positional.of("SELECT last_position FROM " + positions
                    + " WHERE id = 1 FOR UPDATE");
            anyUnpositioned = Positional.of("SELECT seq FROM " + events
                    + " WHERE position IS NULL FETCH FIRST 1 ROWS ONLY");
            unpositioned = Positional.of("SELECT seq FROM " + events + " WHERE position IS NULL"
                    + " ORDER BY seq FETCH FIRST :limit ROWS ONLY FOR UPDATE");
            givePosition = Positional.of("UPDATE " + events + " SET position = :position"
                    + " WHERE seq = :seq AND position IS NULL");
            savePositions = Positional.of("UPDATE " + positions + " SET last_position = :last"
                    + " WHERE id = 1");

            String select = "SELECT " + COLUMNS + " FROM " + events;
            selectFeed = Positional.of(select + " WHERE position > :after ORDER BY position"
                    + " FETCH FIRST :limit ROWS ONLY");
            selectOfPayment = Positional.of(select + " WHERE payment_id = :payment ORDER BY seq");

            // due, free, and the earliest open event of its payment (events of no payment stand
            // alone); "open" is neither delivered nor parked. Over every payment the open-event
            // index finds the candidates; for one payment (:only) that payment's index does
            String dueAndFirst = " AND (e.next_attempt_at IS NULL OR e.next_attempt_at <= :now)"
                    + " AND (e.claimed_until IS NULL OR e.claimed_until <= :now)"
                    + " AND (e.payment_id IS NULL OR NOT EXISTS (SELECT 1 FROM " + events + " o"
                    + " WHERE o.payment_id = e.payment_id AND o.seq < e.seq"
                    + " AND " + openOfOnePayment("o") + "))";
            String claimable = "e.delivered_at IS NULL AND e.parked_at IS NULL" + dueAndFirst;
            String candidates = "SELECT e.seq FROM " + events + " e WHERE " + claimable;
            String candidatesFor = "SELECT e.seq FROM " + events + " e WHERE e.payment_id = :only"
                    + " AND " + openOfOnePayment("e") + dueAndFirst;
            String order = " ORDER BY e.seq FETCH FIRST :limit ROWS ONLY";
            String skipLocked = "UPDATE " + events + " SET claimed_until = :until WHERE seq IN (";
            String returning = " FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS;
            claimSkipLocked = Positional.of(skipLocked + candidates + order + returning);
            claimSkipLockedFor = Positional.of(skipLocked + candidatesFor + order + returning);
            claimCandidates = Positional.of(candidates + order);
            claimCandidatesFor = Positional.of(candidatesFor + order);
            claimOne = Positional.of("UPDATE " + events + " e SET claimed_until = :until"
                    + " WHERE e.seq = :seq AND " + claimable);

            String failed = "UPDATE " + events + " SET attempts = attempts + 1,"
                    + " next_attempt_at = :retry, claimed_until = NULL, last_error = :error,";
            markFailed = Positional.of(failed + " parked_at = NULL WHERE id = :id"
                    + " AND " + NOT_YET_DELIVERED);
            // parked_at is the database's time: the caller gives only the retry time
            markFailedAndPark = Positional.of(failed + " parked_at = COALESCE(parked_at,"
                    + " CURRENT_TIMESTAMP) WHERE id = :id AND " + NOT_YET_DELIVERED);
            String parked = "delivered_at IS NULL AND parked_at IS NOT NULL";
            countParked = Positional.of("SELECT COUNT(*) FROM " + events + " WHERE " + parked);
            redriveParked = Positional.of("UPDATE " + events + " SET parked_at = NULL,"
                    + " attempts = 0, next_attempt_at = :now, claimed_until = NULL WHERE seq IN ("
                    + "SELECT seq FROM " + events + " WHERE " + parked
                    + " ORDER BY seq FETCH FIRST :limit ROWS ONLY) AND " + parked);
            // bounded like the inbox purge; only delivered events, never an open one (an open one's
            // delivered_at is NULL, outside the range; the lower bound keeps H2 from walking them)
            String delivered = "delivered_at >= " + UtcTimestamps.LONG_AGO
                    + " AND delivered_at < :before";
            purgeDelivered = Positional.of("DELETE FROM " + events + " WHERE seq IN (SELECT seq FROM "
                    + events + " WHERE " + delivered + " FETCH FIRST :limit ROWS ONLY) AND "
                    + delivered);
        }

        /** The anomalies, newest first, all or only the open ones. */
        Positional selectAnomalies(boolean openOnly) {
            return shapes.computeIfAbsent("anomalies:" + openOnly, key -> Positional.of(
                    selectAnomalies + (openOnly ? " WHERE acknowledged_at IS NULL" : "")
                            + " ORDER BY seen_at DESC, id DESC FETCH FIRST :limit ROWS ONLY"));
        }

        /** Inserts {@code rows} events, named as {@link EventRows#put} names them, in that order. */
        Positional insertEvents(int rows) {
            return insertEvents(rows, false);
        }

        /**
         * Inserts {@code rows} events; when {@code claimed}, each already claimed until
         * {@code :until} (the caller checked in its transaction that no earlier one is open).
         */
        Positional insertEvents(int rows, boolean claimed) {
            return shapes.computeIfAbsent("insert:" + rows + ":" + claimed, key -> Positional.of(
                    "INSERT INTO " + events + " (" + WRITTEN + (claimed ? ", claimed_until" : "")
                            + ") VALUES " + valuesRows(rows, claimed ? CLAIMED_UNTIL : null)));
        }

        /**
         * One row when payment {@code :payment} has an event neither delivered nor parked. On H2
         * the payment's index is named: left to itself, H2 walked the index of every open event
         * (all of them, when many are open) instead of the payment's few rows.
         */
        Positional anyOpenOf(boolean h2) {
            return shapes.computeIfAbsent("anyOpenOf:" + h2, key -> Positional.of("SELECT 1 FROM "
                    + events + (h2 ? " USE INDEX (" + events + "_payment_ix)" : "")
                    + " WHERE payment_id = :payment AND " + openOfOnePayment(null)
                    + " FETCH FIRST 1 ROWS ONLY"));
        }

        /**
         * PostgreSQL, inside a data-modifying WITH: inserts {@code rows} events once for each row
         * {@code source} returns (one when the guarded write matched, none when it did not).
         */
        String insertEventsFrom(String source, int rows) {
            return insertEventsFrom(source, rows, false);
        }

        /**
         * {@link #insertEventsFrom(String, int)}; when {@code claimed}, each row claimed until
         * {@code :until} if no event of the payment ({@code source}'s {@code id}) was open before
         * this statement, so that the write's events are claimed all or none.
         */
        String insertEventsFrom(String source, int rows, boolean claimed) {
            String claim = claimed ? ", CASE WHEN NOT EXISTS (SELECT 1 FROM " + events + " o"
                    + " WHERE o.payment_id = " + source + ".id AND " + openOfOnePayment("o")
                    + ") THEN " + CLAIMED_UNTIL + " END" : "";
            return "INSERT INTO " + events + " (" + WRITTEN + (claimed ? ", claimed_until" : "")
                    + ") SELECT v." + WRITTEN.replace(", ", ", v.") + claim + " FROM " + source
                    + ", (VALUES " + valuesRows(rows) + ") AS v(" + WRITTEN + ")";
        }

        /**
         * Claims events named {@code :id0, :id1, ...} of payment {@code :payment} when each is
         * open, due and free, and no open event of the payment outside them was written before
         * it: the update count tells the caller whether it got all of them.
         */
        Positional claimWritten(int count) {
            return shapes.computeIfAbsent("claimWritten:" + count, key -> {
                String ids = Positional.names("id", count);
                return Positional.of("UPDATE " + events + " e SET claimed_until = :until"
                        + " WHERE e.id IN (" + ids + ") AND e.payment_id = :payment"
                        + " AND " + openOfOnePayment("e")
                        + " AND (e.next_attempt_at IS NULL OR e.next_attempt_at <= :now)"
                        + " AND (e.claimed_until IS NULL OR e.claimed_until <= :now)"
                        + " AND NOT EXISTS (SELECT 1 FROM " + events + " o"
                        + " WHERE o.payment_id = :payment AND o.seq < e.seq"
                        + " AND " + openOfOnePayment("o")
                        + " AND o.id NOT IN (" + ids + "))");
            });
        }

        /**
         * Marks the events named {@code :id0, :id1, ...} delivered at {@code :at}, each unless it
         * already is; {@code count} is 1 for a single mark.
         */
        Positional markDelivered(int count) {
            return shapes.computeIfAbsent("markDelivered:" + count, key -> Positional.of("UPDATE "
                    + events + " SET delivered_at = :at, claimed_until = NULL, parked_at = NULL"
                    + " WHERE id IN (" + Positional.names("id", count) + ")"
                    + " AND " + NOT_YET_DELIVERED));
        }

        /** The events with these seqs (named {@code :seq0, :seq1, ...}), in write order. */
        Positional selectBySeqs(int count) {
            return Positional.of("SELECT " + COLUMNS + " FROM " + events + " WHERE seq IN ("
                    + Positional.names("seq", count) + ") ORDER BY seq");
        }
    }
}
