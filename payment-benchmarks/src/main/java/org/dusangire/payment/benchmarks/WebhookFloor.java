package org.dusangire.payment.benchmarks;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The floor of a webhook receiver that keeps money safe, as a bare servlet in plain JDBC on the
 * library's pool and tables: authenticate by hand; insert the inbox row (auto-committed, so a
 * repeat or a concurrent twin stops at the unique key before anything else); read the payment
 * (its version, status and amount, with no connection held afterwards); ask the provider's status
 * API once; and, when the answer moves a pending payment and its amount and currency match, the
 * guarded update, its history row, its event row claimed for the listener and the inbox mark (one
 * transaction on H2, one statement on PostgreSQL: {@link FloorSql#settle}); then, as durable
 * events require when a host listens, tell the listener and mark the event delivered
 * ({@link FloorSql#markDelivered}, on the same connection, one statement a webhook). Nothing
 * else: no retry of a lost race (none happen here), no delivery pass.
 */
final class WebhookFloor extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
    static final String INSERT_INBOX = "INSERT INTO pay_inbox (gateway_name, event_key,"
            + " payment_reference, received_at, payload) VALUES (?, ?, ?, ?, ?)";
    static final String SELECT_PAYMENT = "SELECT status, version, amount, currency,"
            + " order_reference, callback_token FROM pay_payments WHERE id = ?";

    /** A claim long enough to tell the listener; a later pass would deliver the event after it. */
    private static final Duration LEASE = Duration.ofMinutes(1);

    private final transient WebhookSource source;
    private final transient Consumer<UUID> listener;
    private final transient DataSource dataSource;
    private final String gateway;
    private final boolean postgres;

    /** {@code listener} is told the id of each event the floor claimed, then it is marked. */
    WebhookFloor(WebhookSource source, DataSource dataSource, boolean postgres,
            Consumer<UUID> listener) {
        this.source = source;
        this.listener = listener;
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.gateway = source.gateway().name();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body = req.getInputStream().readAllBytes();
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), req.getHeader(name));
        }
        int status;
        try {
            status = receive(req.getRequestURI(), headers, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 500;
        } catch (Exception e) {
            status = 500;
        }
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        resp.setContentLength(OK.length);
        resp.getOutputStream().write(OK);
    }

    private int receive(String path, Map<String, String> headers, byte[] body) throws Exception {
        WebhookSource.Hint hint = source.bareAuthenticate(path, headers, body);
        if (hint == null) {
            return 401;
        }
        UUID id = UUID.fromString(hint.reference());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        FloorSql.Row row;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(SELECT_PAYMENT)) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return 200;
                    }
                    String token = rs.getString("callback_token");
                    if (hint.token() != null && (token == null || !MessageDigest.isEqual(
                            token.getBytes(StandardCharsets.UTF_8),
                            hint.token().getBytes(StandardCharsets.UTF_8)))) {
                        return 401;
                    }
                    row = new FloorSql.Row(id, rs.getString("status"), rs.getLong("version"),
                            rs.getBigDecimal("amount"), rs.getString("currency").trim(),
                            rs.getString("order_reference"), gateway);
                }
            }
            try (PreparedStatement i = c.prepareStatement(INSERT_INBOX)) {
                i.setString(1, gateway);
                i.setString(2, hint.eventKey());
                i.setString(3, hint.reference());
                i.setObject(4, now);
                i.setString(5, new String(body, StandardCharsets.UTF_8));
                i.executeUpdate();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    return 200; // a repeat: already received
                }
                throw e;
            }
        }
        if (!"PENDING".equals(row.status())) {
            return close(now, "ALREADY_FINAL", hint.eventKey());
        }
        WebhookSource.Confirmed answer = source.bareStatus(hint.reference());
        if (answer == null) {
            return 500; // kept in the inbox, unprocessed
        }
        if ("PENDING".equals(answer.status()) || answer.amount().compareTo(row.amount()) != 0
                || !answer.currency().equals(row.currency())) {
            return close(now, "NO_CHANGE", hint.eventKey());
        }
        try (Connection c = dataSource.getConnection()) {
            OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
            UUID claimed = FloorSql.settle(c, postgres, row, answer.status(), "WEBHOOK", at,
                    at.plus(LEASE), gateway, hint.eventKey()).claimed();
            if (claimed != null) {
                listener.accept(claimed);
                FloorSql.markDelivered(c, claimed, OffsetDateTime.now(ZoneOffset.UTC));
            }
        }
        return 200;
    }

    private int close(OffsetDateTime now, String outcome, String key) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement i = c.prepareStatement(FloorSql.MARK_INBOX)) {
            FloorSql.markInbox(i, now, outcome, gateway, key);
        }
        return 200;
    }
}
