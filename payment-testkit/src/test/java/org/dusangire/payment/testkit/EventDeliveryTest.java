package org.dusangire.payment.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentEvent;
import org.dusangire.payment.core.port.PaymentEventListener;
import org.dusangire.payment.core.port.PaymentStatusChanged;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.StoredAnomaly;
import org.dusangire.payment.core.service.EventDeliveryReport;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.core.service.ReconcileReport;
import org.junit.jupiter.api.Test;

/**
 * Durable events: every change is stored as an event with it and reaches the host at least once,
 * also when the host's listener fails for a while or the process dies between the commit and the
 * listener; the changes feed gives the same events in commit order.
 */
class EventDeliveryTest {
    private final MutableClock clock = new MutableClock(TestPayments.T0);
    private final InMemoryPaymentRepository store = new InMemoryPaymentRepository();
    private final ScriptedPaymentGateway mtn = ScriptedPaymentGateway.named("mtn-momo",
            org.dusangire.payment.core.model.PaymentMethod.MTN_MOBILE_MONEY);
    private final org.dusangire.payment.core.config.PaymentConfig config =
            org.dusangire.payment.core.config.PaymentConfig.builder()
                    .siteUrl("https://hospital.example").merchantName("Test Hospital")
                    .reconcileAfter(Duration.ofMinutes(2)).reconcileLease(Duration.ofMinutes(1))
                    .eventMaxAttempts(3).eventRetryDelay(Duration.ofSeconds(10))
                    .eventRetention(Duration.ofDays(1)).build();

    private PaymentService service(PaymentEventListener... listeners) {
        PaymentService.Builder b = PaymentService.builder().config(config).repository(store)
                .gateway(mtn).clock(clock);
        for (PaymentEventListener l : listeners) {
            b.listener(l);
        }
        return b.build();
    }

    private Payment paid(PaymentService service) {
        Payment p = service.initiate(TestPayments.mtnCheckout().build()).payment();
        mtn.approve(p);
        return service.verify(p.id());
    }

    /** A host listener that fails its first {@code failures} calls, as a host whose database is down. */
    private static final class FlakyHost implements PaymentEventListener {
        final AtomicInteger failuresLeft;
        final List<UUID> handled = new CopyOnWriteArrayList<>();
        final List<PaymentStatusChanged> seen = new CopyOnWriteArrayList<>();

        FlakyHost(int failures) {
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public void onStatusChanged(PaymentStatusChanged event) {
            seen.add(event);
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("the host's order database is down");
            }
            handled.add(event.eventId());
        }
    }

    @Test
    void everyStatusChangeIsStoredAsAnEventWithTheChange() {
        PaymentService service = service();
        Payment p = paid(service);

        List<PaymentEvent> events = service.eventsOf(p.id());

        assertThat(events).extracting(PaymentEvent::type)
                .containsExactly(PaymentEvent.Type.PAYMENT_STATUS_CHANGED);
        PaymentEvent e = events.get(0);
        assertThat(e.from()).isEqualTo("PENDING");
        assertThat(e.to()).isEqualTo("SUCCEEDED");
        assertThat(e.orderReference()).isEqualTo(p.orderReference());
        assertThat(e.amount()).isEqualTo(p.money());
        assertThat(e.id()).isEqualTo(PaymentEvent.ofPaymentChange(store.findById(p.id())
                .orElseThrow(), 1).id());
    }

    @Test
    void listenerThatFailsIsGivenTheSameEventAgainAfterItsBackoff() {
        FlakyHost host = new FlakyHost(2);
        PaymentService service = service(host);
        Payment p = paid(service);
        assertThat(host.handled).isEmpty();

        // not yet due: the first retry waits 10 s, the second 20 s
        assertThat(service.deliverEvents().failed()).isZero();
        clock.advance(Duration.ofSeconds(10));
        EventDeliveryReport second = service.deliverEvents();
        clock.advance(Duration.ofSeconds(20));
        EventDeliveryReport third = service.deliverEvents();

        assertThat(second.failed()).isEqualTo(1);
        assertThat(third.delivered()).isEqualTo(1);
        assertThat(host.handled).hasSize(1);
        assertThat(host.seen).hasSize(3).extracting(PaymentStatusChanged::eventId).containsOnly(
                host.handled.get(0));
        assertThat(host.seen.get(0).payment().id()).isEqualTo(p.id());
        assertThat(service.deliverEvents().delivered()).isZero();
    }

