package org.dusangire.payment.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dusangire.payment.testkit.TestPayments.T0;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.dusangire.payment.core.error.ConcurrentPaymentModificationException;
import org.dusangire.payment.core.error.DuplicatePaymentException;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentEvent;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.port.RefundWrite;
import org.dusangire.payment.core.port.StoredAnomaly;
import org.dusangire.payment.testkit.PaymentRepositoryContract;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.Test;

/**
 * The shared repository contract plus what the Jdbi repository must show beyond it, run on H2
 * and on PostgreSQL: exact round trips, database-enforced uniqueness and locking without partial
 * writes, and concurrency across two instances with their own connections.
 */
abstract class JdbiPaymentRepositoryTestBase extends PaymentRepositoryContract {
    static final Duration LEASE = Duration.ofMinutes(2);

    @Override
    protected PaymentRepository createRepository() {
        return newRepository();
    }

    static Payment pending(Instant createdAt) {
        return TestPayments.pending("mtn-momo", createdAt).build();
    }

    static Payment pending() {
        return pending(T0);
    }

    /** The contract's races run across two instances, each with its own connections. */
    @Override
    protected PaymentRepository sameStoreInstance() {
        return secondInstance();
    }

    /** A repository on an empty store. */
    abstract JdbiPaymentRepository newRepository();

    /** Another instance, with its own connections, on the store of the last {@link #newRepository()}. */
    abstract JdbiPaymentRepository secondInstance();

    /** Plain connections to the store of the last {@link #newRepository()}. */
    abstract DataSource store();

