package org.dusangire.payment.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundChange;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.model.StatusChange;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.service.CheckoutRequest;

/** Test-data builders with sensible defaults; change what the test is about and nothing else. */
public final class TestPayments {
    /** A fixed, millisecond-precise instant that every store can keep exactly. */
    public static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private TestPayments() {
    }

    /**
     * A new pending payment of 1,500 UGX by MTN Mobile Money through gateway {@code gatewayName},
     * created at {@code createdAt} (truncated to milliseconds), with its creation history entry.
     */
    public static Payment.Builder pending(String gatewayName, Instant createdAt) {
        Instant at = createdAt.truncatedTo(ChronoUnit.MILLIS);
        PaymentId id = PaymentId.random();
        return Payment.builder()
                .id(id)
                .orderReference("ORDER-" + id.toString().substring(0, 8))
                .idempotencyKey("key-" + UUID.randomUUID())
                .money(Money.of("1500", "UGX"))
                .method(PaymentMethod.MTN_MOBILE_MONEY)
                .payer(new Payer(Msisdn.parse("+256772123456"), "patient@example.org", "Test Patient"))
                .description("Hospital bill")
                .status(PaymentStatus.PENDING)
                .gatewayName(gatewayName)
                .providerReference(id.toString())
                .callbackToken("tok-" + UUID.randomUUID().toString().replace("-", ""))
                .createdAt(at)
                .updatedAt(at)
                .expiresAt(at.plus(Duration.ofMinutes(30)))
                .addHistory(new StatusChange(null, PaymentStatus.PENDING, at, Trigger.INITIATION, null));
    }

    public static Payment.Builder pending(String gatewayName) {
        return pending(gatewayName, T0);
    }

    /**
     * A new pending refund of {@code amount} (in the payment's currency) of {@code payment},
     * created at {@code createdAt} (truncated to milliseconds) with its creation history entry,
     * its outcome not yet known and no idempotency key.
     */
    public static Refund.Builder pendingRefund(Payment payment, String amount, Instant createdAt) {
        Instant at = createdAt.truncatedTo(ChronoUnit.MILLIS);
        return Refund.builder()
                .id(RefundId.random())
                .paymentId(payment.id())
                .gatewayName(payment.gatewayName())
                .amount(Money.of(amount, payment.money().currency().getCurrencyCode()))
                .reason("item returned")
                .actor("cashier-7")
                .status(RefundStatus.PENDING)
                .outcomeUnknown(true)
                .createdAt(at)
                .addHistory(new RefundChange(null, RefundStatus.PENDING, at, Trigger.REFUND,
                        "asked by cashier-7"));
    }

    /**
     * A checkout of {@code amount} by {@code method} with a fresh idempotency key, from a Ugandan
     * payer on the method's network (Airtel for Airtel Money, MTN otherwise), since the gateways
     * refuse a number of another network.
     */
    public static CheckoutRequest.Builder checkout(PaymentMethod method, String amount, String currency) {
        String phone = method == PaymentMethod.AIRTEL_MONEY ? "+256752604392" : "+256772123456";
        return CheckoutRequest.builder()
                .orderReference("ORDER-" + UUID.randomUUID().toString().substring(0, 8))
                .money(Money.of(amount, currency))
                .method(method)
                .payer(new Payer(Msisdn.parse(phone), "patient@example.org", "Test Patient"))
                .idempotencyKey("key-" + UUID.randomUUID())
                .description("Hospital bill");
    }

    public static CheckoutRequest.Builder mtnCheckout() {
        return checkout(PaymentMethod.MTN_MOBILE_MONEY, "1500", "UGX");
    }
}
