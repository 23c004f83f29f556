package org.dusangire.payment.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.testkit.InMemoryPaymentRepository;
import org.dusangire.payment.testkit.MutableClock;
import org.dusangire.payment.testkit.ScriptedPaymentGateway;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.Test;

/** The meters a service run leaves, their tags, and that no tag grows with payments. */
class MicrometerPaymentObserverTest {
    private final MutableClock clock = new MutableClock(TestPayments.T0);
    private final InMemoryPaymentRepository store = new InMemoryPaymentRepository();
    private final ScriptedPaymentGateway mtn = ScriptedPaymentGateway.named("mtn-momo",
            PaymentMethod.MTN_MOBILE_MONEY);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Observation.Context> observed = new CopyOnWriteArrayList<>();
    private final ObservationRegistry observations = ObservationRegistry.create();
    private final MicrometerPaymentObserver observer;
    private final PaymentService service;
    private List<Meter> metersAfter = List.of();

    MicrometerPaymentObserverTest() {
        observations.observationConfig()
                .observationHandler(new DefaultMeterObservationHandler(meters))
                .observationHandler(new ObservationHandler<>() {
                    @Override
                    public void onStop(Observation.Context context) {
                        observed.add(context);
                    }

                    @Override
                    public boolean supportsContext(Observation.Context context) {
                        return true;
                    }
                });
        observer = new MicrometerPaymentObserver(observations, meters);
        service = PaymentService.builder()
                .config(PaymentConfig.builder().siteUrl("https://hospital.example")
                        .merchantName("Test Hospital").reconcileAfter(Duration.ofMinutes(2))
                        .build())
                .repository(store).gateway(mtn).clock(clock).observer(observer).build();
    }

    @Test
    void aPaymentsLifeLeavesTaggedMeters() {
        Payment p = service.initiate(TestPayments.mtnCheckout().build()).payment();
        mtn.approve(p);
        service.handleWebhook("mtn-momo", mtn.webhook(p, ProviderStatus.SUCCEEDED, "e1"));
        service.reconcile();

        assertThat(meters.get(MicrometerPaymentObserver.PROVIDER_CALLS)
                .tags("gateway", "mtn-momo", "operation", "initiate", "outcome", "success")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get(MicrometerPaymentObserver.PROVIDER_CALLS)
                .tags("gateway", "mtn-momo", "operation", "status", "outcome", "success")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get(MicrometerPaymentObserver.INITIATIONS)
                .tags("gateway", "mtn-momo", "method", "MTN_MOBILE_MONEY", "outcome", "accepted")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get(MicrometerPaymentObserver.STATUS_CHANGES)
                .tags("gateway", "mtn-momo", "method", "MTN_MOBILE_MONEY", "from", "PENDING",
                        "to", "SUCCEEDED").counter().count()).isEqualTo(1);
        assertThat(meters.get(MicrometerPaymentObserver.WEBHOOKS)
                .tags("gateway", "mtn-momo", "outcome", "processed").counter().count())
                .isEqualTo(1);
        assertThat(meters.get(MicrometerPaymentObserver.RECONCILE_PASSES)
                .tags("outcome", "success").timer().count()).isEqualTo(1);
        assertThat(meters.get(MicrometerPaymentObserver.BACKLOG_PENDING).gauge().value())
                .isZero();
        assertThat(observed).extracting(Observation.Context::getName)
                .containsOnly(MicrometerPaymentObserver.PROVIDER_CALLS).hasSize(2);
        assertThat(observed.get(0).getLowCardinalityKeyValue("operation").getValue())
                .isEqualTo("initiate");
    }

