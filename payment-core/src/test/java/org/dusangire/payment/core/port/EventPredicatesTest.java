package org.dusangire.payment.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentFixtures;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundChange;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.model.StatusChange;
import org.dusangire.payment.core.model.Trigger;
import org.junit.jupiter.api.Test;

/** The predicates a listener writes its "give value" and "money went back" branches with. */
class EventPredicatesTest {
    private static final Instant AT = PaymentFixtures.CREATED.plusSeconds(60);

    @Test
    void aChangesEventIdIsTheNameBasedUuidOfItsPaymentAndPlaceInTheHistory() {
        for (int i = 0; i < 1_000; i++) {
            Payment payment = PaymentFixtures.pending().toBuilder().id(PaymentId.random()).build()
                    .transition(PaymentStatus.SUCCEEDED, Trigger.WEBHOOK, AT, "paid");
            UUID expected = UUID.nameUUIDFromBytes(("payment:" + payment.id() + ":1")
                    .getBytes(StandardCharsets.UTF_8));

            assertThat(PaymentEvent.ofPaymentChange(payment, 1).id()).isEqualTo(expected);
        }
    }

    @Test
    void onlySucceededIsPaid() {
        Payment payment = PaymentFixtures.pending();
        for (PaymentStatus to : PaymentStatus.values()) {
            var event = new PaymentStatusChanged(payment, PaymentStatus.PENDING, to,
                    Trigger.WEBHOOK, AT, UUID.randomUUID());
            assertThat(event.isPaid()).as("%s is paid", to).isEqualTo(to == PaymentStatus.SUCCEEDED);
        }
    }

    @Test
    void onlyASucceededRefundIsRefunded() {
        Payment payment = PaymentFixtures.pending();
        Refund refund = refund(payment);
        assertThat(new RefundChanged(refund, payment, null, RefundStatus.PENDING, AT,
                UUID.randomUUID()).isRefunded()).as("created").isFalse();
        assertThat(new RefundChanged(refund, payment, RefundStatus.PENDING, RefundStatus.FAILED,
                AT, UUID.randomUUID()).isRefunded()).as("failed").isFalse();
        assertThat(new RefundChanged(refund, payment, RefundStatus.PENDING, RefundStatus.SUCCEEDED,
                AT, UUID.randomUUID()).isRefunded()).as("succeeded").isTrue();
    }

    @Test
    void theChangesFeedSaysTheSame() {
        Payment pending = PaymentFixtures.pending();
        for (PaymentStatus to : Arrays.asList(PaymentStatus.SUCCEEDED, PaymentStatus.FAILED,
                PaymentStatus.EXPIRED)) {
            Payment moved = pending.toBuilder().status(to)
                    .addHistory(new StatusChange(PaymentStatus.PENDING, to, AT, Trigger.WEBHOOK, null))
                    .build();
            PaymentEvent event = PaymentEvent.ofPaymentChange(moved, 1);
            assertThat(event.isPaid()).as("%s is paid", to).isEqualTo(to == PaymentStatus.SUCCEEDED);
            assertThat(event.isRefunded()).isFalse();
        }
        Refund created = refund(pending);
        Refund succeeded = created.transition(RefundStatus.SUCCEEDED, Trigger.WEBHOOK, AT, null);
        Refund failed = created.transition(RefundStatus.FAILED, Trigger.WEBHOOK, AT, "refused");
        assertThat(PaymentEvent.ofRefundChange(created, 0).isRefunded()).as("created").isFalse();
        assertThat(PaymentEvent.ofRefundChange(failed, 1).isRefunded()).as("failed").isFalse();
        assertThat(PaymentEvent.ofRefundChange(succeeded, 1).isRefunded()).as("succeeded").isTrue();
        assertThat(PaymentEvent.ofRefundChange(succeeded, 1).isPaid())
                .as("a refund event is never a payment").isFalse();
    }

    private static Refund refund(Payment payment) {
        return Refund.builder().id(RefundId.random()).paymentId(payment.id())
                .gatewayName(payment.gatewayName()).amount(Money.of(500, "UGX"))
                .createdAt(AT).addHistory(new RefundChange(null, RefundStatus.PENDING, AT,
                        Trigger.INITIATION, null))
                .build();
    }
}
