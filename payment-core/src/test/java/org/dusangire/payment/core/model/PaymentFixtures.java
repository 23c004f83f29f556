package org.dusangire.payment.core.model;

import java.time.Duration;
import java.time.Instant;

/** Payments in a known state for tests of the core. */
public final class PaymentFixtures {
    public static final Instant CREATED = Instant.parse("2025-01-15T08:00:00Z");

    private PaymentFixtures() {
    }

    /** A pending MTN payment of 1500 UGX with its creation in the history. */
    public static Payment pending() {
        return pending(Money.of(1500, "UGX"));
    }

    public static Payment pending(Money money) {
        PaymentId id = PaymentId.random();
        return Payment.builder()
                .id(id)
                .orderReference("ORDER-1")
                .idempotencyKey("key-" + id)
                .money(money)
                .method(PaymentMethod.MTN_MOBILE_MONEY)
                .payer(Payer.ofPhone(Msisdn.parse("+256772123456")))
                .status(PaymentStatus.PENDING)
                .gatewayName("mtn-momo")
                .createdAt(CREATED)
                .expiresAt(CREATED.plus(Duration.ofMinutes(30)))
                .addHistory(new StatusChange(null, PaymentStatus.PENDING, CREATED,
                        Trigger.INITIATION, null))
                .build();
    }
}