    /** Stores an event row with this id behind the repository's back, so that writing it fails. */
    private void takeEventId(UUID id) {
        try (Connection c = store().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO pay_events (id, type, to_status, occurred_at)"
                        + " VALUES (?, 'ANOMALY', 'UNKNOWN_REFERENCE', ?)")) {
            ps.setObject(1, id);
            ps.setObject(2, OffsetDateTime.ofInstant(T0, ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aChangeWhoseEventCannotBeStoredIsNotStoredEitherOnEitherWritePath() {
        JdbiPaymentRepository repo = newRepository();
        Payment stored = repo.insert(pending());
        InboxKey event = new InboxKey("mtn-momo", "evt-" + stored.id());
        repo.recordInbound(InboxEntry.received(event, stored.id().toString(), T0, "{}"));
        Payment paid = stored.transition(PaymentStatus.SUCCEEDED, Trigger.WEBHOOK,
                T0.plusSeconds(1), null);
        takeEventId(PaymentEvent.ofPaymentChange(paid, 1).id());

        // this instance knows the stored history (PostgreSQL: the one-statement path); a second
        // one does not (the transaction path, which counts it first)
        for (JdbiPaymentRepository writer : List.of(repo, secondInstance())) {
            assertThatThrownBy(() -> writer.update(paid, event))
                    .isInstanceOf(PaymentException.class);
            Payment found = repo.findById(stored.id()).orElseThrow();
            assertThat(found.version()).isZero();
            assertThat(found.history()).hasSize(1);
            assertThat(repo.findInbound(event).orElseThrow().isProcessed()).isFalse();
            assertThat(repo.findEventsOf(stored.id())).isEmpty();
        }
    }

    @Test
    void aRefundWhoseEventCannotBeStoredReservesNothing() {
        JdbiPaymentRepository repo = newRepository();
        Payment paid = repo.update(repo.insert(pending()).transition(PaymentStatus.SUCCEEDED,
                Trigger.WEBHOOK, T0.plusSeconds(1), null));
        Refund refund = TestPayments.pendingRefund(paid, "500", T0.plusSeconds(2)).build();
        takeEventId(PaymentEvent.ofRefundChange(refund, 0).id());

        assertThatThrownBy(() -> repo.insertRefund(refund, paid.toBuilder()
                .refundReservedAmount(Money.of("500", "UGX")).build()))
                .isInstanceOf(PaymentException.class);

        assertThat(repo.findRefund(refund.id())).isEmpty();
        Payment found = repo.findById(paid.id()).orElseThrow();
        assertThat(found.version()).isEqualTo(paid.version());
        assertThat(found.refundReservedAmount().isZero()).isTrue();
        assertThat(repo.findEventsOf(paid.id())).extracting(PaymentEvent::type)
                .containsExactly(PaymentEvent.Type.PAYMENT_STATUS_CHANGED);
    }

    @Test
    void writesRefusedByAUniqueKeyWriteNoEvent() {
        JdbiPaymentRepository repo = newRepository();
        Payment taken = repo.insert(pending());
        Payment paid = repo.update(repo.insert(pending()).transition(PaymentStatus.SUCCEEDED,
                Trigger.WEBHOOK, T0.plusSeconds(1), null));

        assertThatThrownBy(() -> repo.update(paid.transition(PaymentStatus.REFUNDED,
                        Trigger.REFUND, T0.plusSeconds(2), null).toBuilder()
                .refundedAmount(paid.money()).providerReference(taken.providerReference()).build()))
                .isInstanceOf(DuplicatePaymentException.class);
        Refund first = TestPayments.pendingRefund(paid, "500", T0.plusSeconds(3))
                .idempotencyKey("refund-key").build();
        RefundWrite reserved = repo.insertRefund(first, paid.toBuilder()
                .refundReservedAmount(Money.of("500", "UGX")).build());
        Refund again = TestPayments.pendingRefund(paid, "500", T0.plusSeconds(4))
                .idempotencyKey("refund-key").build();
        assertThatThrownBy(() -> repo.insertRefund(again, reserved.payment().toBuilder()
                .refundReservedAmount(Money.of("1000", "UGX")).build()))
                .isInstanceOf(DuplicatePaymentException.class);

        assertThat(repo.findEventsOf(paid.id())).extracting(PaymentEvent::id).containsExactly(
                PaymentEvent.ofPaymentChange(paid, 1).id(),
                PaymentEvent.ofRefundChange(first, 0).id());
        assertThat(repo.findById(paid.id()).orElseThrow().refundReservedAmount())
                .isEqualTo(Money.of("500", "UGX"));
    }

    @Test
    void anAnomalyKeptTwiceIsKeptOnceWithOneEventAndItsAcknowledgementStands() {
        JdbiPaymentRepository repo = newRepository();
        Payment stored = repo.insert(pending());
        PaymentAnomaly anomaly = new PaymentAnomaly(PaymentAnomaly.Kind.AMOUNT_MISMATCH,
                stored.id().toString(), "mtn-momo", "paid 1000 UGX of 1500 UGX", T0.plusSeconds(1));
        repo.recordAnomaly(anomaly);
        assertThat(repo.acknowledgeAnomaly(anomaly.id(), "Joy", T0.plusSeconds(2))).isTrue();

        repo.recordAnomaly(anomaly);
        Payment failed = repo.update(stored.transition(PaymentStatus.FAILED, Trigger.VERIFY,
                T0.plusSeconds(3), "underpaid"), null, anomaly);

        assertThat(repo.findEventsOf(stored.id())).extracting(PaymentEvent::id).containsExactly(
                anomaly.id(), PaymentEvent.ofPaymentChange(failed, 1).id());
        StoredAnomaly kept = repo.findAnomaly(anomaly.id()).orElseThrow();
        assertThat(kept.anomaly()).isEqualTo(anomaly);
        assertThat(kept.acknowledgedBy()).isEqualTo("Joy");
        assertThat(repo.findAnomalies(false, 10)).hasSize(1);
        assertThat(repo.findAnomalies(true, 10)).isEmpty();
    }

    @Test
    void everyFieldRoundTrips() {
        JdbiPaymentRepository repo = newRepository();
        Instant micros = Instant.parse("2025-03-01T08:15:30.123456Z");
        Payment payment = pending(micros).toBuilder()
                .createdAt(micros)
                .money(Money.of("99.5", "KES"))
                .refundedAmount(Money.of("0", "KES"))
                .method(PaymentMethod.CARD)
                .payer(new Payer(Msisdn.parse("+256 772 123456"), "amina@example.org", "Amina N"))
                .description("Lab tests, order 17")
                .gatewayName("flutterwave")
                .providerReference("tx-ref-1")
                .providerTransactionId("fw-998877")
                .callbackToken("tok-abc")
                .paymentLink(URI.create("https://checkout.example/pay/abc"))
                .lastGatewayResponse("{\"status\":\"success\",\"note\":\"é ✓\"}")
                .outcomeUnknown(true)
                .updatedAt(micros.plusMillis(5))
                .build();

        repo.insert(payment);
        Payment found = repo.findById(payment.id()).orElseThrow();

        assertThat(found.money().toPlainString()).isEqualTo("99.50");
        assertThat(found.money()).isEqualTo(Money.of("99.50", "KES"));
        assertThat(found.refundedAmount()).isEqualTo(Money.zero(found.money().currency()));
        assertThat(found.payer()).isEqualTo(payment.payer());
        assertThat(found).usingRecursiveComparison().isEqualTo(payment);
        assertThat(found.createdAt()).isEqualTo(micros);
        assertThat(found.version()).isZero();
        assertThat(repo.findByIdempotencyKey(payment.idempotencyKey())).contains(found);
        assertThat(repo.findByProviderReference("flutterwave", "tx-ref-1")).contains(found);
        assertThat(repo.findByProviderReference("mtn-momo", "tx-ref-1")).isEmpty();
        assertThat(repo.findById(PaymentId.random())).isEmpty();
    }

    @Test
    void amountsComeBackAtTheCurrencyScale() {
        JdbiPaymentRepository repo = newRepository();
        Payment ugx = repo.insert(pending().toBuilder().money(Money.of("1500", "UGX")).build());
        Payment kes = repo.insert(pending().toBuilder().money(Money.of("1500", "KES"))
                .refundedAmount(Money.of("0.5", "KES")).build());

        assertThat(repo.findById(ugx.id()).orElseThrow().money().amount()).hasToString("1500");
        Payment storedKes = repo.findById(kes.id()).orElseThrow();
        assertThat(storedKes.money().amount()).hasToString("1500.00");
        assertThat(storedKes.refundedAmount().amount()).hasToString("0.50");
    }

    @Test
    void refundAmountsAndReservationsComeBackAtTheCurrencyScale() {
        JdbiPaymentRepository repo = newRepository();
        Payment kes = repo.insert(pending().toBuilder().money(Money.of("1500", "KES")).build());
        Payment paid = repo.update(kes.transition(PaymentStatus.SUCCEEDED, Trigger.VERIFY,
                T0.plusSeconds(1), null));
        Refund refund = TestPayments.pendingRefund(paid, "0.5", T0.plusSeconds(2)).build();

        repo.insertRefund(refund, paid.toBuilder().refundReservedAmount(Money.of("0.5", "KES"))
                .build());

        Payment found = repo.findById(paid.id()).orElseThrow();
        assertThat(found.refundReservedAmount().amount()).hasToString("0.50");
        assertThat(found.refundableAmount().amount()).hasToString("1499.50");
        assertThat(repo.findRefund(refund.id()).orElseThrow().amount().amount()).hasToString("0.50");
    }

    @Test
    void writesThroughInstancesThatNeverReadThePaymentAddOnlyTheNewHistory() {
        JdbiPaymentRepository first = newRepository();
        Payment stored = first.insert(pending());
        Payment paid = first.update(stored.transition(PaymentStatus.SUCCEEDED, Trigger.WEBHOOK,
                T0.plusSeconds(1), null));
        Instant at = T0.plusSeconds(2);
        Refund refund = TestPayments.pendingRefund(paid, "500", at).build();
        // a reservation that also moves the payment: the writer has to count its stored history
        Payment reserving = paid.transition(PaymentStatus.PARTIALLY_REFUNDED, Trigger.REFUND, at,
                "cash handed back").toBuilder().refundReservedAmount(Money.of("500", "UGX")).build();

        RefundWrite reserved = secondInstance().insertRefund(refund, reserving);

        assertThat(first.findById(paid.id()).orElseThrow().history())
                .containsExactlyElementsOf(reserving.history());
        Refund done = reserved.refund().transition(RefundStatus.SUCCEEDED, Trigger.RECONCILE,
                at.plusSeconds(10), null);
        Payment settled = reserved.payment().transition(PaymentStatus.PARTIALLY_REFUNDED,
                        Trigger.REFUND, at.plusSeconds(10), "refund of 500 UGX").toBuilder()
                .refundedAmount(Money.of("500", "UGX")).refundReservedAmount(Money.of("0", "UGX"))
                .build();
        secondInstance().updateRefund(done, settled);
        Payment found = first.findById(paid.id()).orElseThrow();
        assertThat(found.history()).hasSize(4).containsExactlyElementsOf(settled.history());
        assertThat(found.refundedAmount()).isEqualTo(Money.of("500", "UGX"));
        assertThat(found.refundReservedAmount()).isEqualTo(Money.of("0", "UGX"));
        assertThat(first.findRefund(refund.id()).orElseThrow().history())
                .containsExactlyElementsOf(done.history());
    }

    @Test
    void aRefundIsNeverWrittenWithAnotherPayment() {
        JdbiPaymentRepository repo = newRepository();
        Payment a = repo.insert(pending());
        Payment b = repo.insert(pending());
        Refund ofA = TestPayments.pendingRefund(a, "500", T0.plusSeconds(1)).build();

        assertThatThrownBy(() -> repo.insertRefund(ofA, b.toBuilder()
                .refundReservedAmount(Money.of("500", "UGX")).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repo.updateRefund(ofA, b))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(repo.findRefund(ofA.id())).isEmpty();
        assertThat(repo.findById(b.id()).orElseThrow().version()).isZero();
        assertThat(repo.findById(b.id()).orElseThrow().refundReservedAmount().isZero()).isTrue();
    }

    @Test
    void duplicateIdempotencyKeyIdOrProviderReferenceIsRefusedWithoutPartialWrites() {
        JdbiPaymentRepository repo = newRepository();
        Payment first = repo.insert(pending());

        Payment sameKey = pending().toBuilder().idempotencyKey(first.idempotencyKey()).build();
        Payment sameId = pending().toBuilder().id(first.id()).build();
        Payment sameProviderRef = pending().toBuilder()
                .providerReference(first.providerReference()).build();

        assertThatThrownBy(() -> repo.insert(sameKey)).isInstanceOf(DuplicatePaymentException.class);
        assertThatThrownBy(() -> repo.insert(sameId)).isInstanceOf(DuplicatePaymentException.class);
        assertThatThrownBy(() -> repo.insert(sameProviderRef))
                .isInstanceOf(DuplicatePaymentException.class);
        assertThat(repo.findById(sameKey.id())).isEmpty();
        assertThat(repo.findById(first.id()).orElseThrow().history()).hasSize(1);
        assertThat(repo.findRecent(10)).hasSize(1);
        // same provider reference on another gateway is a different payment
        repo.insert(pending().toBuilder().gatewayName("airtel-money")
                .providerReference(first.providerReference()).build());
    }

    @Test
    void updateIncrementsVersionAndWritesOnlyNewHistory() {
        JdbiPaymentRepository repo = newRepository();
        Payment stored = repo.insert(pending());
        Instant at = T0.plusSeconds(40);

        Payment succeeded = repo.update(stored.transition(PaymentStatus.SUCCEEDED, Trigger.WEBHOOK,
                at, "confirmed").toBuilder().providerTransactionId("fin-1").build());
        Payment refunded = repo.update(succeeded.toBuilder()
                .refundedAmount(Money.of("500", "UGX")).build()
                .transition(PaymentStatus.PARTIALLY_REFUNDED, Trigger.REFUND, at.plusSeconds(1), null));

        assertThat(succeeded.version()).isEqualTo(1);
        assertThat(refunded.version()).isEqualTo(2);
        Payment found = repo.findById(stored.id()).orElseThrow();
        assertThat(found.version()).isEqualTo(2);
        assertThat(found.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(found.providerTransactionId()).isEqualTo("fin-1");
        assertThat(found.refundedAmount()).isEqualTo(Money.of("500", "UGX"));
        assertThat(found.history()).extracting(h -> h.to()).containsExactly(
                PaymentStatus.PENDING, PaymentStatus.SUCCEEDED, PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(found.history().get(1)).isEqualTo(succeeded.history().get(1));
    }

    @Test
    void staleVersionIsRefusedNeverOverwritten() {
        JdbiPaymentRepository repo = newRepository();
        Payment stored = repo.insert(pending());
        repo.update(stored.transition(PaymentStatus.SUCCEEDED, Trigger.WEBHOOK, T0.plusSeconds(1), null));

        Payment late = stored.transition(PaymentStatus.FAILED, Trigger.RECONCILE, T0.plusSeconds(2),
                "LATE");
        assertThatThrownBy(() -> repo.update(late))
                .isInstanceOf(ConcurrentPaymentModificationException.class);
        Payment found = repo.findById(stored.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(found.history()).hasSize(2);
    }

    @Test
    void updateMarksItsInboxEventProcessedOnlyWhenItCommits() {
        JdbiPaymentRepository repo = newRepository();
        Payment stored = repo.insert(pending());
        InboxKey won = new InboxKey("mtn-momo", "evt-1");
        InboxKey lost = new InboxKey("mtn-momo", "evt-2");
        repo.recordInbound(InboxEntry.received(won, stored.id().toString(), T0, "{}"));
        repo.recordInbound(InboxEntry.received(lost, stored.id().toString(), T0, "{}"));
        Instant at = T0.plusSeconds(3);

        repo.update(stored.transition(PaymentStatus.SUCCEEDED, Trigger.WEBHOOK, at, null), won);
        assertThatThrownBy(() -> repo.update(stored.transition(PaymentStatus.FAILED,
                Trigger.WEBHOOK, at, "x"), lost))
                .isInstanceOf(ConcurrentPaymentModificationException.class);

        InboxEntry processed = repo.findInbound(won).orElseThrow();
        assertThat(processed.processedAt()).isEqualTo(at);
        assertThat(processed.outcome()).isNotBlank();
        assertThat(repo.findInbound(lost).orElseThrow().isProcessed()).isFalse();
    }

    @Test
    void inboxRecordsOnceAndMarksProcessedOnce() {
        JdbiPaymentRepository repo = newRepository();
        InboxKey key = new InboxKey("airtel-money", "txn-42");
        InboxEntry entry = InboxEntry.received(key, "ref-1", T0, "{\"a\":1}");

        assertThat(repo.recordInbound(entry)).isTrue();
        assertThat(repo.recordInbound(InboxEntry.received(key, "other", T0.plusSeconds(1), "x")))
                .isFalse();
        assertThat(repo.recordInbound(InboxEntry.received(new InboxKey("mtn-momo", "txn-42"),
                null, T0, null))).isTrue();
        assertThat(repo.findInbound(key)).contains(entry);

        repo.markInboundProcessed(key, T0.plusSeconds(5), "PROCESSED");
        repo.markInboundProcessed(key, T0.plusSeconds(9), "AGAIN");
        InboxEntry found = repo.findInbound(key).orElseThrow();
        assertThat(found.processedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(found.outcome()).isEqualTo("PROCESSED");
        assertThat(repo.findInbound(new InboxKey("airtel-money", "nope"))).isEmpty();
    }

    @Test
    void unprocessedInboundIsListedOldestFirstBeforeTheCutOff() {
        JdbiPaymentRepository repo = newRepository();
        for (int i = 0; i < 5; i++) {
            repo.recordInbound(InboxEntry.received(new InboxKey("g", "e" + i), null,
                    T0.plusSeconds(10 - i), "p" + i));
        }
        repo.markInboundProcessed(new InboxKey("g", "e4"), T0.plusSeconds(20), "PROCESSED");

        List<InboxEntry> found = repo.findUnprocessedInbound(T0.plusSeconds(10), 10);
        assertThat(found).extracting(e -> e.key().eventKey()).containsExactly("e3", "e2", "e1");
        assertThat(repo.findUnprocessedInbound(T0.plusSeconds(10), 2)).hasSize(2);
    }

    @Test
    void recentPaymentsComeNewestFirstWithTheirHistory() {
        JdbiPaymentRepository repo = newRepository();
        List<Payment> inserted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inserted.add(repo.insert(pending(T0.plusSeconds(i))));
        }
        repo.update(inserted.get(4).transition(PaymentStatus.CANCELLED, Trigger.REDIRECT,
                T0.plusSeconds(9), "customer cancelled"));

        List<Payment> recent = repo.findRecent(3);
        assertThat(recent).extracting(Payment::id).containsExactly(inserted.get(4).id(),
                inserted.get(3).id(), inserted.get(2).id());
        assertThat(recent.get(0).history()).hasSize(2);
        assertThat(recent.get(0).failureReason()).isEqualTo("customer cancelled");
        assertThat(recent.get(1).history()).hasSize(1);
    }

    @Test
    void claimsStalePendingOldestFirstAndHoldsTheLease() {
        JdbiPaymentRepository repo = newRepository();
        Instant now = T0.plus(Duration.ofHours(1));
        Payment oldest = repo.insert(pending(now.minus(Duration.ofMinutes(30))));
        Payment older = repo.insert(pending(now.minus(Duration.ofMinutes(20))));
        repo.insert(pending(now.minus(Duration.ofMinutes(1))));
        Payment done = repo.insert(pending(now.minus(Duration.ofMinutes(40))));
        repo.update(done.transition(PaymentStatus.SUCCEEDED, Trigger.WEBHOOK,
                now.minus(Duration.ofMinutes(39)), null));
        Instant staleBefore = now.minus(Duration.ofMinutes(5));

        List<Payment> claimed = repo.claimStalePending(staleBefore, now, LEASE, 10);
        assertThat(claimed).extracting(Payment::id).containsExactly(oldest.id(), older.id());
        assertThat(claimed.get(0).history()).hasSize(1);
        assertThat(repo.claimStalePending(staleBefore, now.plus(LEASE).minusMillis(1), LEASE, 10))
                .isEmpty();
        assertThat(repo.claimStalePending(staleBefore, now.plus(LEASE), LEASE, 1))
                .extracting(Payment::id).containsExactly(oldest.id());
        // a claim does not change the version: the claimer can still update
        repo.update(claimed.get(1).transition(PaymentStatus.EXPIRED, Trigger.EXPIRY, now, "ttl"));
    }

    @Test
    void concurrentClaimersOnTwoInstancesNeverReceiveTheSamePayment() throws Exception {
        JdbiPaymentRepository first = newRepository();
        JdbiPaymentRepository second = secondInstance();
        int count = 500;
        Instant now = T0.plus(Duration.ofDays(1));
        for (int i = 0; i < count; i++) {
            (i % 2 == 0 ? first : second).insert(pending(T0.plusMillis(i)));
        }
        List<PaymentId> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            JdbiPaymentRepository repo = t % 2 == 0 ? first : second;
            workers.add(pool.submit(() -> {
                start.await();
                List<Payment> batch;
                do {
                    batch = repo.claimStalePending(now, now, LEASE, 25);
                    batch.forEach(p -> claimed.add(p.id()));
                } while (!batch.isEmpty());
                return null;
            }));
        }
        start.countDown();
        for (Future<?> worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(claimed).hasSize(count);
        assertThat(new HashSet<>(claimed)).hasSize(count);
    }

    @Test
    void concurrentUpdatesOfOneVersionHaveExactlyOneWinner() throws Exception {
        JdbiPaymentRepository first = newRepository();
        JdbiPaymentRepository second = secondInstance();
        Payment stored = first.insert(pending());
        int contenders = 6;
        AtomicInteger won = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < contenders; t++) {
            JdbiPaymentRepository repo = t % 2 == 0 ? first : second;
            PaymentStatus next = t % 2 == 0 ? PaymentStatus.SUCCEEDED : PaymentStatus.FAILED;
            Instant at = T0.plusSeconds(t).truncatedTo(ChronoUnit.MILLIS);
            workers.add(pool.submit(() -> {
                start.await();
                try {
                    repo.update(stored.transition(next, Trigger.WEBHOOK, at, "t"));
                    won.incrementAndGet();
                } catch (ConcurrentPaymentModificationException e) {
                    lost.incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(won.get()).isEqualTo(1);
        assertThat(lost.get()).isEqualTo(contenders - 1);
        Payment found = second.findById(stored.id()).orElseThrow();
        assertThat(found.version()).isEqualTo(1);
        assertThat(found.history()).hasSize(2);
    }
}
