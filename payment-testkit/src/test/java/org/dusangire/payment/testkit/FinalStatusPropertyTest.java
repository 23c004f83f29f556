package org.dusangire.payment.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.StatusChange;
import org.dusangire.payment.core.port.ProviderStatus;

/**
 * Whatever a provider reports, in whatever order and through whichever channel, a payment's
 * status only ever moves forward along the state machine, and it succeeds only on a report whose
 * amount, currency and reference match.
 */
class FinalStatusPropertyTest {

    /** One thing the provider says, and how the service hears of it. */
    record Step(ProviderStatus status, int channel, int tamper, int minutes) {
    }

    @Property(tries = 300)
    void noFinalStatusEverChangesBack(@ForAll("steps") List<Step> steps) {
        ServiceFixture f = new ServiceFixture();
        Payment p = f.service.initiate(TestPayments.mtnCheckout().build()).payment();
        PaymentStatus lastSeen = PaymentStatus.PENDING;
        int event = 0;
        for (Step step : steps) {
            Money paid = switch (step.tamper()) {
                case 1 -> Money.of("10", "UGX");
                case 2 -> Money.of("1500", "KES");
                default -> null;
            };
            String reference = step.tamper() == 3 ? "foreign-ref" : p.providerReference();
            f.mtn.settle(p, step.status(), paid, "REASON_" + step.status(), reference);
            f.clock.advance(Duration.ofMinutes(step.minutes()));
            try {
                switch (step.channel()) {
                    case 0 -> f.service.handleWebhook("mtn-momo",
                            f.mtn.webhook(p, step.status(), "e" + event++));
                    case 1 -> f.service.verify(p.id());
                    default -> f.service.reconcile();
                }
            } catch (PaymentException e) {
                // refusals are allowed; what matters is the stored state below
            }
            PaymentStatus now = f.store.findById(p.id()).orElseThrow().status();
            if (lastSeen.isFinal()) {
                assertThat(now).as("final %s never changes back", lastSeen).isEqualTo(lastSeen);
            }
            if (now == PaymentStatus.SUCCEEDED && lastSeen != PaymentStatus.SUCCEEDED) {
                assertThat(step.status()).isEqualTo(ProviderStatus.SUCCEEDED);
                assertThat(step.tamper()).as("success only on a matching report").isNotIn(1, 2, 3);
            }
            lastSeen = now;
        }
        Payment end = f.store.findById(p.id()).orElseThrow();
        List<StatusChange> history = end.history();
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).from().canBecome(history.get(i).to())).isTrue();
            assertThat(history.get(i).from()).isEqualTo(history.get(i - 1).to());
        }
        assertThat(history.stream().filter(c -> c.to().isFinal()
                && !c.to().isPaid()).count()).isLessThanOrEqualTo(1);
        assertThat(f.listener.events()).hasSize(history.size() - 1);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(ProviderStatus.values()),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 20))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(12);
    }
}