    @Test
    void eventFailedTooOftenIsParkedCountedAndRedrivenOnRequest() {
        FlakyHost host = new FlakyHost(3);
        PaymentService service = service(host);
        paid(service);
        clock.advance(Duration.ofSeconds(10));
        service.deliverEvents();
        clock.advance(Duration.ofSeconds(20));
        EventDeliveryReport third = service.deliverEvents();

        assertThat(third.parked()).isEqualTo(1);
        assertThat(service.parkedEvents()).isEqualTo(1);
        clock.advance(Duration.ofHours(2));
        assertThat(service.deliverEvents().delivered()).as("parked events wait").isZero();

        EventDeliveryReport redriven = service.redriveParkedEvents(10);

        assertThat(redriven.delivered()).isEqualTo(1);
        assertThat(service.parkedEvents()).isZero();
        assertThat(host.handled).hasSize(1);
    }

    @Test
    void aFailingEventHoldsBackTheLaterEventsOfItsPaymentButNotOthers() {
        List<String> order = new CopyOnWriteArrayList<>();
        AtomicInteger failFirst = new AtomicInteger(1);
        PaymentEventListener host = event -> {
            if (event.to() == PaymentStatus.SUCCEEDED && failFirst.getAndDecrement() > 0) {
                throw new IllegalStateException("down");
            }
            order.add(event.payment().orderReference() + ":" + event.to());
        };
        PaymentService service = service(host);
        Payment first = paid(service);
        service.refund(first.id(), null, "cancelled");
        Payment other = paid(service);

        assertThat(order).containsExactly(other.orderReference() + ":SUCCEEDED");
        clock.advance(Duration.ofSeconds(10));
        service.deliverEvents();

        assertThat(order).containsExactly(other.orderReference() + ":SUCCEEDED",
                first.orderReference() + ":SUCCEEDED", first.orderReference() + ":REFUNDED");
    }

    @Test
    void changesCommittedBeforeACrashReachTheHostFromTheNextPass() {
        // the first instance stores changes and dies before its listener runs
        PaymentService crashed = service();
        Payment p = paid(crashed);
        crashed.refund(p.id(), Money.of("500", "UGX"), null);

        RecordingListener host = new RecordingListener();
        PaymentService restarted = service(host);
        ReconcileReport pass = restarted.reconcile();

        assertThat(pass.events().delivered()).isEqualTo(4);
        assertThat(host.count(p.id(), PaymentStatus.SUCCEEDED)).isEqualTo(1);
        assertThat(host.count(p.id(), PaymentStatus.PARTIALLY_REFUNDED)).isEqualTo(1);
        assertThat(host.refundEvents()).hasSize(2);
        assertThat(restarted.reconcile().events().delivered()).isZero();
    }

    @Test
    void aSecondInstanceLeavesAnEventAloneWhileItsClaimLastsAndTakesItOnlyAfter() {
        // instance A's listener is slow: while it works, the clock passes the reconcile lease and
        // instance B runs a delivery pass; B must not deliver the event A still holds
        List<Integer> heardByBDuringA = new ArrayList<>();
        RecordingListener b = new RecordingListener();
        PaymentService[] other = new PaymentService[1];
        PaymentEventListener slow = new PaymentEventListener() {
            @Override
            public void onStatusChanged(PaymentStatusChanged event) {
                clock.advance(Duration.ofMinutes(5));
                heardByBDuringA.add(other[0].deliverEvents().delivered());
            }
        };
        PaymentConfig leased = PaymentConfig.builder().siteUrl("https://hospital.example")
                .merchantName("Test Hospital").reconcileLease(Duration.ofMinutes(1))
                .eventLease(Duration.ofMinutes(30)).build();
        other[0] = PaymentService.builder().config(leased).repository(store).gateway(mtn)
                .clock(clock).listener(b).build();
        PaymentService a = PaymentService.builder().config(leased).repository(store).gateway(mtn)
                .clock(clock).listener(slow).build();

        Payment p = paid(a);

        assertThat(heardByBDuringA).containsExactly(0);
        assertThat(b.count(p.id(), PaymentStatus.SUCCEEDED)).isZero();
        assertThat(other[0].deliverEvents().delivered()).isZero();

        // with the event lease left at the reconcile lease, the same slow listener is overtaken:
        // delivery is at least once, and the event B hears again carries the same id
        PaymentConfig shortLease = PaymentConfig.builder().siteUrl("https://hospital.example")
                .merchantName("Test Hospital").reconcileLease(Duration.ofMinutes(1)).build();
        assertThat(shortLease.eventLease()).isEqualTo(Duration.ofMinutes(1));
        heardByBDuringA.clear();
        other[0] = PaymentService.builder().config(shortLease).repository(store).gateway(mtn)
                .clock(clock).listener(b).build();
        PaymentService a2 = PaymentService.builder().config(shortLease).repository(store)
                .gateway(mtn).clock(clock).listener(slow).build();
        Payment q = paid(a2);

        assertThat(heardByBDuringA).containsExactly(1);
        assertThat(b.count(q.id(), PaymentStatus.SUCCEEDED)).isEqualTo(1);
    }

