package org.dusangire.payment.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PendingBacklog;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.service.CheckoutRequest;
import org.dusangire.payment.core.service.PaymentObserver;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.core.service.ProviderOperation;
import org.dusangire.payment.core.service.ReconcileReport;
import org.junit.jupiter.api.Test;

/** What {@link PaymentObserver} hears from the service, and that it never holds an id. */
class ObserverTest {
    private final ServiceFixture f = new ServiceFixture();
    private final Recording seen = new Recording();
    private final PaymentService service = PaymentService.builder().config(f.config)
            .repository(f.store).gateway(f.mtn).clock(f.clock).observer(seen).build();

    @Test
    void anAcceptedInitiationIsOneCallOneInitiation() {
        service.initiate(TestPayments.mtnCheckout().build());

        assertThat(seen.events).containsExactly(
                "call mtn-momo initiate success",
                "initiation mtn-momo MTN_MOBILE_MONEY accepted");
    }

    @Test
    void refusalsTimeoutsAndReplaysAreToldApart() {
        f.mtn.script(ScriptedPaymentGateway.InitiationOutcome.REJECT);
        service.initiate(TestPayments.mtnCheckout().build());
        f.mtn.script(ScriptedPaymentGateway.InitiationOutcome.TIMEOUT_BEFORE_PROVIDER);
        CheckoutRequest request = TestPayments.mtnCheckout().build();
        service.initiate(request);
        service.initiate(request);

        assertThat(seen.events).containsExactly(
                "call mtn-momo initiate rejected",
                "status mtn-momo MTN_MOBILE_MONEY PENDING->FAILED",
                "initiation mtn-momo MTN_MOBILE_MONEY rejected",
                "call mtn-momo initiate unavailable",
                "initiation mtn-momo MTN_MOBILE_MONEY outcome-unknown",
                "initiation mtn-momo MTN_MOBILE_MONEY replayed");
    }

    @Test
    void webhooksStatusChangesAndAnomaliesAreTold() {
        Payment p = service.initiate(TestPayments.mtnCheckout().build()).payment();
        f.mtn.approve(p);
        seen.events.clear();

        service.handleWebhook("mtn-momo", f.mtn.webhook(p, ProviderStatus.SUCCEEDED, "e1"));
        service.handleWebhook("mtn-momo", f.mtn.webhook(p, ProviderStatus.SUCCEEDED, "e1"));
        assertThatThrownBy(() -> service.handleWebhook("mtn-momo",
                f.mtn.forgedWebhook(p, ProviderStatus.SUCCEEDED, "e2")))
                .isInstanceOf(WebhookRejectedException.class);
        assertThatThrownBy(() -> service.handleWebhook("no-such-" + p.id(),
                f.mtn.webhook(p, ProviderStatus.SUCCEEDED, "e3")))
                .isInstanceOf(WebhookRejectedException.class);
        f.mtn.fail(p, "LATE");
        service.handleWebhook("mtn-momo", f.mtn.webhook(p, ProviderStatus.FAILED, "e4"));

        assertThat(seen.events).containsExactly(
                "call mtn-momo status success",
                "status mtn-momo MTN_MOBILE_MONEY PENDING->SUCCEEDED",
                "webhook mtn-momo processed",
                "webhook mtn-momo duplicate",
                "webhook mtn-momo rejected",
                "webhook unknown rejected",
                "call mtn-momo status success",
                "anomaly mtn-momo CONTRADICTING_REPORT",
                "webhook mtn-momo processed");
    }

    @Test
    void aReconcilePassIsToldWithTheBacklog() {
        f.mtn.script(ScriptedPaymentGateway.InitiationOutcome.TIMEOUT_BEFORE_PROVIDER);
        service.initiate(TestPayments.mtnCheckout().build());
        service.initiate(TestPayments.mtnCheckout().build());
        seen.events.clear();

        service.reconcile();

        assertThat(seen.events).contains("reconcile checked=0", "backlog 2/1 age=PT0S");
        f.clock.advance(Duration.ofMinutes(3));
        seen.events.clear();
        service.health();
        assertThat(seen.events).containsExactly("backlog 2/1 age=PT3M");
    }