    @Test
    void outagesAnomaliesAndTheBacklogAreCounted() {
        mtn.script(ScriptedPaymentGateway.InitiationOutcome.TIMEOUT_BEFORE_PROVIDER);
        service.initiate(TestPayments.mtnCheckout().build());
        Payment p = service.initiate(TestPayments.mtnCheckout().build()).payment();
        mtn.approve(p);
        service.verify(p.id());
        mtn.fail(p, "LATE");
        service.handleWebhook("mtn-momo", mtn.webhook(p, ProviderStatus.FAILED, "late"));
        assertThatThrownBy(() -> service.handleWebhook("mtn-momo",
                mtn.forgedWebhook(p, ProviderStatus.SUCCEEDED, "forged")))
                .isInstanceOf(WebhookRejectedException.class);
        clock.advance(Duration.ofMinutes(5));
        service.health();

        assertThat(meters.get(MicrometerPaymentObserver.PROVIDER_CALLS)
                .tags("operation", "initiate", "outcome", "unavailable").timer().count())
                .isEqualTo(1);
        assertThat(meters.get(MicrometerPaymentObserver.INITIATIONS)
                .tags("outcome", "outcome-unknown").counter().count()).isEqualTo(1);
        assertThat(meters.get(MicrometerPaymentObserver.ANOMALIES)
                .tags("gateway", "mtn-momo", "kind", "CONTRADICTING_REPORT").counter().count())
                .isEqualTo(1);
        assertThat(meters.get(MicrometerPaymentObserver.WEBHOOKS).tags("outcome", "rejected")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get(MicrometerPaymentObserver.BACKLOG_PENDING).gauge().value())
                .isEqualTo(1);
        assertThat(meters.get(MicrometerPaymentObserver.BACKLOG_OUTCOME_UNKNOWN).gauge().value())
                .isEqualTo(1);
        assertThat(meters.get(MicrometerPaymentObserver.BACKLOG_OLDEST_AGE).timeGauge()
                .value(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(300);
    }

    @Test
    void tokenFetchesAndRateLimitsAreCounted() {
        observer.tokenFetch("mtn-momo", true, Duration.ofMillis(20));
        observer.tokenFetch("mtn-momo", false, Duration.ofMillis(20));
        observer.rateLimited("verify");

        assertThat(meters.get(MicrometerPaymentObserver.TOKEN_FETCHES)
                .tags("gateway", "mtn-momo", "outcome", "success").timer().count()).isEqualTo(1);
        assertThat(meters.get(MicrometerPaymentObserver.TOKEN_FETCHES)
                .tags("outcome", "error").timer().count()).isEqualTo(1);
        assertThat(meters.get(MicrometerPaymentObserver.RATE_LIMITED).tags("limiter", "verify")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void tagValuesDoNotGrowWithPaymentsAndHoldNoIdOrPhone() {
        Map<String, Set<String>> afterFew = tagValuesAfter(runPayments(3));
        List<Payment> more = runPayments(20);
        Map<String, Set<String>> afterMany = tagValuesAfter(more);

        assertThat(afterMany).isEqualTo(afterFew);
        assertThat(meters.getMeters()).hasSameSizeAs(metersAfter);
        for (Payment p : more) {
            for (Set<String> values : afterMany.values()) {
                assertThat(values).noneMatch(v -> v.contains(p.id().toString())
                        || v.contains(p.orderReference())
                        || v.contains(p.payer().msisdn().digits())
                        || v.contains(p.payer().msisdn().digits().substring(3)));
            }
        }
        for (Observation.Context c : observed) {
            assertThat(c.getHighCardinalityKeyValues()).isEmpty();
        }
    }

    private List<Payment> runPayments(int n) {
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Payment p = service.initiate(TestPayments.mtnCheckout().build()).payment();
            if (i % 2 == 0) {
                mtn.approve(p);
            } else {
                mtn.fail(p, "LOW_BALANCE");
            }
            service.handleWebhook("mtn-momo", mtn.webhook(p, i % 2 == 0 ? ProviderStatus.SUCCEEDED
                    : ProviderStatus.FAILED, "evt-" + p.id()));
            payments.add(p);
        }
        service.reconcile();
        if (metersAfter.isEmpty()) {
            metersAfter = List.copyOf(meters.getMeters());
        }
        return payments;
    }

    /** Every tag value of every meter, by meter and tag key, once {@code run} has happened. */
    private Map<String, Set<String>> tagValuesAfter(List<Payment> run) {
        assertThat(run).isNotEmpty();
        Map<String, Set<String>> values = new TreeMap<>();
        for (Meter m : meters.getMeters()) {
            for (Tag t : m.getId().getTags()) {
                values.computeIfAbsent(m.getId().getName() + "/" + t.getKey(),
                        k -> new HashSet<>()).add(t.getValue());
            }
        }
        return values;
    }

    @Test
    void ofMeterRegistryAloneRecordsProviderCallTimers() {
        MeterRegistry alone = new SimpleMeterRegistry();
        PaymentService plain = PaymentService.builder()
                .config(PaymentConfig.builder().siteUrl("https://hospital.example")
                        .merchantName("Test Hospital").build())
                .repository(new InMemoryPaymentRepository()).gateway(mtn).clock(clock)
                .observer(MicrometerPaymentObserver.of(alone)).build();

        plain.initiate(TestPayments.mtnCheckout().build());

        assertThat(alone.get(MicrometerPaymentObserver.PROVIDER_CALLS)
                .tags("operation", "initiate").timer().count()).isEqualTo(1);
    }
}
