package org.dusangire.payment.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The floor of reconciliation, in plain JDBC on the library's pool and tables: passes that claim
 * a batch of stale pending payments under a lease (PostgreSQL: one {@code UPDATE ... FOR UPDATE
 * SKIP LOCKED RETURNING}; H2: the candidates, then one batch of conditional updates in one
 * transaction), then check them {@code inFlight} at a time: one status query each and, for a
 * settled one, the guarded update with its history and event rows (one transaction on H2, one
 * statement on PostgreSQL: {@link FloorSql#settle}). Nothing else per pass (no inbox recovery,
 * no event delivery, no purge).
 */
final class ReconcileFloor implements AutoCloseable {
    private static final String STALE = "status = 'PENDING' AND updated_at < ?"
            + " AND (claimed_until IS NULL OR claimed_until <= ?)";
    private static final String ROW = "id, status, version, amount, currency, order_reference,"
            + " gateway_name";
    static final String CLAIM_PG = "UPDATE pay_payments SET claimed_until = ? WHERE id IN ("
            + "SELECT id FROM pay_payments WHERE " + STALE + " ORDER BY updated_at LIMIT ?"
            + " FOR UPDATE SKIP LOCKED) RETURNING " + ROW;
    static final String CANDIDATES = "SELECT " + ROW + " FROM pay_payments WHERE " + STALE
            + " ORDER BY status, updated_at FETCH FIRST ? ROWS ONLY";
    static final String CLAIM_ONE = "UPDATE pay_payments SET claimed_until = ? WHERE id = ? AND "
            + STALE;

    private final DataSource dataSource;
    private final boolean postgres;
    private final MtnFixture mtn;
    private final int batch;
    private final ExecutorService checkers;
    private final int inFlight;

    ReconcileFloor(DataSource dataSource, boolean postgres, MtnFixture mtn, int batch, int inFlight) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.mtn = mtn;
        this.batch = batch;
        this.inFlight = inFlight;
        this.checkers = Executors.newFixedThreadPool(inFlight);
    }

    /** Passes until one claims nothing; returns how many payments were settled. */
    int settleAll(java.time.Duration staleAfter, java.time.Duration lease) throws Exception {
        int settled = 0;
        while (true) {
            Instant now = Instant.now();
            List<FloorSql.Row> claimed = claim(now.minus(staleAfter), now, now.plus(lease));
            if (claimed.isEmpty()) {
                return settled;
            }
            AtomicInteger next = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < Math.min(inFlight, claimed.size()); t++) {
                workers.add(checkers.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < claimed.size(); ) {
                        if (check(claimed.get(i))) {
                            done.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            settled += done.get();
        }
    }

    private boolean check(FloorSql.Row row) throws Exception {
        JsonNode answer = mtn.bareStatusOf(row.id().toString());
        if (answer == null || !"SUCCESSFUL".equals(answer.path("status").asText())
                || row.amount().compareTo(new java.math.BigDecimal(answer.path("amount").asText())) != 0
                || !row.currency().equals(answer.path("currency").asText())) {
            return false;
        }
        try (Connection c = dataSource.getConnection()) {
            return FloorSql.settle(c, postgres, row, "SUCCEEDED", "RECONCILE",
                    OffsetDateTime.now(ZoneOffset.UTC), null, null);
        }
    }

    private List<FloorSql.Row> claim(Instant stale, Instant now, Instant until) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (postgres) {
                try (PreparedStatement s = c.prepareStatement(CLAIM_PG)) {
                    s.setObject(1, utc(until));
                    s.setObject(2, utc(stale));
                    s.setObject(3, utc(now));
                    s.setInt(4, batch);
                    return rows(s);
                }
            }
            List<FloorSql.Row> candidates;
            try (PreparedStatement s = c.prepareStatement(CANDIDATES)) {
                s.setObject(1, utc(stale));
                s.setObject(2, utc(now));
                s.setInt(3, batch);
                candidates = rows(s);
            }
            if (candidates.isEmpty()) {
                return candidates;
            }
            c.setAutoCommit(false);
            int[] counts;
            try (PreparedStatement u = c.prepareStatement(CLAIM_ONE)) {
                for (FloorSql.Row r : candidates) {
                    u.setObject(1, utc(until));
                    u.setObject(2, r.id());
                    u.setObject(3, utc(stale));
                    u.setObject(4, utc(now));
                    u.addBatch();
                }
                counts = u.executeBatch();
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
            List<FloorSql.Row> claimed = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 1) {
                    claimed.add(candidates.get(i));
                }
            }
            return claimed;
        }
    }

    private static List<FloorSql.Row> rows(PreparedStatement s) throws SQLException {
        List<FloorSql.Row> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(new FloorSql.Row(rs.getObject("id", UUID.class), rs.getString("status"),
                        rs.getLong("version"), rs.getBigDecimal("amount"),
                        rs.getString("currency").trim(), rs.getString("order_reference"),
                        rs.getString("gateway_name")));
            }
        }
        return rows;
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    @Override
    public void close() {
        checkers.shutdownNow();
    }
}
