package org.dusangire.payment.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.PaymentEventListener;
import org.dusangire.payment.core.port.PaymentStatusChanged;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.service.PaymentService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Log correlation: the library's lines about a payment carry {@code paymentId} and
 * {@code gateway} in the MDC, on the caller's thread, reconciliation's threads and during event
 * delivery, and the MDC is as the host left it afterwards.
 */
class MdcTest {
    private final ServiceFixture f = new ServiceFixture(null,
            c -> c.reconcileParallelism(4).eventMaxAttempts(2));
    private final List<String> seenByListener = new CopyOnWriteArrayList<>();
    private final PaymentService service = PaymentService.builder().config(f.config)
            .repository(f.store).gateway(f.mtn).clock(f.clock)
            .listener(new PaymentEventListener() {
                @Override
                public void onStatusChanged(PaymentStatusChanged event) {
                    seenByListener.add(event.payment().id() + "=" + MDC.get("paymentId") + "/"
                            + MDC.get("gateway"));
                }
            }).build();

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void linesAboutAPaymentCarryItsIdAndGatewayAndTheHostsMdcIsRestored() {
        MDC.put("gateway", "host-value");
        MDC.put("requestId", "r-1");
        Payment p;
        try (Captures logs = new Captures()) {
            f.mtn.script(ScriptedPaymentGateway.InitiationOutcome.REJECT);
            p = service.initiate(TestPayments.mtnCheckout().build()).payment();

            assertCorrelated(logs, List.of(p));
        }
        assertThat(MDC.get("paymentId")).isNull();
        assertThat(MDC.get("gateway")).isEqualTo("host-value");
        assertThat(MDC.get("requestId")).isEqualTo("r-1");
    }

    @Test
    void webhooksAndEventDeliveryCarryThePayment() {
        Payment p = service.initiate(TestPayments.mtnCheckout().build()).payment();
        f.mtn.approve(p);
        try (Captures logs = new Captures()) {
            service.handleWebhook("mtn-momo", f.mtn.webhook(p, ProviderStatus.SUCCEEDED, "e1"));

            assertCorrelated(logs, List.of(p));
        }
        assertThat(seenByListener).containsExactly(p.id() + "=" + p.id() + "/mtn-momo");
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void reconciliationThreadsCarryEachPaymentAndKeepNothingAfterwards() {
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            f.mtn.script(ScriptedPaymentGateway.InitiationOutcome.TIMEOUT_AFTER_PROVIDER);
            Payment p = service.initiate(TestPayments.mtnCheckout().build()).payment();
            if (i % 2 == 0) {
                f.mtn.approve(p);
            }
            payments.add(p);
        }
        f.clock.advance(Duration.ofMinutes(3));
        try (Captures logs = new Captures()) {
            service.reconcile();

            assertCorrelated(logs, payments);
            assertThat(logs.lines()).anyMatch(l -> l.contains(payments.get(0).id().toString()));
        }
        assertThat(seenByListener).hasSize(3).allSatisfy(line -> {
            String[] parts = line.split("=");
            assertThat(parts[1]).isEqualTo(parts[0] + "/mtn-momo");
        });
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    /**
     * The service's loggers at DEBUG (the test configuration quiets each by name, so each is
     * opened by name).
     */
    private static final class Captures implements AutoCloseable {
        private final List<LogCapture> captures = new ArrayList<>();

        Captures() {
            for (String name : List.of("CheckoutDesk", "PaymentWriter", "Settlement",
                    "NotificationDesk", "Reconciler", "EventDesk", "RefundDesk")) {
                captures.add(LogCapture.atDebug("org.dusangire.payment.core.service." + name));
            }
        }

        List<String> lines() {
            return captures.stream().flatMap(c -> c.lines().stream()).toList();
        }

        List<Map<String, String>> mdc() {
            return captures.stream().flatMap(c -> c.mdc().stream()).toList();
        }

        @Override
        public void close() {
            captures.forEach(LogCapture::close);
        }
    }

    /** Every captured line naming one of {@code payments} was logged with its id and gateway. */
    private static void assertCorrelated(Captures logs, List<Payment> payments) {
        List<String> lines = logs.lines();
        List<Map<String, String>> mdc = logs.mdc();
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            for (Payment p : payments) {
                if (lines.get(i).contains(p.id().toString())) {
                    assertThat(mdc.get(i)).as(lines.get(i))
                            .containsEntry("paymentId", p.id().toString())
                            .containsEntry("gateway", "mtn-momo");
                    checked++;
                }
            }
        }
        assertThat(checked).as("lines naming a payment").isPositive();
    }
}