    @Test
    void passesDrainingFullBatchesSampleTheBacklogEveryFiveSecondsAndTheDrainsEndAlways() {
        ServiceFixture g = new ServiceFixture(null, c -> c.reconcileBatchSize(1));
        Recording heard = new Recording();
        PaymentService drain = PaymentService.builder().config(g.config).repository(g.store)
                .gateway(g.mtn).clock(g.clock).observer(heard).build();
        for (int i = 0; i < 3; i++) {
            drain.initiate(TestPayments.mtnCheckout().build());
        }
        g.clock.advance(Duration.ofMinutes(3));
        heard.events.clear();

        drain.reconcile();
        drain.reconcile();
        assertThat(passesAndSamples(heard))
                .as("a full batch right after a sample is not sampled again")
                .containsExactly("reconcile checked=1", "backlog 3/0 age=PT3M",
                        "reconcile checked=1");
        g.clock.advance(Duration.ofSeconds(5));
        heard.events.clear();
        drain.reconcile();
        drain.reconcile();
        assertThat(passesAndSamples(heard)).as("five seconds on, and the pass that finds no more")
                .containsExactly("reconcile checked=1", "backlog 3/0 age=PT3M5S",
                        "reconcile checked=0", "backlog 3/0 age=PT3M5S");
    }

    private static List<String> passesAndSamples(Recording heard) {
        return heard.events.stream()
                .filter(e -> e.startsWith("reconcile ") || e.startsWith("backlog ")).toList();
    }

    @Test
    void anObserverThatThrowsChangesNothing() {
        PaymentService fragile = PaymentService.builder().config(f.config).repository(f.store)
                .gateway(f.mtn).clock(f.clock).observer(new PaymentObserver() {
                    @Override
                    public ProviderCall providerCall(String gateway, ProviderOperation operation) {
                        throw new IllegalStateException("metrics broke");
                    }

                    @Override
                    public void statusChange(String gateway, PaymentMethod method,
                            PaymentStatus from, PaymentStatus to) {
                        throw new IllegalStateException("metrics broke");
                    }
                }).build();
        Payment p = fragile.initiate(TestPayments.mtnCheckout().build()).payment();
        f.mtn.approve(p);

        assertThat(fragile.verify(p.id()).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    @Test
    void nothingToldHoldsAnIdAReferenceOrAPhoneAndTheLinesDoNotGrowWithPayments() {
        Set<String> afterOne = null;
        for (int i = 0; i < 5; i++) {
            Payment p = service.initiate(TestPayments.mtnCheckout().build()).payment();
            f.mtn.approve(p);
            service.handleWebhook("mtn-momo", f.mtn.webhook(p, ProviderStatus.SUCCEEDED, "w" + i));
            assertThat(String.join("\n", seen.events)).doesNotContain(p.id().toString(),
                    p.orderReference(), p.payer().msisdn().digits());
            if (afterOne == null) {
                afterOne = Set.copyOf(seen.events);
            }
        }
        assertThat(Set.copyOf(seen.events)).isEqualTo(afterOne);
    }

    /** Keeps each call as one line; a distinct set that grows with payments would be a bug. */
    private static final class Recording implements PaymentObserver {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public ProviderCall providerCall(String gateway, ProviderOperation operation) {
            return (outcome, duration) -> {
                assertThat(duration.isNegative()).isFalse();
                events.add("call " + gateway + " " + operation.tag() + " " + outcome.tag());
            };
        }

        @Override
        public void initiation(String gateway, PaymentMethod method, InitiationOutcome outcome) {
            events.add("initiation " + gateway + " " + method + " " + outcome.tag());
        }

        @Override
        public void statusChange(String gateway, PaymentMethod method, PaymentStatus from,
                PaymentStatus to) {
            events.add("status " + gateway + " " + method + " " + from + "->" + to);
        }

        @Override
        public void anomaly(String gateway, PaymentAnomaly.Kind kind) {
            events.add("anomaly " + gateway + " " + kind);
        }

        @Override
        public void webhook(String gateway, WebhookOutcome outcome) {
            events.add("webhook " + gateway + " " + outcome.tag());
        }

        @Override
        public void reconcilePass(ReconcileReport report, Duration duration) {
            events.add("reconcile checked=" + report.checked());
        }

        @Override
        public void backlog(PendingBacklog backlog, Duration oldestAge) {
            events.add("backlog " + backlog.pending() + "/" + backlog.outcomeUnknown() + " age="
                    + oldestAge);
        }
    }
}
