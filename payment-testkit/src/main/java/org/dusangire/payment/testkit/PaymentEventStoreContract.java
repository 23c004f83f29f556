package org.dusangire.payment.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dusangire.payment.core.error.ConcurrentPaymentModificationException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundChange;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.ClaimedUpdate;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentEvent;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.port.RefundWrite;
import org.dusangire.payment.core.port.StoredAnomaly;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transactional outbox every {@link PaymentRepository} keeps: an event for every history
 * entry a write adds, written or refused together with the change; anomalies kept open until
 * acknowledged; claims that hand an event to one deliverer at a time and a payment's events in
 * order; feed positions in commit order. Extend it with {@link #createRepository()}, as
 * {@link PaymentRepositoryContract}.
 */
public abstract class PaymentEventStoreContract {
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Instant T1 = TestPayments.T0.plusSeconds(60);

    /** The repository under test, fresh for each test. */
    protected PaymentRepository repository;

    /** Returns a repository over an empty store; called before each test. */
    protected abstract PaymentRepository createRepository();

    @BeforeEach
    void createFreshRepository() {
        repository = createRepository();
    }

    private Payment inserted() {
        return repository.insert(TestPayments.pending("contract-gw").build());
    }

    private Payment paid(Payment p, Instant at) {
        return repository.update(p.transition(PaymentStatus.SUCCEEDED, Trigger.VERIFY, at, null));
    }

    private List<PaymentEvent> claimAll(Instant now) {
        return repository.claimEvents(now, LEASE, 100, null);
    }

    @Test
    void creationIsNoEventAndEveryLaterChangeIsOneWithTheChange() {
        Payment p = inserted();
        assertThat(repository.findEventsOf(p.id())).isEmpty();

        Payment stored = paid(p, T1);

        List<PaymentEvent> events = repository.findEventsOf(p.id());
        assertThat(events).hasSize(1);
        PaymentEvent e = events.get(0);
        assertThat(e).isEqualTo(PaymentEvent.ofPaymentChange(stored, 1));
        assertThat(e.type()).isEqualTo(PaymentEvent.Type.PAYMENT_STATUS_CHANGED);
        assertThat(e.occurredAt()).isEqualTo(T1);
        assertThat(e.amount()).isEqualTo(p.money());
        assertThat(e.position()).isZero();
        assertThat(e.attempts()).isZero();
    }

    @Test
    void refusedUpdateWritesNoEvent() {
        Payment p = inserted();
        paid(p, T1);

        assertThatThrownBy(() -> repository.update(p.transition(PaymentStatus.FAILED, Trigger.VERIFY,
                T1, "late")))
                .isInstanceOf(ConcurrentPaymentModificationException.class);

        assertThat(repository.findEventsOf(p.id())).extracting(PaymentEvent::to)
                .containsExactly("SUCCEEDED");
    }

    @Test
    void anomalyWithAChangeIsKeptInTheSameWriteAndRefusedWithIt() {
        Payment p = inserted();
        PaymentAnomaly lost = new PaymentAnomaly(PaymentAnomaly.Kind.AMOUNT_MISMATCH,
                p.id().toString(), "contract-gw", "paid 1000 UGX of 1500 UGX", T1);
        Payment failed = p.transition(PaymentStatus.FAILED, Trigger.VERIFY, T1, "underpaid");
        repository.update(failed, null, lost);
        PaymentAnomaly refused = new PaymentAnomaly(PaymentAnomaly.Kind.AMOUNT_MISMATCH,
                p.id().toString(), "contract-gw", "stale", T1);

        assertThatThrownBy(() -> repository.update(failed, null, refused))
                .isInstanceOf(ConcurrentPaymentModificationException.class);

        assertThat(repository.findAnomaly(lost.id())).map(StoredAnomaly::anomaly).contains(lost);
        assertThat(repository.findAnomaly(refused.id())).isEmpty();
        assertThat(repository.findEventsOf(p.id())).extracting(PaymentEvent::type).containsExactly(
                PaymentEvent.Type.PAYMENT_STATUS_CHANGED, PaymentEvent.Type.ANOMALY);
    }

    @Test
    void anomalyAloneIsKeptOpenUntilAcknowledgedOnce() {
        PaymentAnomaly unknown = new PaymentAnomaly(PaymentAnomaly.Kind.UNKNOWN_REFERENCE,
                "not-ours-123", "contract-gw", "authenticated webhook for a payment we do not know",
                T1);
        PaymentAnomaly older = new PaymentAnomaly(PaymentAnomaly.Kind.CURRENCY_MISMATCH,
                null, "contract-gw", "older", TestPayments.T0);
        repository.recordAnomaly(older);
        repository.recordAnomaly(unknown);

        assertThat(repository.findAnomalies(true, 10)).extracting(StoredAnomaly::id)
                .containsExactly(unknown.id(), older.id());
        assertThat(repository.acknowledgeAnomaly(unknown.id(), "Joy", T1)).isTrue();
        assertThat(repository.acknowledgeAnomaly(unknown.id(), "Ann", T1)).isFalse();
        assertThat(repository.acknowledgeAnomaly(UUID.randomUUID(), "Ann", T1)).isFalse();

        assertThat(repository.findAnomalies(true, 10)).extracting(StoredAnomaly::id)
                .containsExactly(older.id());
        StoredAnomaly done = repository.findAnomaly(unknown.id()).orElseThrow();
        assertThat(done.acknowledgedBy()).isEqualTo("Joy");
        assertThat(done.acknowledgedAt()).isEqualTo(T1);
        assertThat(done.anomaly()).isEqualTo(unknown);
        List<PaymentEvent> events = claimAll(T1);
        assertThat(events).extracting(PaymentEvent::id).contains(unknown.id(), older.id());
        assertThat(events).filteredOn(e -> e.id().equals(unknown.id())).first()
                .satisfies(e -> {
                    assertThat(e.paymentId()).isNull();
                    assertThat(e.to()).isEqualTo("UNKNOWN_REFERENCE");
                });
    }

    @Test
    void refundWritesCarryTheirEventsAndThePaymentsTogether() {
        Payment p = paid(inserted(), T1);
        Refund refund = Refund.builder().id(RefundId.random()).paymentId(p.id())
                .gatewayName("contract-gw").amount(Money.of("1500", "UGX"))
                .status(RefundStatus.PENDING).outcomeUnknown(true).createdAt(T1)
                .addHistory(new RefundChange(null, RefundStatus.PENDING, T1, Trigger.REFUND, null))
                .build();
        RefundWrite reserved = repository.insertRefund(refund, p.toBuilder()
                .refundReservedAmount(Money.of("1500", "UGX")).build());
        Instant t2 = T1.plusSeconds(5);
        Refund done = reserved.refund().transition(RefundStatus.SUCCEEDED, Trigger.REFUND, t2, null);
        Payment refunded = reserved.payment().transition(PaymentStatus.REFUNDED, Trigger.REFUND, t2,
                "refund").toBuilder().refundedAmount(Money.of("1500", "UGX"))
                .refundReservedAmount(Money.zero(p.money().currency())).build();

        RefundWrite written = repository.updateRefund(done, refunded);

        List<PaymentEvent> events = repository.findEventsOf(p.id());
        assertThat(events).hasSize(4);
        assertThat(events).contains(PaymentEvent.ofRefundChange(written.refund(), 0),
                PaymentEvent.ofRefundChange(written.refund(), 1),
                PaymentEvent.ofPaymentChange(written.payment(), 2));
        assertThat(events).filteredOn(e -> e.type() == PaymentEvent.Type.REFUND_STATUS_CHANGED)
                .extracting(PaymentEvent::refundId).containsOnly(refund.id());
        // a stale second settlement is refused whole: no event either
        assertThatThrownBy(() -> repository.updateRefund(done, null))
                .isInstanceOf(ConcurrentPaymentModificationException.class);
        assertThat(repository.findEventsOf(p.id())).hasSize(4);
    }

    @Test
    void claimHandsOutAPaymentsEarliestOpenEventOnlyAndHoldsItForTheLease() {
        Payment a = paid(inserted(), T1);
        repository.update(a.transition(PaymentStatus.REFUNDED, Trigger.REFUND, T1.plusSeconds(1),
                null).toBuilder().refundedAmount(a.money()).build());
        Payment b = paid(inserted(), T1);

        List<PaymentEvent> first = claimAll(T1);
        assertThat(first).extracting(PaymentEvent::paymentId).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(first).filteredOn(e -> e.paymentId().equals(a.id())).extracting(PaymentEvent::to)
                .containsExactly("SUCCEEDED");
        assertThat(claimAll(T1.plusSeconds(30))).as("claims hold for the lease").isEmpty();

        PaymentEvent aFirst = first.stream().filter(e -> e.paymentId().equals(a.id())).findFirst()
                .orElseThrow();
        repository.markEventDelivered(aFirst.id(), T1.plusSeconds(31));
        assertThat(claimAll(T1.plusSeconds(31))).extracting(PaymentEvent::to)
                .containsExactly("REFUNDED");
        assertThat(repository.claimEvents(T1.plusSeconds(300), LEASE, 100, b.id()))
                .extracting(PaymentEvent::paymentId).containsExactly(b.id());
    }

    @Test
    void aWritesOwnEventsAreClaimedByIdAllOrNoneAndOnlyBehindNoOtherOpenEvent() {
        Payment a = paid(inserted(), T1);
        UUID paidEvent = PaymentEvent.ofPaymentChange(a, 1).id();

        assertThat(repository.claimWrittenEvents(a.id(), List.of(paidEvent), T1, LEASE)).isTrue();
        assertThat(claimAll(T1.plusSeconds(30))).as("held for the lease").isEmpty();
        assertThat(repository.claimWrittenEvents(a.id(), List.of(paidEvent), T1.plusSeconds(30),
                LEASE)).as("a claim held by another").isFalse();

        // a later write of the same payment while the first event is still open: it waits
        Payment refunded = repository.update(a.transition(PaymentStatus.REFUNDED, Trigger.REFUND,
                T1.plusSeconds(31), null).toBuilder().refundedAmount(a.money()).build());
        UUID refundedEvent = PaymentEvent.ofPaymentChange(refunded, 2).id();
        assertThat(repository.claimWrittenEvents(a.id(), List.of(refundedEvent),
                T1.plusSeconds(31), LEASE)).as("an earlier open event goes first").isFalse();
        assertThat(repository.claimWrittenEvents(a.id(), List.of(paidEvent, refundedEvent),
                T1.plusSeconds(31), LEASE)).as("all or none: the first is still claimed").isFalse();

        repository.markEventDelivered(paidEvent, T1.plusSeconds(32));
        assertThat(repository.claimWrittenEvents(a.id(), List.of(paidEvent), T1.plusSeconds(32),
                LEASE)).as("a delivered event").isFalse();
        assertThat(repository.claimWrittenEvents(inserted().id(), List.of(refundedEvent),
                T1.plusSeconds(32), LEASE)).as("another payment's event").isFalse();
        assertThat(repository.claimWrittenEvents(a.id(), List.of(refundedEvent),
                T1.plusSeconds(32), LEASE)).isTrue();
        assertThat(claimAll(T1.plusSeconds(33))).isEmpty();
    }

    @Test
    void severalEventsOfOneWriteAreClaimedTogetherAndNoneWhenOneIsTaken() {
        Payment p = inserted();
        Payment twice = p.transition(PaymentStatus.SUCCEEDED, Trigger.VERIFY, T1, null)
                .transition(PaymentStatus.REFUNDED, Trigger.REFUND, T1, null).toBuilder()
                .refundedAmount(p.money()).build();
        Payment stored = repository.update(twice);
        List<UUID> ids = List.of(PaymentEvent.ofPaymentChange(stored, 1).id(),
                PaymentEvent.ofPaymentChange(stored, 2).id());

        PaymentEvent taken = repository.claimEvents(T1, LEASE, 10, p.id()).get(0);
        assertThat(taken.id()).isEqualTo(ids.get(0));
        assertThat(repository.claimWrittenEvents(p.id(), ids, T1, LEASE)).isFalse();
        repository.markEventFailed(taken.id(), T1, false, "host down");

        assertThat(repository.claimWrittenEvents(p.id(), ids, T1.plusSeconds(1), LEASE))
                .as("the refused claim left the second one free").isTrue();
        assertThat(claimAll(T1.plusSeconds(2))).isEmpty();
    }

    @Test
    void anUpdateClaimsItsOwnEventsInTheWriteUnlessAnEarlierOneIsOpen() {
        Payment p = inserted();
        Payment paid = p.transition(PaymentStatus.SUCCEEDED, Trigger.VERIFY, T1, null);
        UUID paidEvent = PaymentEvent.ofPaymentChange(paid, 1).id();

        ClaimedUpdate first = repository.updateAndClaim(paid, null, null, List.of(paidEvent), T1,
                LEASE);
        assertThat(first.eventsClaimed()).isTrue();
        assertThat(first.payment().version()).isEqualTo(p.version() + 1);
        assertThat(repository.findEventsOf(p.id())).extracting(PaymentEvent::id)
                .containsExactly(paidEvent);
        assertThat(claimAll(T1.plusSeconds(30))).as("held for the lease").isEmpty();

        // the paid event is still open: the refund's event is written but not claimed
        Payment refunded = first.payment().transition(PaymentStatus.REFUNDED, Trigger.REFUND,
                T1.plusSeconds(31), null).toBuilder().refundedAmount(p.money()).build();
        UUID refundedEvent = PaymentEvent.ofPaymentChange(refunded, 2).id();
        ClaimedUpdate second = repository.updateAndClaim(refunded, null, null,
                List.of(refundedEvent), T1.plusSeconds(31), LEASE);
        assertThat(second.eventsClaimed()).isFalse();
        repository.markEventDelivered(paidEvent, T1.plusSeconds(32));
        assertThat(claimAll(T1.plusSeconds(32))).as("not left claimed").extracting(PaymentEvent::id)
                .containsExactly(refundedEvent);
    }

    @Test
    void anUpdateClaimsNothingWhenTheIdsAreNotTheEventsItWritesOrItLosesTheRace() {
        Payment p = inserted();
        Payment paid = p.transition(PaymentStatus.SUCCEEDED, Trigger.VERIFY, T1, null);

        ClaimedUpdate wrongIds = repository.updateAndClaim(paid, null, null,
                List.of(UUID.randomUUID()), T1, LEASE);
        assertThat(wrongIds.eventsClaimed()).isFalse();
        assertThat(claimAll(T1)).extracting(PaymentEvent::paymentId).containsExactly(p.id());

        assertThatThrownBy(() -> repository.updateAndClaim(paid, null, null,
                List.of(PaymentEvent.ofPaymentChange(paid, 1).id()), T1, LEASE))
                .isInstanceOf(ConcurrentPaymentModificationException.class);
        assertThat(repository.findEventsOf(p.id())).hasSize(1);
    }

    @Test
    void anUpdateWithAnAnomalyClaimsBothOfItsEvents() {
        Payment p = inserted();
        PaymentAnomaly anomaly = new PaymentAnomaly(PaymentAnomaly.Kind.AMOUNT_MISMATCH,
                p.id().toString(), "contract-gw", "paid 1000 UGX of 1500 UGX", T1);
        Payment failed = p.transition(PaymentStatus.FAILED, Trigger.VERIFY, T1, "underpaid");

        ClaimedUpdate written = repository.updateAndClaim(failed, null, anomaly,
                List.of(PaymentEvent.ofPaymentChange(failed, 1).id(), anomaly.id()), T1, LEASE);

        assertThat(written.eventsClaimed()).isTrue();
        assertThat(repository.findEventsOf(p.id())).extracting(PaymentEvent::type).containsExactly(
                PaymentEvent.Type.PAYMENT_STATUS_CHANGED, PaymentEvent.Type.ANOMALY);
        assertThat(claimAll(T1.plusSeconds(30))).isEmpty();
        assertThat(claimAll(T1.plusSeconds(61))).as("claims run out like any other")
                .extracting(PaymentEvent::type).containsExactly(PaymentEvent.Type.PAYMENT_STATUS_CHANGED);
    }

    @Test
    void concurrentClaimsOfTheSameWrittenEventHaveOneWinner() throws Exception {
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            payments.add(paid(inserted(), T1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> claimers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                claimers.add(pool.submit(() -> {
                    int won = 0;
                    for (Payment p : payments) {
                        if (repository.claimWrittenEvents(p.id(),
                                List.of(PaymentEvent.ofPaymentChange(p, 1).id()), T1, LEASE)) {
                            won++;
                        }
                    }
                    return won;
                }));
            }
            int won = 0;
            for (Future<Integer> f : claimers) {
                won += f.get(30, TimeUnit.SECONDS);
            }
            assertThat(won).isEqualTo(payments.size());
            assertThat(claimAll(T1)).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failedEventWaitsForItsRetryTimeAndIsParkedWhenToldTo() {
        Payment p = paid(inserted(), T1);
        PaymentEvent e = claimAll(T1).get(0);

        repository.markEventFailed(e.id(), T1.plusSeconds(10), false, "host down");
        assertThat(claimAll(T1.plusSeconds(9))).isEmpty();
        PaymentEvent again = claimAll(T1.plusSeconds(10)).get(0);
        assertThat(again.id()).isEqualTo(e.id());
        assertThat(again.attempts()).isEqualTo(1);

        repository.markEventFailed(e.id(), T1.plusSeconds(20), true, "host down");
        assertThat(repository.countParkedEvents()).isEqualTo(1);
        assertThat(claimAll(T1.plusSeconds(5 * 3600))).isEmpty();
        // a parked event no longer holds back its payment's later events
        repository.update(repository.findById(p.id()).orElseThrow()
                .transition(PaymentStatus.REFUNDED, Trigger.REFUND, T1.plusSeconds(5 * 3600), null)
                .toBuilder().refundedAmount(p.money()).build());
        assertThat(claimAll(T1.plusSeconds(5 * 3600))).extracting(PaymentEvent::to).containsExactly("REFUNDED");

        assertThat(repository.redriveParkedEvents(T1.plusSeconds(6 * 3600), 10)).isEqualTo(1);
        assertThat(repository.countParkedEvents()).isZero();
        PaymentEvent redriven = claimAll(T1.plusSeconds(6 * 3600)).get(0);
        assertThat(redriven.id()).isEqualTo(e.id());
        assertThat(redriven.attempts()).isZero();
    }

    @Test
    void deliveredEventsAreNeverClaimedAgainAndArePurgedAfterTheirTime() {
        Payment delivered = paid(inserted(), T1);
        Payment open = paid(inserted(), T1);
        PaymentEvent d = repository.claimEvents(T1, LEASE, 10, delivered.id()).get(0);
        repository.markEventDelivered(d.id(), T1);

        assertThat(claimAll(T1.plusSeconds(300))).extracting(PaymentEvent::paymentId)
                .containsExactly(open.id());
        assertThat(repository.purgeDeliveredEvents(T1, 10)).as("not before its time").isZero();
        assertThat(repository.purgeDeliveredEvents(T1.plusSeconds(1), 10)).isEqualTo(1);
        assertThat(repository.findEventsOf(delivered.id())).isEmpty();
        assertThat(repository.findEventsOf(open.id())).hasSize(1);
    }

    @Test
    void severalEventsAreMarkedDeliveredInOneCallAndAnEarlierMarkKeepsItsTime() {
        List<PaymentEvent> marked = new ArrayList<>();
        for (int i = 0; i < 69; i++) {
            marked.add(repository.claimEvents(T1, LEASE, 10, paid(inserted(), T1).id()).get(0));
        }
        Payment early = paid(inserted(), T1);
        PaymentEvent earlyEvent = repository.claimEvents(T1, LEASE, 10, early.id()).get(0);
        repository.markEventDelivered(earlyEvent.id(), T1);
        Payment open = paid(inserted(), T1);

        List<UUID> ids = new ArrayList<>(marked.stream().map(PaymentEvent::id).toList());
        ids.add(ids.get(0));
        ids.add(earlyEvent.id());
        repository.markEventsDelivered(ids, T1.plusSeconds(10));

        assertThat(claimAll(T1.plusSeconds(300))).as("after the lease, only the unmarked one")
                .extracting(PaymentEvent::paymentId).containsExactly(open.id());
        assertThat(repository.purgeDeliveredEvents(T1.plusSeconds(1), 100))
                .as("the earlier mark kept its time").isEqualTo(1);
        assertThat(repository.purgeDeliveredEvents(T1.plusSeconds(11), 100)).isEqualTo(69);
        assertThat(repository.findEventsOf(open.id())).hasSize(1);
    }

    @Test
    void feedPositionsFollowTheOrderEventsWereWrittenAndNeverRepeat() {
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            payments.add(paid(inserted(), T1.plusSeconds(i)));
        }
        assertThat(repository.findEvents(0, 10)).as("no position before sequencing").isEmpty();

        assertThat(repository.sequenceEvents(3)).isEqualTo(3);
        assertThat(repository.sequenceEvents(10)).isEqualTo(2);
        assertThat(repository.sequenceEvents(10)).isZero();

        List<PaymentEvent> feed = repository.findEvents(0, 10);
        assertThat(feed).extracting(PaymentEvent::paymentId)
                .containsExactlyElementsOf(payments.stream().map(Payment::id).toList());
        assertThat(feed).extracting(PaymentEvent::position).isSorted().doesNotHaveDuplicates();
        assertThat(repository.findEvents(feed.get(2).position(), 10)).hasSize(2);
        paid(inserted(), T1.plusSeconds(10));
        repository.sequenceEvents(10);
        assertThat(repository.findEvents(feed.get(4).position(), 10)).hasSize(1)
                .allSatisfy(e -> assertThat(e.position()).isGreaterThan(feed.get(4).position()));
    }

    @Test
    void concurrentClaimersNeverReceiveTheSameEvent() throws Exception {
        for (int i = 0; i < 60; i++) {
            paid(inserted(), T1);
        }
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        List<UUID> twice = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<PaymentEvent>>> claims = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                claims.add(pool.submit(() -> repository.claimEvents(T1, LEASE, 25, null)));
            }
            int total = 0;
            for (Future<List<PaymentEvent>> f : claims) {
                for (PaymentEvent e : f.get(30, TimeUnit.SECONDS)) {
                    total++;
                    if (!seen.add(e.id())) {
                        twice.add(e.id());
                    }
                }
            }
            assertThat(twice).isEmpty();
            assertThat(total).isEqualTo(seen.size()).isLessThanOrEqualTo(60).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentSequencersGiveEveryEventOnePositionAndNoGaps() throws Exception {
        for (int i = 0; i < 40; i++) {
            paid(inserted(), T1);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> repository.sequenceEvents(15)));
            }
            int given = 0;
            for (Future<Integer> f : runs) {
                given += f.get(30, TimeUnit.SECONDS);
            }
            given += repository.sequenceEvents(100);
            assertThat(given).isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
        List<PaymentEvent> feed = repository.findEvents(0, 100);
        assertThat(feed).hasSize(40);
        Set<Long> positions = new HashSet<>();
        feed.forEach(e -> positions.add(e.position()));
        assertThat(positions).hasSize(40);
        long first = feed.get(0).position();
        assertThat(feed.get(39).position() - first).as("no gaps").isEqualTo(39);
    }
}
