package org.dusangire.payment.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentFixtures;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.PaymentRepository;
import org.junit.jupiter.api.Test;

/**
 * A decision changes what happens to a payment, never what it was created with: the store writes
 * only the changeable columns, so a decision that alters a creation field is refused before
 * anything is written.
 */
class PaymentWriterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"),
            ZoneOffset.UTC);

    private final List<Payment> updates = new CopyOnWriteArrayList<>();
    private final PaymentRepository repository = (PaymentRepository) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {PaymentRepository.class},
            (proxy, method, args) -> {
                if (method.getName().equals("update") && args.length == 3) {
                    Payment p = (Payment) args[0];
                    updates.add(p);
                    return p.toBuilder().version(p.version() + 1).build();
                }
                throw new UnsupportedOperationException(method.getName());
            });
    private final PaymentWriter writer = new PaymentWriter(repository, CLOCK,
            new EventDesk(repository, CLOCK, PaymentConfig.builder()
                    .siteUrl(URI.create("https://hospital.example")).build(), List.of()),
            PaymentObserver.NONE);

    @Test
    void aChangeOfStatusIsStored() {
        Payment pending = PaymentFixtures.pending();

        Payment stored = writer.store(pending, cur -> Decision.change(cur.transition(
                PaymentStatus.SUCCEEDED, Trigger.WEBHOOK, CLOCK.instant(), null)), null);

        assertThat(stored.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(updates).hasSize(1);
    }

    @Test
    void aDecisionThatAltersTheAmountIsRefusedAndNothingIsWritten() {
        Payment pending = PaymentFixtures.pending();

        assertThatThrownBy(() -> writer.store(pending, cur -> Decision.change(cur.toBuilder()
                .money(Money.of(15, "UGX")).updatedAt(CLOCK.instant()).build()), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("amount");
        assertThat(updates).isEmpty();
    }

    @Test
    void aDecisionThatAltersTheExpiryOrThePayerIsRefused() {
        Payment pending = PaymentFixtures.pending();

        assertThatThrownBy(() -> writer.store(pending, cur -> Decision.change(cur.toBuilder()
                .expiresAt(cur.expiresAt().plusSeconds(3600)).build()), null))
                .hasMessageContaining("expiry time");
        assertThatThrownBy(() -> writer.store(pending, cur -> Decision.change(cur.toBuilder()
                .payer(Payer.none()).build()), null))
                .hasMessageContaining("payer");
        assertThat(updates).isEmpty();
    }
}