    @Test
    void instanceWithoutListenersLeavesEventsForThoseThatHaveThem() {
        PaymentService worker = service();
        Payment p = paid(worker);

        assertThat(worker.reconcile().events().delivered()).isZero();

        RecordingListener host = new RecordingListener();
        assertThat(service(host).deliverEvents().delivered()).isEqualTo(1);
        assertThat(host.count(p.id(), PaymentStatus.SUCCEEDED)).isEqualTo(1);
    }

    @Test
    void changesFeedGivesEveryEventOnceInCommitOrderFromACursor() {
        PaymentService service = service();
        Payment a = paid(service);
        Payment b = paid(service);

        List<PaymentEvent> firstPage = service.events(0, 1);
        List<PaymentEvent> rest = service.events(firstPage.get(0).position(), 10);
        Payment c = paid(service);
        List<PaymentEvent> later = service.events(rest.get(rest.size() - 1).position(), 10);

        assertThat(firstPage).extracting(PaymentEvent::paymentId).containsExactly(a.id());
        assertThat(rest).extracting(PaymentEvent::paymentId).containsExactly(b.id());
        assertThat(later).extracting(PaymentEvent::paymentId).containsExactly(c.id());
        List<Long> positions = new ArrayList<>();
        firstPage.forEach(e -> positions.add(e.position()));
        rest.forEach(e -> positions.add(e.position()));
        later.forEach(e -> positions.add(e.position()));
        assertThat(positions).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void anomaliesAreStoredOpenUntilAcknowledgedAndDeliveredAsEvents() {
        RecordingListener host = new RecordingListener();
        PaymentService service = service(host);
        Payment p = service.initiate(TestPayments.mtnCheckout().build()).payment();
        mtn.settle(p, ProviderStatus.SUCCEEDED, Money.of("1000", "UGX"), null, p.providerReference());
        service.verify(p.id());

        List<StoredAnomaly> open = service.anomalies(true, 10);

        assertThat(open).hasSize(1);
        PaymentAnomaly anomaly = open.get(0).anomaly();
        assertThat(anomaly.kind()).isEqualTo(PaymentAnomaly.Kind.AMOUNT_MISMATCH);
        assertThat(host.anomalies()).extracting(PaymentAnomaly::id).containsExactly(anomaly.id());
        assertThat(service.eventsOf(p.id())).extracting(PaymentEvent::type)
                .contains(PaymentEvent.Type.ANOMALY);
        assertThatThrownBy(() -> service.acknowledgeAnomaly(anomaly.id(), "bad\nname"))
                .isInstanceOf(PaymentValidationException.class);

        assertThat(service.acknowledgeAnomaly(anomaly.id(), "accountant Joy")).isTrue();
        assertThat(service.acknowledgeAnomaly(anomaly.id(), "accountant Joy")).isFalse();
        assertThat(service.anomalies(true, 10)).isEmpty();
        StoredAnomaly acknowledged = service.anomalies(false, 10).get(0);
        assertThat(acknowledged.acknowledgedBy()).isEqualTo("accountant Joy");
        assertThat(acknowledged.acknowledgedAt()).isEqualTo(clock.instant());
    }

    @Test
    void deliveredEventsArePurgedAfterTheirRetentionAndUndeliveredOnesNever() {
        FlakyHost host = new FlakyHost(100);
        PaymentService quiet = service(new RecordingListener());
        paid(quiet);
        PaymentService failing = service(host);
        paid(failing);

        clock.advance(Duration.ofDays(2));
        ReconcileReport pass = failing.reconcile();

        assertThat(pass.eventsPurged()).isEqualTo(1);
        assertThat(store.allEvents()).hasSize(1);
        assertThat(store.allEvents().get(0).attempts()).isPositive();
    }
}
