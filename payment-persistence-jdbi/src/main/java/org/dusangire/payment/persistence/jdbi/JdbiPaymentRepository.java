package org.dusangire.payment.persistence.jdbi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.dusangire.payment.core.error.ConcurrentPaymentModificationException;
import org.dusangire.payment.core.error.DuplicatePaymentException;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.core.error.PaymentStoreUnavailableException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundChange;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.StatusChange;
import org.dusangire.payment.core.port.ClaimedUpdate;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentEvent;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.port.PendingBacklog;
import org.dusangire.payment.core.port.RefundWrite;
import org.dusangire.payment.core.port.StoredAnomaly;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * {@link PaymentRepository} on Jdbi 3, for PostgreSQL and H2. Uniqueness and optimistic locking
 * are enforced by the database (unique constraints, {@code UPDATE ... WHERE version = ?}), every
 * write runs in one transaction (a refund and the reservation on its payment together), and
 * reconciliation claims of payments and of refunds are safe across instances
 * ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL, a conditional update per row elsewhere).
 *
 * <p>It keeps the transactional outbox: every write stores, in the same transaction (on
 * PostgreSQL often the same statement), an event row for each history entry it adds and the
 * anomaly raised with it, and a refused write stores none. Event claims are safe across instances
 * as the reconciliation claims are, and feed positions are given by one sequencer at a time (a
 * locked counter row), only to committed events.
 *
 * <p>The tables must exist: call {@link PaymentSchema#migrate(DataSource, String)} with the same
 * prefix, or run the scripts with the host's own Flyway. Any database failure surfaces as
 * {@link PaymentStoreUnavailableException}; nothing is ever half written.
 */
public final class JdbiPaymentRepository implements PaymentRepository {
    private static final String PROCESSED = "PROCESSED";
    private static final int MAX_CLAIM_ROUNDS = 10;
    private static final int IN_LIST_CHUNK = 500;
    /** Delivered marks per statement: a power of two, so that padded lists keep few shapes. */
    private static final int MARKS_PER_STATEMENT = 64;
    /**
     * One parser for every handle: it caches parsed statements, so a new one per handle would
     * re-run its ANTLR lexer on every statement of every call.
     */
    private static final ColonPrefixSqlParser PARSER = new ColonPrefixSqlParser();

    private final Jdbi jdbi;
    /**
     * The pool behind a Jdbi this repository made for itself ({@link #create(DataSource)}), else
     * null. Statements that need nothing of Jdbi's run on its connections directly: a handle
     * per call (its configuration copied, its statement cleanup registered) cost the webhook
     * path about one sample in twenty, four handles a webhook.
     */
    private final DataSource dataSource;
    private final Statements sql;
    private final RefundRows.Statements refundSql;
    private final EventRows.Statements eventSql;
    private final KnownHistories knownHistories = new KnownHistories();
    private volatile Dialect dialect;
    /** {@link #inTransaction} leaves the connection's isolation level as it is. */
    private static final int KEEP_LEVEL = -1;
    /** Whether the store hands out connections at READ COMMITTED; null until first asked. */
    private volatile Boolean readCommittedByDefault;

    /** False when the Jdbi is our own and configured once, true for a host's Jdbi. */
    private final boolean configureEachHandle;

    private JdbiPaymentRepository(Jdbi jdbi, DataSource dataSource, String tablePrefix,
            boolean ownJdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi must not be null");
        this.dataSource = dataSource;
        this.sql = new Statements(PaymentSchema.checkPrefix(tablePrefix));
        this.refundSql = new RefundRows.Statements(sql.prefix);
        this.eventSql = new EventRows.Statements(sql.prefix);
        this.configureEachHandle = !ownJdbi;
        if (ownJdbi) {
            // our own Jdbi: set the parser and template engine once instead of on every handle
            // (each per-handle change copies the handle's statement configuration)
            configureStatements(jdbi.getConfig(SqlStatements.class));
        }
    }

    /** A repository on {@code dataSource} with tables prefixed {@code pay_}. */
    public static JdbiPaymentRepository create(DataSource dataSource) {
        return create(dataSource, PaymentSchema.DEFAULT_TABLE_PREFIX);
    }

    /**
     * A repository on {@code dataSource} with tables named {@code <tablePrefix>payments} and so on.
     *
     * @throws IllegalArgumentException when the prefix is not a plain lower-case identifier
     */
    public static JdbiPaymentRepository create(DataSource dataSource, String tablePrefix) {
        Objects.requireNonNull(dataSource, "dataSource must not be null");
        return new JdbiPaymentRepository(Jdbi.create(dataSource), dataSource, tablePrefix, true);
    }

    /** A repository on the host's own {@link Jdbi} with tables prefixed {@code pay_}. */
    public static JdbiPaymentRepository create(Jdbi jdbi) {
        return create(jdbi, PaymentSchema.DEFAULT_TABLE_PREFIX);
    }

    /**
     * A repository on the host's own {@link Jdbi}. The host's SQL parser and template settings
     * are left alone: this repository configures each of its handles for its own statements.
     *
     * @throws IllegalArgumentException when the prefix is not a plain lower-case identifier
     */
    public static JdbiPaymentRepository create(Jdbi jdbi, String tablePrefix) {
        return new JdbiPaymentRepository(jdbi, null, tablePrefix, false);
    }

    /**
     * {@inheritDoc}
     *
     * @throws DuplicatePaymentException        when the id, idempotency key or gateway plus
     *                                          provider reference is already taken
     * @throws PaymentStoreUnavailableException when the store cannot be reached or refuses
     */
    @Override
    public Payment insert(Payment payment) {
        Payment stored = payment.toBuilder().version(0).build();
        // a payment is created with its creation entry only, which is no event; one stored with
        // later entries already (an import) takes the transaction path with their events
        List<PaymentEvent> events = EventRows.ofPayment(stored, 0);
        try {
            Payment inserted = oneStatementWrites() && !stored.history().isEmpty()
                    && events.isEmpty()
                    ? jdbc("insert", c -> insertInOneStatement(c, stored))
                    : jdbcTransaction("insert", c -> {
                        insertInTransaction(c, stored);
                        insertEvents(c, events);
                        return stored;
                    });
            knownHistories.remember(inserted);
            return inserted;
        } catch (PaymentStoreUnavailableException e) {
            if (StoreErrors.isUniqueViolation(e)) {
                throw new DuplicatePaymentException("payment " + stored.id()
                        + " duplicates a stored payment's id, idempotency key or provider reference",
                        stored.id().toString());
            }
            throw e;
        }
    }

    /** @throws PaymentStoreUnavailableException when the store cannot be reached */
    @Override
    public Optional<Payment> findById(PaymentId id) {
        if (knownHistories.holdsHistory(id.value())) {
            return findKnown(id);
        }
        return findOne("findById", sql.jdbcSelectById, Map.of("v", id.value()));
    }

    /** @throws PaymentStoreUnavailableException when the store cannot be reached */
    @Override
    public Optional<Payment> findByIdempotencyKey(String idempotencyKey) {
        return findOne("findByIdempotencyKey", sql.jdbcSelectByIdempotencyKey,
                Map.of("v", idempotencyKey));
    }

    /** @throws PaymentStoreUnavailableException when the store cannot be reached */
    @Override
    public Optional<Payment> findByProviderReference(String gatewayName, String providerReference) {
        return findOne("findByProviderReference", sql.jdbcSelectByProviderReference,
                Map.of("g", gatewayName, "r", providerReference));
    }

    /**
     * {@inheritDoc}
     *
     * <p>On PostgreSQL, when the stored history size is known, one statement (see
     * {@link #updateInOneStatement}); on any database, a change of the row alone (no new history
     * entry, inbox event or anomaly, the stored history size known) is the guarded update alone,
     * auto-committed; otherwise one transaction: the guarded update, its history, the inbox mark,
     * the anomaly and the events.
     *
     * @throws ConcurrentPaymentModificationException when the stored version is no longer
     *                                                {@code payment.version()}
     * @throws DuplicatePaymentException              when the change takes another payment's
     *                                                provider reference
     * @throws PaymentStoreUnavailableException       when the store cannot be reached or refuses
     */
    @Override
    public Payment update(Payment payment, InboxKey processedEvent, PaymentAnomaly anomaly) {
        return write(payment, processedEvent, anomaly, null, null).payment();
    }

    /**
     * {@inheritDoc} The claim is made in the write itself: on PostgreSQL's one statement, the
     * event rows are inserted claimed unless an event of the payment was open before it; in a
     * transaction, the same is checked first (one indexed read) and the rows are inserted
     * claimed. No separate claim statement, no extra connection.
     *
     * @throws ConcurrentPaymentModificationException when the stored version is no longer
     *                                                {@code payment.version()}
     * @throws PaymentStoreUnavailableException       when the store cannot be reached or refuses
     */
    @Override
    public ClaimedUpdate updateAndClaim(Payment payment, InboxKey processedEvent,
            PaymentAnomaly anomaly, List<UUID> eventIds, Instant now, Duration lease) {
        Objects.requireNonNull(now, "now must not be null");
        Objects.requireNonNull(lease, "lease must not be null");
        return write(payment, processedEvent, anomaly, List.copyOf(eventIds), now.plus(lease));
    }

    /**
     * The update, claiming its events until {@code until} when they are exactly {@code claimIds}
     * ({@code null}: no claim).
     */
    private ClaimedUpdate write(Payment payment, InboxKey processedEvent, PaymentAnomaly anomaly,
            List<UUID> claimIds, Instant until) {
        Objects.requireNonNull(payment, "payment must not be null");
        int knownHistory = knownHistories.sizeAt(payment.id().value(), payment.version());
        try {
            // an anomaly comes with few changes (a contradicting or wrong report): those take the
            // transaction path, which keeps the anomaly once and its event after the change's
            // (and so does a write of more new entries than one statement takes, which no payment
            // makes)
            boolean oneStatement = oneStatementWrites() && knownHistory >= 0 && anomaly == null
                    && payment.history().size() - knownHistory <= EventRows.EVENTS_PER_STATEMENT;
            // a change with no new history entry, inbox event or anomaly (an initiation's answer,
            // a learned reference) writes the payment's row and nothing else: one statement on
            // any database, with no transaction around it
            boolean rowOnly = knownHistory >= 0 && payment.history().size() == knownHistory
                    && processedEvent == null && anomaly == null;
            ClaimedUpdate updated = oneStatement
                    ? jdbc("update", c -> updateInOneStatement(c, payment,
                            knownHistory, processedEvent, claimIds, until))
                    : rowOnly
                    ? jdbc("update", c -> new ClaimedUpdate(updateRow(c, payment), false))
                    : jdbcTransaction("update", c -> {
                        List<PaymentEvent> events = new ArrayList<>();
                        Payment stored = updateInTransaction(c, payment, knownHistory,
                                processedEvent, events);
                        if (anomaly != null && insertAnomaly(c, anomaly)) {
                            events.add(PaymentEvent.ofAnomaly(anomaly));
                        }
                        // the guarded update holds the payment's row: no other change of it can
                        // write an event before this transaction ends
                        boolean claim = claimIds != null && !events.isEmpty()
                                && eventIds(events).equals(claimIds)
                                && !hasOpenEvent(c, payment.id().value());
                        insertEvents(c, events, claim ? until : null);
                        return new ClaimedUpdate(stored, claim);
                    });
            knownHistories.remember(updated.payment());
            return updated;
        } catch (PaymentStoreUnavailableException e) {
            if (StoreErrors.isUniqueViolation(e)) {
                throw new DuplicatePaymentException("payment " + payment.id()
                        + " would take another payment's provider reference",
                        payment.id().toString());
            }
            throw e;
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws PaymentStoreUnavailableException when the store cannot be reached or refuses
     */
    @Override
    public List<Payment> claimStalePending(Instant staleBefore, Instant now, Duration lease,
            int limit) {
        return claim("claimStalePending", sql.claimSkipLocked, sql.claimCandidates, sql.claimOne,
                staleBefore, now, lease, limit, this::loadByIds);
    }

    /**
     * {@inheritDoc}
     *
     * @throws PaymentStoreUnavailableException when the store cannot be reached or refuses
     */
    @Override
    public boolean recordInbound(InboxEntry entry) {
        Positional statement = dialect() == Dialect.POSTGRESQL ? sql.jdbcInsertInboxIfAbsent
                : sql.jdbcInsertInbox;
        Map<String, Object> values = new HashMap<>();
        values.put("g", entry.key().gatewayName());
        values.put("k", entry.key().eventKey());
        values.put("ref", entry.paymentReference());
        values.put("received", entry.receivedAt());
        values.put("payload", entry.payload());
        values.put("processed", entry.processedAt());
        values.put("outcome", entry.outcome());
        try {
            return jdbc("recordInbound", c -> {
                try (PreparedStatement ps = statement.prepare(c)) {
                    statement.bind(ps, values);
                    return ps.executeUpdate();
                }
            }) == 1;
        } catch (PaymentStoreUnavailableException e) {
            if (StoreErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** @throws PaymentStoreUnavailableException when the store cannot be reached or refuses */
    @Override
    public void markInboundProcessed(InboxKey key, Instant at, String outcome) {
        jdbc("markInboundProcessed", c -> markProcessed(c, key, at, outcome));
    }

    /** @throws PaymentStoreUnavailableException when the store cannot be reached */
    @Override
    public List<InboxEntry> findUnprocessedInbound(Instant receivedBefore, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Objects.requireNonNull(receivedBefore, "receivedBefore must not be null");
        // plain JDBC, as the pass's other statements: through a Jdbi handle this query, which
        // finds nothing on most passes, was 22 of reconciliation's 1,202 samples on H2 (JFR, 1 ms)
        Positional query = sql.selectUnprocessedInbox;
        return jdbc("findUnprocessedInbound", c -> {
            try (PreparedStatement ps = query.prepare(c)) {
                query.bind(ps, Map.of("before", receivedBefore, "limit", limit));
                List<InboxEntry> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(PaymentRows.inbox(rs));
                    }
                }
                return found;
            }
        });
    }

    /** @throws PaymentStoreUnavailableException when the store cannot be reached */
    @Override
    public Optional<InboxEntry> findInbound(InboxKey key) {
        return call("findInbound", h -> h.createQuery(sql.selectInbox)
                .bind("g", key.gatewayName()).bind("k", key.eventKey())
                .map((rs, ctx) -> PaymentRows.inbox(rs)).findOne());
    }

    /**
     * {@inheritDoc}
     *
     * <p>One statement, bounded by the index on {@code (processed_at, received_at)}: only
     * entries processed before the cut-off are read, never the open ones.
     *
     * @throws PaymentStoreUnavailableException when the store cannot be reached or refuses
     */
    @Override
    public int purgeProcessedInbound(Instant processedBefore, int limit) {
        Objects.requireNonNull(processedBefore, "processedBefore must not be null");
        if (limit <= 0) {
            return 0;
        }
        return jdbc("purgeProcessedInbound", c -> execute(c, sql.purgeProcessedInbox,
                Map.of("before", processedBefore, "limit", limit)));
    }

    /** @throws PaymentStoreUnavailableException when the store cannot be reached */
    @Override
    public List<Payment> findRecent(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return read("findRecent", h -> withHistory(h, h.createQuery(sql.selectRecent)
                .bind("limit", limit).map((rs, ctx) -> PaymentRows.payment(rs)).list()));
    }

    /** @throws PaymentStoreUnavailableException when the store cannot be reached */
    @Override
    public Optional<PendingBacklog> pendingBacklog() {
        return Optional.of(jdbc("pendingBacklog", c -> {
            try (PreparedStatement ps = sql.countBacklog.prepare(c);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime oldest = rs.getObject(3, OffsetDateTime.class);
                return new PendingBacklog(rs.getLong(1), rs.getLong(2),
                        oldest == null ? null : oldest.toInstant());
            }
        }));
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction: the payment's guarded update with its new history, then the refund row
     * and its history; a lost version race stops before the refund is written.
     *
     * @throws ConcurrentPaymentModificationException when the stored payment's version is no
     *                                                longer {@code reserving.version()}
     * @throws DuplicatePaymentException              when the refund id or its idempotency key
     *                                                is taken
     * @throws IllegalArgumentException               when the refund is not of {@code reserving}
     * @throws PaymentStoreUnavailableException       when the store cannot be reached or refuses
     */
    @Override
    public RefundWrite insertRefund(Refund refund, Payment reserving) {
        Objects.requireNonNull(refund, "refund must not be null");
        Objects.requireNonNull(reserving, "reserving must not be null");
        requireSamePayment(refund, reserving);
        Refund stored = refund.toBuilder().version(0).build();
        int knownHistory = knownHistories.sizeAt(reserving.id().value(), reserving.version());
        try {
            RefundWrite written = jdbcTransaction("insertRefund", c -> {
                List<PaymentEvent> paymentEvents = new ArrayList<>();
                Payment payment = updateInTransaction(c, reserving, knownHistory, null,
                        paymentEvents);
                RefundRows.Statements q = refundSql;
                try (PreparedStatement ps = q.insert.prepare(c)) {
                    q.insert.bind(ps, RefundRows.values(stored));
                    ps.executeUpdate();
                }
                insertRefundHistory(c, stored, 0);
                // the refund's creation first, then what it did to its payment
                List<PaymentEvent> events = EventRows.ofRefund(stored, 0);
                events.addAll(paymentEvents);
                insertEvents(c, events);
                return new RefundWrite(stored, payment);
            });
            knownHistories.remember(written.payment());
            return written;
        } catch (PaymentStoreUnavailableException e) {
            if (StoreErrors.isUniqueViolation(e)) {
                throw new DuplicatePaymentException("refund " + stored.id() + " of payment "
                        + stored.paymentId() + " duplicates a stored refund's id or idempotency"
                        + " key (or the payment another payment's provider reference)",
                        stored.paymentId().toString());
            }
            throw e;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction: the refund's guarded update with its new history, then, when given,
     * the payment's guarded update with its new history; either guard failing writes neither.
     *
     * @throws ConcurrentPaymentModificationException when the stored refund's or payment's
     *                                                version is no longer the one given
     * @throws DuplicatePaymentException              when the payment's change takes another
     *                                                payment's provider reference
     * @throws IllegalArgumentException               when the payment is not the refund's
     * @throws PaymentStoreUnavailableException       when the store cannot be reached or refuses
     */
    @Override
    public RefundWrite updateRefund(Refund refund, Payment payment) {
        Objects.requireNonNull(refund, "refund must not be null");
        if (payment != null) {
            requireSamePayment(refund, payment);
        }
        int knownHistory = payment == null ? -1
                : knownHistories.sizeAt(payment.id().value(), payment.version());
        try {
            RefundWrite written = jdbcTransaction("updateRefund", c -> {
                RefundRows.Statements q = refundSql;
                Map<String, Object> values = RefundRows.values(refund);
                values.put("version", refund.version());
                int rows;
                try (PreparedStatement ps = q.update.prepare(c)) {
                    q.update.bind(ps, values);
                    rows = ps.executeUpdate();
                }
                if (rows != 1) {
                    throw new ConcurrentPaymentModificationException(refund.paymentId().toString(),
                            refund.version());
                }
                // the guard holds the refund's row, and its history is only ever written with a
                // version change, so what is stored now is what the caller read
                int storedRefundHistory = countRefundHistory(c, refund.id());
                insertRefundHistory(c, refund, storedRefundHistory);
                List<PaymentEvent> events = EventRows.ofRefund(refund, storedRefundHistory);
                Payment stored = payment == null ? null
                        : updateInTransaction(c, payment, knownHistory, null, events);
                insertEvents(c, events);
                return new RefundWrite(refund.toBuilder().version(refund.version() + 1).build(),
                        stored);
            });
            if (written.payment() != null) {
                knownHistories.remember(written.payment());
            }
            return written;
        } catch (PaymentStoreUnavailableException e) {
            if (StoreErrors.isUniqueViolation(e)) {
                throw new DuplicatePaymentException("payment " + refund.paymentId()
                        + " would take another payment's provider reference",
                        refund.paymentId().toString());
            }
            throw e;
        }
    }

    /** @throws PaymentStoreUnavailableException when the store cannot be reached */
    @Override
    public Optional<Refund> findRefund(RefundId id) {
        return findRefunds("findRefund", refundSql.selectById, id.value()).stream().findFirst();
    }

    /** @throws PaymentStoreUnavailableException when the store cannot be reached */
    @Override
    public Optional<Refund> findRefundByIdempotencyKey(String idempotencyKey) {
        return findRefunds("findRefundByIdempotencyKey", refundSql.selectByIdempotencyKey,
                idempotencyKey).stream().findFirst();
    }

    /**
     * {@inheritDoc} Refunds created at the same instant come in the order of their ids.
     *
     * @throws PaymentStoreUnavailableException when the store cannot be reached
     */
    @Override
    public List<Refund> findRefunds(PaymentId paymentId) {
        return findRefunds("findRefunds", refundSql.selectOfPayment, paymentId.value());
    }

    /**
     * {@inheritDoc} Oldest change first, each with its history; claiming does not change a
     * refund's version.
     *
     * @throws PaymentStoreUnavailableException when the store cannot be reached or refuses
     */
    @Override
    public List<Refund> claimStalePendingRefunds(Instant staleBefore, Instant now, Duration lease,
            int limit) {
        return claim("claimStalePendingRefunds", refundSql.claimSkipLocked,
                refundSql.claimCandidates, refundSql.claimOne, staleBefore, now, lease, limit,
                this::loadRefundsByIds);
    }

    // ------------------------------------------------------------------ anomalies

    /**
     * {@inheritDoc} An anomaly whose id is stored already is kept as it is, with no second event.
     *
     * @throws PaymentStoreUnavailableException when the store cannot be reached or refuses
     */
    @Override
    public void recordAnomaly(PaymentAnomaly anomaly) {
        Objects.requireNonNull(anomaly, "anomaly must not be null");
        jdbcTransaction("recordAnomaly", c -> {
            if (insertAnomaly(c, anomaly)) {
                insertEvents(c, List.of(PaymentEvent.ofAnomaly(anomaly)));
            }
            return null;
        });
    }

    /** @throws PaymentStoreUnavailableException when the store cannot be reached */
    @Override
    public Optional<StoredAnomaly> findAnomaly(UUID id) {
        Objects.requireNonNull(id, "id must not be null");
        return jdbc("findAnomaly", c -> queryAnomalies(c, eventSql.selectAnomaly,
                Map.of("id", id))).stream().findFirst();
    }

    /**
     * {@inheritDoc} Newest first by the time they were seen, then by id.
     *
     * @throws PaymentStoreUnavailableException when the store cannot be reached
     */
    @Override
    public List<StoredAnomaly> findAnomalies(boolean openOnly, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc("findAnomalies", c -> queryAnomalies(c,
                eventSql.selectAnomalies(openOnly), Map.of("limit", limit)));
    }

    /** @throws PaymentStoreUnavailableException when the store cannot be reached or refuses */
    @Override
    public boolean acknowledgeAnomaly(UUID id, String by, Instant at) {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(at, "at must not be null");
        Map<String, Object> values = new HashMap<>();
        values.put("id", id);
        values.put("by", by);
        values.put("at", at);
        return jdbc("acknowledgeAnomaly", c -> execute(c,
                eventSql.acknowledgeAnomaly, values)) == 1;
    }

    // ------------------------------------------------------------------ events (the outbox)

    /**
     * {@inheritDoc}
     *
     * <p>One transaction that first locks the one row of {@code <prefix>event_positions} (the
     * highest position given so far): a second sequencer, on this instance or another, waits
     * there until the first has committed, and then sees its positions. Only committed events
     * are seen, so a position is never given to an event that could still be rolled back, and a
     * position given later is always higher. Nothing is locked when no event lacks a position.
     *
     * @throws PaymentStoreUnavailableException when the store cannot be reached or refuses
     */
    @Override
    public int sequenceEvents(int limit) {
        if (limit <= 0) {
            return 0;
        }
        boolean any = jdbc("sequenceEvents", c -> !querySeqs(c,
                eventSql.anyUnpositioned, Map.of()).isEmpty());
        if (!any) {
            return 0;
        }
        return jdbcTransaction("sequenceEvents", c -> {
            long last;
            try (PreparedStatement ps = eventSql.lockPositions.prepare(c);
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the row of " + sql.prefix + "event_positions is"
                            + " missing: run the V3 migration");
                }
                last = rs.getLong(1);
            }
            // a statement after the lock: at READ COMMITTED it sees every position committed
            // by the sequencer that held the lock before
            List<Long> seqs = querySeqs(c, eventSql.unpositioned, Map.of("limit", limit));
            if (seqs.isEmpty()) {
                return 0;
            }
            Positional give = eventSql.givePosition;
            try (PreparedStatement ps = give.prepare(c)) {
                long position = last;
                for (Long seq : seqs) {
                    give.bind(ps, Map.of("seq", seq, "position", ++position));
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int count : counts) {
                    if (count != 1) {
                        // the rows are locked: this cannot happen; roll back rather than leave a gap
                        throw new SQLException("an event locked for sequencing changed under the"
                                + " lock; nothing sequenced");
                    }
                }
            }
            execute(c, eventSql.savePositions, Map.of("last", last + seqs.size()));
            return seqs.size();
        });
    }

    /** @throws PaymentStoreUnavailableException when the store cannot be reached */
    @Override
    public List<PaymentEvent> findEvents(long afterPosition, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc("findEvents", c -> queryEvents(c, eventSql.selectFeed,
                Map.of("after", afterPosition, "limit", limit)));
    }

    /** @throws PaymentStoreUnavailableException when the store cannot be reached */
    @Override
    public List<PaymentEvent> findEventsOf(PaymentId paymentId) {
        Objects.requireNonNull(paymentId, "paymentId must not be null");
        return jdbc("findEventsOf", c -> queryEvents(c, eventSql.selectOfPayment,
                Map.of("payment", paymentId.value())));
    }

    /**
     * {@inheritDoc}
     *
     * <p>On PostgreSQL one {@code UPDATE ... WHERE seq IN (SELECT ... FOR UPDATE SKIP LOCKED)
     * RETURNING}; elsewhere the candidates, then a conditional update of each that re-checks
     * every condition under the row's lock, in write order, then the claimed rows.
     *
     * @throws PaymentStoreUnavailableException when the store cannot be reached or refuses
     */
    @Override
    public List<PaymentEvent> claimEvents(Instant now, Duration lease, int limit,
            PaymentId onlyFor) {
        Objects.requireNonNull(now, "now must not be null");
        Objects.requireNonNull(lease, "lease must not be null");
        if (limit <= 0) {
            return List.of();
        }
        Map<String, Object> values = new HashMap<>();
        values.put("now", now);
        values.put("until", now.plus(lease));
        values.put("limit", limit);
        if (onlyFor != null) {
            values.put("only", onlyFor.value());
        }
        if (dialect() == Dialect.POSTGRESQL) {
            Positional claim = onlyFor == null ? eventSql.claimSkipLocked
                    : eventSql.claimSkipLockedFor;
            // RETURNING comes in no particular order: sorted here into write order
            return jdbcTransaction("claimEvents", c -> queryEvents(c, claim, values,
                    true));
        }
        Positional candidatesQuery = onlyFor == null ? eventSql.claimCandidates
                : eventSql.claimCandidatesFor;
        List<Long> claimed = new ArrayList<>();
        for (int round = 0; round < MAX_CLAIM_ROUNDS && claimed.size() < limit; round++) {
            values.put("limit", limit - claimed.size());
            List<Long> candidates = jdbc("claimEvents", c -> querySeqs(c,
                    candidatesQuery, values));
            if (candidates.isEmpty()) {
                break;
            }
            // one transaction, one batch, in write order (the order the sequencer locks in, so
            // the two never wait on each other in a circle); each update re-checks the claim's
            // conditions under the row's lock, so only one claimer's count is ever 1
            int[] counts = jdbcTransaction("claimEvents", c -> {
                Positional one = eventSql.claimOne;
                try (PreparedStatement ps = one.prepare(c)) {
                    for (Long seq : candidates) {
                        Map<String, Object> row = new HashMap<>(values);
                        row.put("seq", seq);
                        one.bind(ps, row);
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                }
            });
            for (int i = 0; i < candidates.size(); i++) {
                if (counts[i] == 1) {
                    claimed.add(candidates.get(i));
                }
            }
        }
        if (claimed.isEmpty()) {
            return List.of();
        }
        claimed.sort(Comparator.naturalOrder());
        return jdbc("claimEvents", c -> {
            List<PaymentEvent> events = new ArrayList<>();
            for (int from = 0; from < claimed.size(); from += IN_LIST_CHUNK) {
                List<Long> chunk = claimed.subList(from,
                        Math.min(claimed.size(), from + IN_LIST_CHUNK));
                Map<String, Object> seqs = new HashMap<>();
                for (int i = 0; i < chunk.size(); i++) {
                    seqs.put("seq" + i, chunk.get(i));
                }
                events.addAll(queryEvents(c, eventSql.selectBySeqs(chunk.size()),
                        seqs));
            }
            return events;
        });
    }

    /**
     * {@inheritDoc} One auto-committed statement for one event (the usual case: a change writes
     * one); several are claimed in one transaction, rolled back unless every one was claimed.
     * More than 500 at once are not claimed here.
     *
     * @throws PaymentStoreUnavailableException when the store cannot be reached or refuses
     */
    @Override
    public boolean claimWrittenEvents(PaymentId paymentId, List<UUID> eventIds, Instant now,
            Duration lease) {
        Objects.requireNonNull(paymentId, "paymentId must not be null");
        Objects.requireNonNull(now, "now must not be null");
        Objects.requireNonNull(lease, "lease must not be null");
        int count = eventIds.size();
        if (count == 0 || count > IN_LIST_CHUNK) {
            return false;
        }
        Map<String, Object> values = new HashMap<>();
        values.put("payment", paymentId.value());
        values.put("now", now);
        values.put("until", now.plus(lease));
        for (int i = 0; i < count; i++) {
            values.put("id" + i, Objects.requireNonNull(eventIds.get(i), "event id"));
        }
        Positional claim = eventSql.claimWritten(count);
        if (count == 1) {
            return jdbc("claimWrittenEvents", c -> execute(c, claim, values)) == 1;
        }
        return jdbcTransaction("claimWrittenEvents", c -> {
            if (execute(c, claim, values) == count) {
                return true;
            }
            c.rollback();
            return false;
        });
    }

    /**
     * {@inheritDoc} One auto-committed statement, the one {@link #markEventsDelivered} makes for
     * a single event.
     *
     * @throws PaymentStoreUnavailableException when the store cannot be reached or refuses
     */
    @Override
    public void markEventDelivered(UUID eventId, Instant at) {
        markEventsDelivered(List.of(Objects.requireNonNull(eventId, "eventId must not be null")), at);
    }

    /**
     * {@inheritDoc} One auto-committed statement per 64 events. The list is padded to a power of
     * two with its last id, so that few statement shapes exist.
     *
     * @throws PaymentStoreUnavailableException when the store cannot be reached or refuses
     */
    @Override
    public void markEventsDelivered(List<UUID> eventIds, Instant at) {
        Objects.requireNonNull(at, "at must not be null");
        List<UUID> ids = List.copyOf(eventIds);
        if (ids.isEmpty()) {
            return;
        }
        jdbc("markEventsDelivered", c -> {
            for (int from = 0; from < ids.size(); from += MARKS_PER_STATEMENT) {
                List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + MARKS_PER_STATEMENT));
                int shape = Integer.highestOneBit(2 * chunk.size() - 1); // the next power of two
                Map<String, Object> values = new HashMap<>();
                values.put("at", at);
                for (int i = 0; i < shape; i++) {
                    values.put("id" + i, chunk.get(Math.min(i, chunk.size() - 1)));
                }
                execute(c, eventSql.markDelivered(shape), values);
            }
            return null;
        });
    }

    /**
     * {@inheritDoc} A parked event's {@code parked_at} is the database's time.
     *
     * @throws PaymentStoreUnavailableException when the store cannot be reached or refuses
     */
    @Override
    public void markEventFailed(UUID eventId, Instant retryAt, boolean park, String error) {
        Objects.requireNonNull(eventId, "eventId must not be null");
        Objects.requireNonNull(retryAt, "retryAt must not be null");
        Map<String, Object> values = new HashMap<>();
        values.put("id", eventId);
        values.put("retry", retryAt);
        values.put("error", error);
        jdbc("markEventFailed", c -> execute(c,
                park ? eventSql.markFailedAndPark : eventSql.markFailed, values));
    }

    /** @throws PaymentStoreUnavailableException when the store cannot be reached */
    @Override
    public long countParkedEvents() {
        return jdbc("countParkedEvents", c -> {
            try (PreparedStatement ps = eventSql.countParked.prepare(c);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** @throws PaymentStoreUnavailableException when the store cannot be reached or refuses */
    @Override
    public int redriveParkedEvents(Instant now, int limit) {
        Objects.requireNonNull(now, "now must not be null");
        if (limit <= 0) {
            return 0;
        }
        return jdbc("redriveParkedEvents", c -> execute(c,
                eventSql.redriveParked, Map.of("now", now, "limit", limit)));
    }

    /**
     * {@inheritDoc} One statement, bounded by {@code limit} as the inbox purge; an event that was
     * not delivered is never deleted.
     *
     * @throws PaymentStoreUnavailableException when the store cannot be reached or refuses
     */
    @Override
    public int purgeDeliveredEvents(Instant deliveredBefore, int limit) {
        Objects.requireNonNull(deliveredBefore, "deliveredBefore must not be null");
        if (limit <= 0) {
            return 0;
        }
        return jdbc("purgeDeliveredEvents", c -> execute(c,
                eventSql.purgeDelivered, Map.of("before", deliveredBefore, "limit", limit)));
    }

    @Override
    public String toString() {
        return "JdbiPaymentRepository[" + sql.prefix + "]";
    }

    /**
     * One payment and its history from one statement (a join), so no transaction and no
     * isolation switch is needed for a consistent read: a single statement sees one snapshot.
     */
    private Optional<Payment> findOne(String operation, Positional query, Map<String, ?> values) {
        Payment payment = jdbc(operation, c -> {
            List<Payment> found = paymentsWithHistory(c, query, values);
            return found.isEmpty() ? null : found.get(0);
        });
        if (payment == null) {
            return Optional.empty();
        }
        knownHistories.remember(payment);
        return Optional.of(payment);
    }

    /**
     * A payment whose history this repository saw at some version: its row alone, and when the
     * row is at that version, the history known for it (see {@link KnownHistories}); otherwise
     * the join, on the same connection. Each statement sees one snapshot, and the history stored
     * at a version never changes, so either way the history is the row's own.
     */
    private Optional<Payment> findKnown(PaymentId id) {
        Map<String, Object> values = Map.of("v", id.value());
        Payment payment = jdbc("findById", c -> {
            try (PreparedStatement ps = sql.jdbcSelectRowById.prepare(c)) {
                sql.jdbcSelectRowById.bind(ps, values);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    List<StatusChange> history = knownHistories.historyAt(id.value(),
                            rs.getLong(PaymentRows.Col.VERSION));
                    if (history != null) {
                        return PaymentRows.payment(rs).history(history).build();
                    }
                }
            }
            List<Payment> found = paymentsWithHistory(c, sql.jdbcSelectById, values);
            return found.isEmpty() ? null : found.get(0);
        });
        if (payment == null) {
            return Optional.empty();
        }
        knownHistories.remember(payment);
        return Optional.of(payment);
    }

    private int markProcessed(Connection c, InboxKey key, Instant at, String outcome)
            throws SQLException {
        Map<String, Object> values = new HashMap<>();
        values.put("g", key.gatewayName());
        values.put("k", key.eventKey());
        values.put("at", at);
        values.put("outcome", outcome);
        try (PreparedStatement ps = sql.jdbcMarkInboxProcessed.prepare(c)) {
            sql.jdbcMarkInboxProcessed.bind(ps, values);
            return ps.executeUpdate();
        }
    }

    /** Keeps the anomaly unless its id is stored already; true when it was written now. */
    private boolean insertAnomaly(Connection c, PaymentAnomaly anomaly) throws SQLException {
        Positional insert = dialect() == Dialect.POSTGRESQL ? eventSql.insertAnomalyIfAbsent
                : eventSql.insertAnomaly;
        return execute(c, insert, EventRows.anomalyValues(anomaly)) == 1;
    }

    /** Writes the events in the order given, which is their write order (seq); one statement each 50. */
    private void insertEvents(Connection c, List<PaymentEvent> events) throws SQLException {
        insertEvents(c, events, null);
    }

    /** {@link #insertEvents(Connection, List)}, claimed until {@code until} unless it is null. */
    private void insertEvents(Connection c, List<PaymentEvent> events, Instant until)
            throws SQLException {
        for (int from = 0; from < events.size(); from += EventRows.EVENTS_PER_STATEMENT) {
            List<PaymentEvent> chunk = events.subList(from,
                    Math.min(events.size(), from + EventRows.EVENTS_PER_STATEMENT));
            Map<String, Object> values = new HashMap<>();
            EventRows.put(values, chunk);
            if (until != null) {
                values.put("until", until);
            }
            int rows = execute(c, eventSql.insertEvents(chunk.size(), until != null), values);
            if (rows != chunk.size()) {
                throw new SQLException("stored " + rows + " of " + chunk.size() + " events");
            }
        }
    }

    private static int execute(Connection c, Positional statement, Map<String, ?> values)
            throws SQLException {
        try (PreparedStatement ps = statement.prepare(c)) {
            statement.bind(ps, values);
            return ps.executeUpdate();
        }
    }

    /** The events a query returns, in the order it returns them. */
    private static List<PaymentEvent> queryEvents(Connection c, Positional query,
            Map<String, ?> values) throws SQLException {
        return queryEvents(c, query, values, false);
    }

    /** The events a query returns; in write order (seq) when {@code inWriteOrder}. */
    private static List<PaymentEvent> queryEvents(Connection c, Positional query,
            Map<String, ?> values, boolean inWriteOrder) throws SQLException {
        try (PreparedStatement ps = query.prepare(c)) {
            query.bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                List<Map.Entry<Long, PaymentEvent>> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(Map.entry(rs.getLong("seq"), EventRows.event(rs)));
                }
                if (inWriteOrder) {
                    rows.sort(Map.Entry.comparingByKey());
                }
                List<PaymentEvent> events = new ArrayList<>(rows.size());
                rows.forEach(r -> events.add(r.getValue()));
                return events;
            }
        }
    }

    private static List<Long> querySeqs(Connection c, Positional query, Map<String, ?> values)
            throws SQLException {
        try (PreparedStatement ps = query.prepare(c)) {
            query.bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                List<Long> seqs = new ArrayList<>();
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                }
                return seqs;
            }
        }
    }

    private static List<StoredAnomaly> queryAnomalies(Connection c, Positional query,
            Map<String, ?> values) throws SQLException {
        try (PreparedStatement ps = query.prepare(c)) {
            query.bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                List<StoredAnomaly> anomalies = new ArrayList<>();
                while (rs.next()) {
                    anomalies.add(EventRows.anomaly(rs));
                }
                return anomalies;
            }
        }
    }

    private Payment insertInTransaction(Connection c, Payment stored) throws SQLException {
        try (PreparedStatement ps = sql.jdbcInsertPayment.prepare(c)) {
            sql.jdbcInsertPayment.bind(ps, PaymentRows.values(stored));
            ps.executeUpdate();
        }
        insertHistory(c, stored, 0);
        return stored;
    }

    /**
     * The guarded update with its new history and the inbox mark; adds the events of the new
     * history entries to {@code events} for the caller to write in the same transaction.
     */
    private Payment updateInTransaction(Connection c, Payment payment, int knownHistory,
            InboxKey processedEvent, List<PaymentEvent> events) throws SQLException {
        Payment updated = updateRow(c, payment);
        // the guard above proves the stored row is still at this version, and history is only
        // ever written with a version change, so the history stored at this version says which
        // entries are new; count only when it is not known here
        int storedChanges = knownHistory >= 0 ? knownHistory : countHistory(c, payment.id().value());
        insertHistory(c, payment, storedChanges);
        if (processedEvent != null) {
            markProcessed(c, processedEvent, payment.updatedAt(), PROCESSED);
        }
        events.addAll(EventRows.ofPayment(payment, storedChanges));
        return updated;
    }

    /** The guarded update of the payment's row alone. */
    private Payment updateRow(Connection c, Payment payment) throws SQLException {
        int rows;
        try (PreparedStatement ps = sql.jdbcUpdatePayment.prepare(c)) {
            sql.jdbcUpdatePayment.bind(ps, guardedValues(payment));
            rows = ps.executeUpdate();
        }
        return guarded(payment, rows);
    }

    /** The payment's columns and the version the guarded update expects to find. */
    private static Map<String, Object> guardedValues(Payment payment) {
        Map<String, Object> values = PaymentRows.changeableValues(payment);
        values.put("version", payment.version());
        return values;
    }

    /** The stored payment when the guarded update matched its row, else the lost race. */
    private static Payment guarded(Payment payment, int rows) {
        if (rows != 1) {
            throw new ConcurrentPaymentModificationException(payment.id().toString(),
                    payment.version());
        }
        return payment.toBuilder().version(payment.version() + 1).build();
    }

    /**
     * PostgreSQL: the payment row and its history in one statement (a data-modifying WITH), so
     * one round trip and no separate commit; atomic as every single statement is.
     */
    private Payment insertInOneStatement(Connection c, Payment stored) throws SQLException {
        Map<String, Object> values = PaymentRows.values(stored);
        int entries = putHistory(values, stored, 0);
        Positional insert = sql.pgInsertWithHistory(entries);
        try (PreparedStatement ps = insert.prepare(c)) {
            insert.bind(ps, values);
            int rows = ps.executeUpdate();
            if (rows != entries) {
                throw new SQLException("stored " + rows + " of " + entries + " history entries");
            }
        }
        return stored;
    }

    /**
     * PostgreSQL: the guarded update, its new history entries, their events and the inbox mark in
     * one statement (data-modifying WITH clauses that only act when the guarded update matched),
     * so one round trip and no separate commit instead of five or six. Used when the stored
     * history size at this version is known; otherwise the transaction path counts it first.
     */
    private ClaimedUpdate updateInOneStatement(Connection c, Payment payment, int storedHistory,
            InboxKey processedEvent, List<UUID> claimIds, Instant until) throws SQLException {
        Map<String, Object> values = guardedValues(payment);
        int entries = putHistory(values, payment, storedHistory);
        List<PaymentEvent> events = EventRows.ofPayment(payment, storedHistory);
        EventRows.put(values, events);
        boolean claim = claimIds != null && !events.isEmpty() && eventIds(events).equals(claimIds);
        if (claim) {
            values.put("until", until);
        }
        if (processedEvent != null) {
            values.put("g", processedEvent.gatewayName());
            values.put("k", processedEvent.eventKey());
            values.put("at", payment.updatedAt());
            values.put("outcome", PROCESSED);
        }
        Positional update = sql.pgUpdateWithHistory(entries, processedEvent != null,
                events.size(), eventSql, claim);
        int rows;
        int claimed = 0;
        try (PreparedStatement ps = update.prepare(c)) {
            update.bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                rows = rs.getInt(1);
                if (claim) {
                    claimed = rs.getInt(2);
                }
            }
        }
        return new ClaimedUpdate(guarded(payment, rows), claim && claimed == events.size());
    }

    private static List<UUID> eventIds(List<PaymentEvent> events) {
        return events.stream().map(PaymentEvent::id).toList();
    }

    /** Whether the payment has an event neither delivered nor parked. */
    private boolean hasOpenEvent(Connection c, UUID paymentId) throws SQLException {
        Positional query = eventSql.anyOpenOf(dialect() == Dialect.H2);
        try (PreparedStatement ps = query.prepare(c)) {
            query.bind(ps, Map.of("payment", paymentId));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Whether writes go as one auto-committed statement: on PostgreSQL when its connections run
     * at READ COMMITTED, where a guarded update that lost a race matches no row (a clean
     * {@link ConcurrentPaymentModificationException}) instead of failing to serialize.
     */
    private boolean oneStatementWrites() {
        return dialect() == Dialect.POSTGRESQL && readCommittedByDefault();
    }

    /** Puts history entries {@code from} onwards as seqN, fromN, ...; returns how many. */
    private static int putHistory(Map<String, Object> values, Payment payment, int from) {
        List<StatusChange> history = payment.history();
        int n = 0;
        for (int seq = from; seq < history.size(); seq++, n++) {
            putChange(values, String.valueOf(n), seq, history.get(seq));
        }
        return n;
    }

    /** One history entry's values, each name followed by {@code suffix}. */
    private static void putChange(Map<String, Object> values, String suffix, int seq,
            StatusChange change) {
        values.put("seq" + suffix, seq);
        values.put("from" + suffix, change.from() == null ? null : change.from().name());
        values.put("to" + suffix, change.to().name());
        values.put("at" + suffix, change.at());
        values.put("trigger" + suffix, change.trigger().name());
        values.put("detail" + suffix, change.detail());
    }

    private int countHistory(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = sql.jdbcCountHistory.prepare(c)) {
            sql.jdbcCountHistory.bind(ps, Map.of("id", id));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Writes history entries {@code from} onwards; one statement, a batch only for several. */
    private void insertHistory(Connection c, Payment payment, int from) throws SQLException {
        List<StatusChange> history = payment.history();
        if (from >= history.size()) {
            return;
        }
        Positional insert = sql.jdbcInsertHistory;
        boolean batched = history.size() - from > 1;
        try (PreparedStatement ps = insert.prepare(c)) {
            for (int seq = from; seq < history.size(); seq++) {
                Map<String, Object> values = new HashMap<>();
                values.put("id", payment.id().value());
                putChange(values, "", seq, history.get(seq));
                insert.bind(ps, values);
                if (batched) {
                    ps.addBatch();
                } else {
                    ps.executeUpdate();
                }
            }
            if (batched) {
                ps.executeBatch();
            }
        }
    }

    private static void requireSamePayment(Refund refund, Payment payment) {
        if (!refund.paymentId().equals(payment.id())) {
            throw new IllegalArgumentException("refund " + refund.id() + " is of payment "
                    + refund.paymentId() + ", not of " + payment.id());
        }
    }

    /** The refunds one query finds, with their histories; one statement, so one snapshot. */
    private List<Refund> findRefunds(String operation, Positional query, Object value) {
        return jdbc(operation, c -> {
            try (PreparedStatement ps = query.prepare(c)) {
                query.bind(ps, Map.of("v", value));
                try (ResultSet rs = ps.executeQuery()) {
                    return RefundRows.refunds(rs);
                }
            }
        });
    }

    private List<Refund> loadRefundsByIds(Connection c, List<UUID> ids) throws SQLException {
        List<Refund> refunds = new ArrayList<>();
        for (List<UUID> chunk : chunks(ids)) {
            Positional query = refundSql.selectByIds(placeholders(chunk));
            try (PreparedStatement ps = query.prepare(c)) {
                query.bind(ps, params(chunk));
                try (ResultSet rs = ps.executeQuery()) {
                    refunds.addAll(RefundRows.refunds(rs));
                }
            }
        }
        refunds.sort(Comparator.comparing(Refund::updatedAt).thenComparing(r -> r.id().value()));
        return refunds;
    }

    private int countRefundHistory(Connection c, RefundId id) throws SQLException {
        Positional count = refundSql.countHistory;
        try (PreparedStatement ps = count.prepare(c)) {
            count.bind(ps, Map.of("id", id.value()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Writes the refund's history entries {@code from} onwards as one batch. */
    private void insertRefundHistory(Connection c, Refund refund, int from) throws SQLException {
        List<RefundChange> history = refund.history();
        if (from >= history.size()) {
            return;
        }
        Positional insert = refundSql.insertHistory;
        try (PreparedStatement ps = insert.prepare(c)) {
            for (int seq = from; seq < history.size(); seq++) {
                insert.bind(ps, RefundRows.historyValues(refund.id(), seq, history.get(seq)));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Claims up to {@code limit} stale pending rows of one table and loads them: on PostgreSQL
     * one {@code FOR UPDATE SKIP LOCKED} statement, elsewhere a conditional update per candidate.
     * The statements share the parameters {@code :stale}, {@code :now}, {@code :until} and
     * {@code :limit} (the candidates) or {@code :id} (one row).
     */
    private <T> List<T> claim(String operation, String skipLocked, String candidatesQuery,
            String claimOne, Instant staleBefore, Instant now, Duration lease, int limit,
            Loader<T> load) {
        if (limit <= 0) {
            return List.of();
        }
        Instant until = now.plus(lease);
        if (dialect() == Dialect.POSTGRESQL) {
            return jdbcTransaction(operation, c -> load.apply(c, queryIds(c,
                    Positional.of(skipLocked), Map.of("stale", staleBefore, "now", now,
                            "until", until, "limit", limit))));
        }
        List<UUID> claimed = new ArrayList<>();
        for (int round = 0; round < MAX_CLAIM_ROUNDS && claimed.size() < limit; round++) {
            int wanted = limit - claimed.size();
            List<UUID> candidates = jdbc(operation, c -> queryIds(c,
                    Positional.of(candidatesQuery), Map.of("stale", staleBefore, "now", now,
                            "limit", wanted)));
            if (candidates.isEmpty()) {
                break;
            }
            // one transaction with one batch of conditional updates instead of one transaction
            // per candidate: the row lock makes a concurrent claimer re-check the condition, so
            // only one update count per row is ever 1; ids in one global order so that two
            // claimers lock overlapping rows in the same order and never deadlock
            List<UUID> ordered = new ArrayList<>(candidates);
            ordered.sort(Comparator.naturalOrder());
            Positional one = Positional.of(claimOne);
            int[] counts = jdbcTransaction(operation, c -> {
                try (PreparedStatement ps = one.prepare(c)) {
                    for (UUID id : ordered) {
                        one.bind(ps, Map.of("id", id, "stale", staleBefore, "now", now,
                                "until", until));
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                }
            });
            for (int i = 0; i < ordered.size(); i++) {
                // a driver answering SUCCESS_NO_INFO leaves its row held but unused here until
                // the lease runs out; H2 and PostgreSQL report real counts
                if (counts[i] == 1) {
                    claimed.add(ordered.get(i));
                }
            }
        }
        if (claimed.isEmpty()) {
            return List.of();
        }
        // each loader reads a row with its history in one statement, and one statement sees one
        // snapshot, so a row and its history agree: no transaction, no isolation switch
        return jdbc(operation, c -> load.apply(c, claimed));
    }

    /**
     * The claimed payments with their histories, oldest update first: one statement (payments
     * joined to their history) per {@value #IN_LIST_CHUNK} ids, in plain JDBC. It used two
     * statements through Jdbi's binding per chunk; on PostgreSQL that load took about 46 ms of
     * every 100-payment claim, most of a reconcile pass's serial time.
     */
    private List<Payment> loadByIds(Connection c, List<UUID> ids) throws SQLException {
        List<Payment> payments = new ArrayList<>(ids.size());
        for (List<UUID> chunk : chunks(ids)) {
            payments.addAll(paymentsWithHistory(c,
                    sql.selectWithHistoryByIds(chunk.size()), params(chunk)));
        }
        payments.forEach(knownHistories::remember);
        payments.sort(Comparator.comparing(Payment::updatedAt).thenComparing(p -> p.id().value()));
        return payments;
    }

    /**
     * The payments a query of {@code selectWithHistory} returns, each with its history: the rows
     * of one payment come together (ordered by id, then by seq), a payment without history as one
     * row whose history columns are null.
     */
    private static List<Payment> paymentsWithHistory(Connection c, Positional query,
            Map<String, ?> values) throws SQLException {
        List<Payment> payments = new ArrayList<>();
        try (PreparedStatement ps = query.prepare(c)) {
            query.bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                Payment.Builder row = null;
                UUID rowId = null;
                List<StatusChange> history = new ArrayList<>();
                while (rs.next()) {
                    UUID id = rs.getObject(PaymentRows.Col.ID, UUID.class);
                    if (!id.equals(rowId)) {
                        if (row != null) {
                            payments.add(row.history(history).build());
                        }
                        row = PaymentRows.payment(rs);
                        rowId = id;
                        history = new ArrayList<>();
                    }
                    // the join's history columns: seq, then the entry (see selectWithHistory)
                    rs.getInt(PaymentRows.Col.AFTER);
                    if (!rs.wasNull()) {
                        history.add(PaymentRows.change(rs, PaymentRows.Col.AFTER + 1));
                    }
                }
                if (row != null) {
                    payments.add(row.history(history).build());
                }
            }
        }
        return payments;
    }

    /** Attaches every payment's history with one query per chunk instead of one per payment. */
    private List<Payment> withHistory(Handle h, List<Payment.Builder> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = new ArrayList<>();
        for (Payment.Builder row : rows) {
            ids.add(row.build().id().value());
        }
        Map<UUID, List<StatusChange>> histories = new HashMap<>();
        for (List<UUID> chunk : chunks(ids)) {
            h.createQuery(sql.selectHistory + " WHERE payment_id IN (" + placeholders(chunk)
                            + ") ORDER BY payment_id, seq")
                    .bindMap(params(chunk))
                    .map((rs, ctx) -> Map.entry(rs.getObject(1, UUID.class),
                            PaymentRows.change(rs, 3))) // payment_id, seq, then the entry
                    .forEach(e -> histories.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                            .add(e.getValue()));
        }
        List<Payment> payments = new ArrayList<>(rows.size());
        for (Payment.Builder row : rows) {
            Payment bare = row.build();
            Payment payment = row.history(histories.getOrDefault(bare.id().value(), List.of())).build();
            knownHistories.remember(payment);
            payments.add(payment);
        }
        return payments;
    }

    private static List<List<UUID>> chunks(List<UUID> ids) {
        List<List<UUID>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += IN_LIST_CHUNK) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + IN_LIST_CHUNK)));
        }
        return chunks;
    }

    private static String placeholders(List<UUID> chunk) {
        return Positional.names("id", chunk.size());
    }

    private static Map<String, Object> params(List<UUID> chunk) {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            params.put("id" + i, chunk.get(i));
        }
        return params;
    }

    private Dialect dialect() {
        Dialect d = dialect;
        if (d == null) {
            d = jdbc("detectDatabase", c -> {
                Dialect found = Dialect.fromProductName(c.getMetaData().getDatabaseProductName());
                if (found == Dialect.H2) {
                    H2Settings.checkStatementCache(c);
                }
                return found;
            });
            dialect = d;
        }
        return d;
    }

    /**
     * Runs in one read-committed transaction; a {@link PaymentException} passes through. When the
     * connections already run at READ COMMITTED (the default of PostgreSQL and H2) the level is
     * left alone: switching it asks and sets it on every transaction and sets it back after,
     * round trips to PostgreSQL for each write.
     */
    private <T> T jdbcTransaction(String operation, JdbcWork<T> work) {
        return inTransaction(operation, committedLevel(), work);
    }

    /** As {@link #jdbcTransaction}, for work that needs a Jdbi handle (its query API). */
    private <T> T transaction(String operation, SqlWork<T> work) {
        return inTransaction(operation, committedLevel(), (JdbcWork<T>) null, work);
    }

    private int committedLevel() {
        return readCommittedByDefault() ? KEEP_LEVEL : Connection.TRANSACTION_READ_COMMITTED;
    }

    /**
     * Asked once, of one connection: a pool hands out connections configured alike. Should one
     * differ, the write still cannot lose a change: every write here is guarded by the row's
     * version, a unique key or a row lock; a stricter level can only refuse it (the caller sees
     * the store as unavailable and retries).
     */
    private boolean readCommittedByDefault() {
        Boolean known = readCommittedByDefault;
        if (known == null) {
            known = jdbc("detectIsolation", c -> c.getTransactionIsolation()
                    == Connection.TRANSACTION_READ_COMMITTED);
            readCommittedByDefault = known;
        }
        return known;
    }

    /** Reads a payment row and its history from one snapshot. */
    private <T> T read(String operation, SqlWork<T> work) {
        return inTransaction(operation, Connection.TRANSACTION_REPEATABLE_READ, null, work);
    }

    private <T> T inTransaction(String operation, int level, JdbcWork<T> work) {
        return inTransaction(operation, level, work, null);
    }

    /**
     * One transaction on one connection, begun and ended here in plain JDBC whatever the pool's
     * auto-commit setting: Jdbi's own transactions join what they take for an open transaction
     * on a connection with auto-commit off, so nothing was ever committed on such a pool and the
     * pool rolled every write back. The level, unless {@link #KEEP_LEVEL}, is set before the
     * transaction begins and given back after it. The work is {@code onConnection}, or
     * {@code onHandle} when that is null.
     */
    private <T> T inTransaction(String operation, int level, JdbcWork<T> onConnection,
            SqlWork<T> onHandle) {
        // the pool's level is known once asked (asking each time is a round trip too); asked
        // here, before this call holds a connection of its own
        boolean poolReadCommitted = level != KEEP_LEVEL && readCommittedByDefault();
        try {
            if (onConnection != null) {
                return withConnection(c -> inTransaction(c, level, poolReadCommitted, onConnection));
            }
            return jdbi.withHandle(h -> inTransaction(h.getConnection(), level, poolReadCommitted,
                    c -> onHandle.apply(configure(h))));
        } catch (JdbiException | SQLException e) {
            throw StoreErrors.unavailable(operation, e);
        }
    }

    private static <T> T inTransaction(Connection c, int level, boolean poolReadCommitted,
            JdbcWork<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        int previous = level == KEEP_LEVEL ? KEEP_LEVEL
                : poolReadCommitted ? Connection.TRANSACTION_READ_COMMITTED
                : c.getTransactionIsolation();
        boolean switchLevel = level != KEEP_LEVEL && previous != level;
        if (switchLevel) {
            c.setTransactionIsolation(level);
        }
        if (autoCommit) {
            c.setAutoCommit(false);
        }
        try {
            T result = work.apply(c);
            c.commit();
            return result;
        } catch (Throwable t) {
            try {
                c.rollback();
            } catch (SQLException r) {
                t.addSuppressed(r);
            }
            throw t;
        } finally {
            if (autoCommit) {
                c.setAutoCommit(true);
            }
            if (switchLevel) {
                c.setTransactionIsolation(previous);
            }
        }
    }

    /**
     * Runs one statement on its own. On a connection that is not in auto-commit mode (a pool
     * configured so) it is committed here: a pool rolls back what is left uncommitted when the
     * connection comes back, and a write would be lost without a word.
     */
    private <T> T jdbc(String operation, JdbcWork<T> work) {
        try {
            return withConnection(c -> committed(c, work.apply(c)));
        } catch (JdbiException | SQLException e) {
            throw StoreErrors.unavailable(operation, e);
        }
    }

    /** As {@link #jdbc}, for work that needs a Jdbi handle (its query API). */
    private <T> T call(String operation, SqlWork<T> work) {
        try {
            return jdbi.withHandle(h -> committed(h.getConnection(), work.apply(configure(h))));
        } catch (JdbiException | SQLException e) {
            throw StoreErrors.unavailable(operation, e);
        }
    }

    private static <T> T committed(Connection c, T result) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
        return result;
    }

    /**
     * Runs {@code work} on one connection: taken from the pool directly when this repository
     * made its own Jdbi, else through a handle of the host's Jdbi (whose plugins and decorators
     * the host may count on).
     */
    private <T> T withConnection(JdbcWork<T> work) throws SQLException {
        if (dataSource != null) {
            try (Connection c = dataSource.getConnection()) {
                return work.apply(c);
            }
        }
        return jdbi.withHandle(h -> work.apply(h.getConnection()));
    }

    /** Our statements use named parameters only, whatever the host configured on its Jdbi. */
    private Handle configure(Handle h) {
        if (configureEachHandle) {
            configureStatements(h.getConfig(SqlStatements.class));
        }
        return h;
    }

    private static void configureStatements(SqlStatements statements) {
        statements.setTemplateEngine(TemplateEngine.NOP).setSqlParser(PARSER);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T apply(Handle h) throws SQLException;
    }

    @FunctionalInterface
    private interface JdbcWork<T> {
        T apply(Connection c) throws SQLException;
    }

    /** The ids a query returns, in its order. */
    private static List<UUID> queryIds(Connection c, Positional query, Map<String, ?> values)
            throws SQLException {
        try (PreparedStatement ps = query.prepare(c)) {
            query.bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                List<UUID> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
                return ids;
            }
        }
    }

    /** Loads the claimed rows with these ids. */
    @FunctionalInterface
    private interface Loader<T> {
        List<T> apply(Connection c, List<UUID> ids) throws SQLException;
    }

    /** The SQL text, with the table prefix filled in once. */
    static final class Statements {
        final String prefix;
        final String selectPayments;
        final String selectWithHistory;
        final String insertPayment;
        final String updatePayment;
        final String countHistory;
        final String insertHistory;
        final String selectHistory;
        final String selectRecent;
        final Positional countBacklog;
        final String claimSkipLocked;
        final String claimCandidates;
        final String claimOne;
        final String insertInbox;
        final String insertInboxIfAbsent;
        final String markInboxProcessed;
        final String selectInbox;
        final Positional selectUnprocessedInbox;
        final Positional purgeProcessedInbox;
        final Positional jdbcInsertPayment;
        final Positional jdbcUpdatePayment;
        final Positional jdbcCountHistory;
        final Positional jdbcInsertHistory;
        final Positional jdbcInsertInbox;
        final Positional jdbcInsertInboxIfAbsent;
        final Positional jdbcMarkInboxProcessed;
        final Positional jdbcSelectById;
        /** The payment row alone, for a payment whose history may be known already. */
        final Positional jdbcSelectRowById;
        final Positional jdbcSelectByIdempotencyKey;
        private final Map<Integer, Positional> withHistoryByIds = new ConcurrentHashMap<>();
        final Positional jdbcSelectByProviderReference;
        private final String payments;
        private final String history;
        private final String inbox;
        private final Map<String, Positional> pgStatements = new ConcurrentHashMap<>();

        Statements(String p) {
            prefix = p;
            payments = p + "payments";
            history = p + "payment_history";
            inbox = p + "inbox";
            String stale = "status = '" + PaymentStatus.PENDING.name() + "' AND updated_at < :stale"
                    + " AND (claimed_until IS NULL OR claimed_until <= :now)";
            selectPayments = "SELECT " + PaymentRows.COLUMNS + " FROM " + payments;
            selectWithHistory = "SELECT p." + PaymentRows.COLUMNS.replace(", ", ", p.")
                    + ", h.seq, h.from_status, h.to_status, h.changed_at, h.change_trigger,"
                    + " h.detail FROM " + payments + " p LEFT JOIN " + history
                    + " h ON h.payment_id = p.id";
            StringBuilder values = new StringBuilder();
            for (String column : PaymentRows.COLUMNS.split(",\\s*")) {
                values.append(values.length() == 0 ? "" : ", ")
                        .append("version".equals(column) ? "0" : ":" + column);
            }
            insertPayment = "INSERT INTO " + payments + " (" + PaymentRows.COLUMNS + ") VALUES ("
                    + values + ")";
            // only what can change after creation (PaymentRepository#update): the rest of the row
            // was fixed by the insert, and rewriting it cost every update 11 more values
            StringBuilder set = new StringBuilder();
            for (String column : PaymentRows.CHANGEABLE.split(",\\s*")) {
                set.append(column).append(" = :").append(column).append(", ");
            }
            updatePayment = "UPDATE " + payments + " SET " + set + "version = version + 1"
                    + " WHERE id = :id AND version = :version";
            countHistory = "SELECT COALESCE(MAX(seq) + 1, 0) FROM " + history
                    + " WHERE payment_id = :id";
            insertHistory = "INSERT INTO " + history + " (payment_id, seq, from_status, to_status,"
                    + " changed_at, change_trigger, detail)"
                    + " VALUES (:id, :seq, :from, :to, :at, :trigger, :detail)";
            selectHistory = "SELECT payment_id, seq, from_status, to_status, changed_at,"
                    + " change_trigger, detail FROM " + history;
            selectRecent = selectPayments + " ORDER BY created_at DESC, id DESC"
                    + " FETCH FIRST :limit ROWS ONLY";
            // pending rows only, found through the (status, updated_at) index
            countBacklog = Positional.of("SELECT COUNT(*),"
                    + " COALESCE(SUM(CASE WHEN outcome_unknown THEN 1 ELSE 0 END), 0),"
                    + " MIN(created_at) FROM " + payments + " WHERE status = '"
                    + PaymentStatus.PENDING.name() + "'");
            claimSkipLocked = "UPDATE " + payments + " SET claimed_until = :until WHERE id IN ("
                    + "SELECT id FROM " + payments + " WHERE " + stale
                    + " ORDER BY updated_at LIMIT :limit FOR UPDATE SKIP LOCKED) RETURNING id";
            // ordered exactly as the (status, updated_at) index (status is constant here), so the
            // database reads the oldest rows from the index and stops at the limit instead of
            // sorting every stale pending payment on each pass (ties in updated_at come in index
            // order, as with PostgreSQL's claim)
            claimCandidates = "SELECT id FROM " + payments + " WHERE " + stale
                    + " ORDER BY status, updated_at FETCH FIRST :limit ROWS ONLY";
            claimOne = "UPDATE " + payments + " SET claimed_until = :until WHERE id = :id AND "
                    + stale;
            String inboxColumns = " (gateway_name, event_key, payment_reference, received_at,"
                    + " payload, processed_at, outcome) VALUES (:g, :k, :ref, :received, :payload,"
                    + " :processed, :outcome)";
            insertInbox = "INSERT INTO " + inbox + inboxColumns;
            insertInboxIfAbsent = insertInbox + " ON CONFLICT (gateway_name, event_key) DO NOTHING";
            markInboxProcessed = "UPDATE " + inbox + " SET processed_at = :at, outcome = :outcome"
                    + " WHERE gateway_name = :g AND event_key = :k AND processed_at IS NULL";
            String selectInboxRows = "SELECT gateway_name, event_key, payment_reference,"
                    + " received_at, payload, processed_at, outcome FROM " + inbox;
            selectInbox = selectInboxRows + " WHERE gateway_name = :g AND event_key = :k";
            selectUnprocessedInbox = Positional.of(selectInboxRows + " WHERE processed_at IS NULL"
                    + " AND received_at < :before ORDER BY received_at FETCH FIRST :limit ROWS ONLY");
            // processed_at's index range: a lower bound so that H2 does not walk the open entries
            // (NULL, first in its index) before reaching the processed ones
            String purgeable = " WHERE processed_at >= " + UtcTimestamps.LONG_AGO
                    + " AND processed_at < :before";
            purgeProcessedInbox = Positional.of("DELETE FROM " + inbox
                    + " WHERE (gateway_name, event_key) IN (SELECT gateway_name, event_key FROM "
                    + inbox + purgeable + " FETCH FIRST :limit ROWS ONLY)"
                    + purgeable.replace(" WHERE ", " AND "));
            jdbcInsertPayment = Positional.of(insertPayment);
            jdbcUpdatePayment = Positional.of(updatePayment);
            jdbcCountHistory = Positional.of(countHistory);
            jdbcInsertHistory = Positional.of(insertHistory);
            jdbcInsertInbox = Positional.of(insertInbox);
            jdbcInsertInboxIfAbsent = Positional.of(insertInboxIfAbsent);
            jdbcMarkInboxProcessed = Positional.of(markInboxProcessed);
            jdbcSelectById = Positional.of(selectWithHistory + " WHERE p.id = :v ORDER BY h.seq");
            jdbcSelectRowById = Positional.of("SELECT " + PaymentRows.COLUMNS + " FROM " + payments
                    + " WHERE id = :v");
            jdbcSelectByIdempotencyKey = Positional.of(selectWithHistory
                    + " WHERE p.idempotency_key = :v ORDER BY h.seq");
            jdbcSelectByProviderReference = Positional.of(selectWithHistory
                    + " WHERE p.gateway_name = :g AND p.provider_reference = :r ORDER BY h.seq");
        }

        /** PostgreSQL: insert the payment and its {@code entries} history rows in one statement. */
        Positional pgInsertWithHistory(int entries) {
            return pgStatements.computeIfAbsent("insert:" + entries, key -> Positional.of(
                    "WITH p AS (" + insertPayment + " RETURNING id) " + historyFrom("p", entries)));
        }

        /**
         * PostgreSQL: the guarded update, then, only if it matched, {@code entries} history rows,
         * {@code events} event rows (named as {@link EventRows#put} names them) and the inbox
         * mark; the statement answers how many payment rows it updated (0 or 1).
         */
        Positional pgUpdateWithHistory(int entries, boolean markInbox, int events,
                EventRows.Statements eventSql, boolean claim) {
            String shape = "update:" + entries + ":" + markInbox + ":" + events + ":" + claim;
            return pgStatements.computeIfAbsent(shape, key -> {
                StringBuilder q = new StringBuilder("WITH u AS (").append(updatePayment)
                        .append(" RETURNING id)");
                if (entries > 0) {
                    q.append(", h AS (").append(historyFrom("u", entries)).append(" RETURNING 1)");
                }
                if (events > 0) {
                    // FROM u: one set of rows when the guarded update matched, none otherwise
                    q.append(", e AS (").append(eventSql.insertEventsFrom("u", events, claim))
                            .append(claim ? " RETURNING claimed_until AS c)" : " RETURNING 1)");
                }
                if (markInbox) {
                    q.append(", i AS (UPDATE ").append(inbox).append(" SET processed_at = :at,")
                            .append(" outcome = :outcome WHERE gateway_name = :g AND event_key = :k")
                            .append(" AND processed_at IS NULL AND EXISTS (SELECT 1 FROM u)")
                            .append(" RETURNING 1)");
                }
                // with a claim, how many of the rows were inserted claimed comes second
                return Positional.of(q.append(claim && events > 0
                        ? " SELECT COUNT(*), (SELECT COUNT(c) FROM e) FROM u"
                        : " SELECT COUNT(*) FROM u").toString());
            });
        }

        /** Payments {@code :id0, :id1, ...} joined to their history, by id then seq. */
        Positional selectWithHistoryByIds(int count) {
            return withHistoryByIds.computeIfAbsent(count, n -> Positional.of(selectWithHistory
                    + " WHERE p.id IN (" + Positional.names("id", n) + ") ORDER BY p.id, h.seq"));
        }

        /** History rows seq0.. for the payment id that {@code source} returns, typed for VALUES. */
        private String historyFrom(String source, int entries) {
            StringBuilder rows = new StringBuilder();
            for (int n = 0; n < entries; n++) {
                rows.append(n == 0 ? "" : ", ").append("(CAST(:seq").append(n).append(" AS INTEGER),")
                        .append(" CAST(:from").append(n).append(" AS VARCHAR(32)),")
                        .append(" CAST(:to").append(n).append(" AS VARCHAR(32)),")
                        .append(" CAST(:at").append(n).append(" AS TIMESTAMP WITH TIME ZONE),")
                        .append(" CAST(:trigger").append(n).append(" AS VARCHAR(32)),")
                        .append(" CAST(:detail").append(n).append(" AS TEXT))");
            }
            return "INSERT INTO " + history + " (payment_id, seq, from_status, to_status, changed_at,"
                    + " change_trigger, detail) SELECT " + source + ".id, v.seq, v.from_status,"
                    + " v.to_status, v.changed_at, v.change_trigger, v.detail FROM " + source + ", (VALUES "
                    + rows + ") AS v(seq, from_status, to_status, changed_at, change_trigger, detail)";
        }
    }
}
