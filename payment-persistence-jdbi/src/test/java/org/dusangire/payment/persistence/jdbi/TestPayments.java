package org.dusangire.payment.persistence.jdbi;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.StatusChange;
import org.dusangire.payment.core.model.Trigger;

/** Test data: pending payments at a fixed, millisecond-truncated time. */
final class TestPayments {
    static final Instant T0 = Instant.parse("2025-03-01T08:15:30.123Z").truncatedTo(ChronoUnit.MILLIS);

    private TestPayments() {
    }

    static Payment pending(Instant createdAt) {
        PaymentId id = PaymentId.random();
        return Payment.builder()
                .id(id)
                .orderReference("order-" + id.value().toString().substring(0, 8))
                .idempotencyKey("idem-" + id)
                .money(Money.of("1500", "UGX"))
                .method(PaymentMethod.MTN_MOBILE_MONEY)
                .gatewayName("mtn-momo")
                .createdAt(createdAt)
                .expiresAt(createdAt.plus(Duration.ofMinutes(30)))
                .addHistory(new StatusChange(null, PaymentStatus.PENDING, createdAt,
                        Trigger.INITIATION, null))
                .build();
    }

    static Payment pending() {
        return pending(T0);
    }
}
