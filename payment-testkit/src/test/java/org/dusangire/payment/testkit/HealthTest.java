package org.dusangire.payment.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.PaymentStoreUnavailableException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.InitiationResult;
import org.dusangire.payment.core.port.PaymentEventListener;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.PaymentStatusChanged;
import org.dusangire.payment.core.port.PendingBacklog;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.core.port.WebhookNotification;
import org.dusangire.payment.core.service.PaymentHealth;
import org.dusangire.payment.core.service.PaymentHealth.Status;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.core.service.ProviderOperation;
import org.junit.jupiter.api.Test;

/** {@link PaymentService#health()} on the in-memory store: each rule of {@link PaymentHealth}. */
class HealthTest {
    private final ServiceFixture f = new ServiceFixture();

    @Test
    void aFreshServiceIsUpWithNothingPendingAndNoReconcileYet() {
        PaymentHealth health = f.service.health();

        assertThat(health.status()).isEqualTo(Status.UP);
        assertThat(health.reasons()).isEmpty();
        assertThat(health.storeReachable()).isTrue();
        assertThat(health.lastReconcileAt()).isEmpty();
        assertThat(health.sinceLastReconcile()).isEmpty();
        assertThat(health.backlog()).contains(PendingBacklog.EMPTY);
        assertThat(health.oldestPendingAge()).isEmpty();
        assertThat(health.parkedEvents()).hasValue(0);
        assertThat(health.gatewayErrors()).isEmpty();
        assertThat(health.checkedAt()).isEqualTo(f.clock.instant());
    }

    @Test
    void backlogCountsPendingAndOutcomeUnknownAndAgesTheOldest() {
        f.service.initiate(TestPayments.mtnCheckout().build());
        f.clock.advance(Duration.ofMinutes(1));
        f.mtn.script(ScriptedPaymentGateway.InitiationOutcome.TIMEOUT_BEFORE_PROVIDER);
        f.service.initiate(TestPayments.mtnCheckout().build());
        f.clock.advance(Duration.ofMinutes(2));

        PaymentHealth health = f.service.health();

        assertThat(health.backlog()).hasValueSatisfying(b -> {
            assertThat(b.pending()).isEqualTo(2);
            assertThat(b.outcomeUnknown()).isEqualTo(1);
        });
        assertThat(health.oldestPendingAge()).contains(Duration.ofMinutes(3));
        assertThat(health.details()).containsEntry("pending", 2L).containsEntry("outcomeUnknown", 1L)
                .containsEntry("oldestPendingAge", "PT3M");
    }

    @Test
    void aFailingGatewayDegradesUntilACallToItSucceeds() {
        f.mtn.script(ScriptedPaymentGateway.InitiationOutcome.TIMEOUT_BEFORE_PROVIDER);
        f.service.initiate(TestPayments.mtnCheckout().build());

        PaymentHealth failing = f.service.health();

        assertThat(failing.status()).isEqualTo(Status.DEGRADED);
        assertThat(failing.gatewayErrors()).singleElement().satisfies(e -> {
            assertThat(e.gateway()).isEqualTo("mtn-momo");
            assertThat(e.operation()).isEqualTo(ProviderOperation.INITIATE);
            assertThat(e.at()).isEqualTo(f.clock.instant());
            assertThat(e.message()).isEqualTo("initiate: outcome unknown");
            assertThat(e.ongoing()).isTrue();
        });
        assertThat(failing.reasons()).containsExactly("gateway mtn-momo failing: initiate: outcome unknown");

        f.clock.advance(Duration.ofSeconds(5));
        f.service.initiate(TestPayments.mtnCheckout().build());
        PaymentHealth recovered = f.service.health();

        assertThat(recovered.status()).isEqualTo(Status.UP);
        assertThat(recovered.gatewayErrors()).singleElement()
                .satisfies(e -> assertThat(e.ongoing()).isFalse());
    }

    @Test
    void aProviderRefusalIsAnAnswerNotAnOutage() {
        f.mtn.script(ScriptedPaymentGateway.InitiationOutcome.REJECT);
        f.service.initiate(TestPayments.mtnCheckout().build());

        assertThat(f.service.health().status()).isEqualTo(Status.UP);
        assertThat(f.service.health().gatewayErrors()).isEmpty();
    }

    @Test
    void aStatusOutageIsKeptWithItsHttpStatus() {
        Payment p = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
        f.mtn.statusUnavailable(true);
        try {
            f.service.verify(p.id());
        } catch (GatewayUnavailableException expected) {
            // the caller hears it; health keeps it
        }

        PaymentHealth health = f.service.health();

        assertThat(health.status()).isEqualTo(Status.DEGRADED);
        assertThat(health.gatewayErrors()).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo(ProviderOperation.STATUS);
            assertThat(e.message()).isEqualTo("status: unavailable, HTTP 503");
        });
    }

    @Test
    void aGatewayErrorOlderThanTheWindowIsReportedButNoLongerDegrades() {
        f.mtn.script(ScriptedPaymentGateway.InitiationOutcome.TIMEOUT_BEFORE_PROVIDER);
        f.service.initiate(TestPayments.mtnCheckout().build());
        f.clock.advance(Duration.ofMinutes(10).plusSeconds(1)); // five times reconcileAfter

        PaymentHealth health = f.service.health();

        assertThat(health.gatewayErrors()).singleElement()
                .satisfies(e -> assertThat(e.ongoing()).isTrue());
        assertThat(health.reasons()).containsExactly("reconciliation has not run on this instance");
    }

    @Test
    void reconciliationThatStopsRunningDegrades() {
        f.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(f.service.health().reasons())
                .containsExactly("reconciliation has not run on this instance");

        f.service.reconcile();
        PaymentHealth justRan = f.service.health();
        assertThat(justRan.status()).isEqualTo(Status.UP);
        assertThat(justRan.lastReconcileAt()).contains(f.clock.instant());
        assertThat(justRan.sinceLastReconcile()).contains(Duration.ZERO);

        f.clock.advance(Duration.ofMinutes(4));
        assertThat(f.service.health().sinceLastReconcile()).contains(Duration.ofMinutes(4));
        assertThat(f.service.health().status()).isEqualTo(Status.UP);

        f.clock.advance(Duration.ofMinutes(7));
        assertThat(f.service.health().status()).isEqualTo(Status.DEGRADED);
        assertThat(f.service.health().reasons()).containsExactly("reconciliation has not run for PT11M");
    }

    @Test
    void parkedEventsDegrade() {
        ServiceFixture parked = new ServiceFixture(null, c -> c.eventMaxAttempts(1));
        PaymentService service = PaymentService.builder().config(parked.config)
                .repository(parked.store).gateway(parked.mtn).clock(parked.clock)
                .listener(new PaymentEventListener() {
                    @Override
                    public void onStatusChanged(PaymentStatusChanged event) {
                        throw new IllegalStateException("the host's database is down");
                    }
                }).build();
        Payment p = service.initiate(TestPayments.mtnCheckout().build()).payment();
        parked.mtn.approve(p);
        service.verify(p.id());

        PaymentHealth health = service.health();

        assertThat(health.parkedEvents()).hasValue(1);
        assertThat(health.status()).isEqualTo(Status.DEGRADED);
        assertThat(health.reasons()).containsExactly("1 events parked after failed deliveries");
    }

    @Test
    void anUnreachableStoreIsDownAndHealthDoesNotThrow() {
        InMemoryPaymentRepository store = new InMemoryPaymentRepository();
        boolean[] down = {false};
        ServiceFixture broken = new ServiceFixture(new ForwardingPaymentRepository(store) {
            @Override
            public Optional<PendingBacklog> pendingBacklog() {
                if (down[0]) {
                    throw new PaymentStoreUnavailableException("connection refused", null);
                }
                return super.pendingBacklog();
            }
        });
        assertThat(broken.service.health().status()).isEqualTo(Status.UP);

        down[0] = true;
        PaymentHealth health = broken.service.health();

        assertThat(health.status()).isEqualTo(Status.DOWN);
        assertThat(health.storeReachable()).isFalse();
        assertThat(health.reasons()).containsExactly("store unreachable");
        assertThat(health.backlog()).isEmpty();
        assertThat(health.parkedEvents()).isEmpty();
        assertThat(health.details()).containsEntry("status", "DOWN")
                .containsEntry("storeReachable", false).doesNotContainKey("pending");
    }

    @Test
    void aGatewayErrorNeverCarriesTheExceptionsText() {
        String secretish = "Bearer eyJhbGciOi.secret phone +256772123456";
        ServiceFixture leaky = new ServiceFixture();
        PaymentService service = PaymentService.builder().config(leaky.config).repository(leaky.store)
                .clock(leaky.clock).gateway(new LeakyGateway(secretish)).build();

        service.initiate(TestPayments.mtnCheckout().build());

        PaymentHealth health = service.health();
        assertThat(health.gatewayErrors()).singleElement().satisfies(e -> {
            assertThat(e.message()).isEqualTo("initiate: outcome unknown, HTTP 504, code GW_TIMEOUT");
            assertThat(e.message()).doesNotContain("Bearer", "256772123456");
        });
        assertThat(health.toString()).doesNotContain("Bearer", "256772123456");
    }

    /** A gateway whose errors carry text that must not reach a health page. */
    private static final class LeakyGateway implements PaymentGateway {
        private final String text;

        LeakyGateway(String text) {
            this.text = text;
        }

        @Override
        public String name() {
            return "leaky";
        }

        @Override
        public Set<PaymentMethod> methods() {
            return Set.of(PaymentMethod.MTN_MOBILE_MONEY);
        }

        @Override
        public WebhookNotification parseWebhook(InboundRequest request) {
            throw new UnsupportedOperationException("no webhooks");
        }

        @Override
        public InitiationResult initiate(InitiationRequest request) {
            throw new GatewayUnavailableException(text, name(), "GW_TIMEOUT",
                    request.payment().id().toString(), 504, null);
        }

        @Override
        public StatusReport checkStatus(Payment payment) {
            throw new GatewayUnavailableException(text, name(), null, null, null, null);
        }
    }
}
