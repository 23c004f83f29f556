package org.dusangire.payment.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dusangire.payment.core.model.PaymentStatus.CANCELLED;
import static org.dusangire.payment.core.model.PaymentStatus.EXPIRED;
import static org.dusangire.payment.core.model.PaymentStatus.FAILED;
import static org.dusangire.payment.core.model.PaymentStatus.PARTIALLY_REFUNDED;
import static org.dusangire.payment.core.model.PaymentStatus.PENDING;
import static org.dusangire.payment.core.model.PaymentStatus.REFUNDED;
import static org.dusangire.payment.core.model.PaymentStatus.SUCCEEDED;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.dusangire.payment.core.error.IllegalPaymentStateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PaymentStatusTest {
    private static final Instant LATER = PaymentFixtures.CREATED.plusSeconds(60);

    @Test
    void pendingLeadsToExactlyOneOfTheFourOutcomes() {
        assertThat(PENDING.successors()).containsExactlyInAnyOrder(SUCCEEDED, FAILED, CANCELLED, EXPIRED);
        assertThat(PENDING.isFinal()).isFalse();
        assertThat(PENDING.isPaid()).isFalse();
    }

    @Test
    void succeededMayOnlyBeRefunded() {
        assertThat(SUCCEEDED.successors()).containsExactlyInAnyOrder(PARTIALLY_REFUNDED, REFUNDED);
        assertThat(PARTIALLY_REFUNDED.successors()).containsExactlyInAnyOrder(PARTIALLY_REFUNDED, REFUNDED);
    }

    @ParameterizedTest
    @EnumSource(names = {"FAILED", "CANCELLED", "EXPIRED", "REFUNDED"})
    void terminalStatusesAcceptNothing(PaymentStatus status) {
        assertThat(status.successors()).isEmpty();
        for (PaymentStatus next : PaymentStatus.values()) {
            assertThat(status.canBecome(next)).as("%s -> %s", status, next).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    void noStatusLeadsBackToPending(PaymentStatus status) {
        assertThat(status.isFinal()).isTrue();
        assertThat(status.canBecome(PENDING)).isFalse();
    }

    @Test
    void onlySucceededAndRefundsCountAsPaid() {
        assertThat(EnumSet.allOf(PaymentStatus.class).stream().filter(PaymentStatus::isPaid))
                .containsExactlyInAnyOrder(SUCCEEDED, PARTIALLY_REFUNDED, REFUNDED);
    }

    @Test
    void aPaidStatusNeverBecomesAnUnpaidOne() {
        for (PaymentStatus paid : List.of(SUCCEEDED, PARTIALLY_REFUNDED)) {
            assertThat(paid.successors()).allMatch(PaymentStatus::isPaid);
        }
    }

    @Test
    void acceptedTransitionIsRecordedInTheHistoryWithItsTriggerAndDetail() {
        Payment pending = PaymentFixtures.pending();

        Payment failed = pending.transition(FAILED, Trigger.WEBHOOK, LATER, "PAYER_NOT_FOUND");

        assertThat(failed.status()).isEqualTo(FAILED);
        assertThat(failed.failureReason()).isEqualTo("PAYER_NOT_FOUND");
        assertThat(failed.updatedAt()).isEqualTo(LATER);
        assertThat(failed.history()).hasSize(2);
        assertThat(failed.history().get(1))
                .isEqualTo(new StatusChange(PENDING, FAILED, LATER, Trigger.WEBHOOK, "PAYER_NOT_FOUND"));
        assertThat(pending.status()).as("the original is immutable").isEqualTo(PENDING);
        assertThat(pending.history()).hasSize(1);
    }

    @Test
    void transitionClearsTheOutcomeUnknownFlag() {
        Payment unknown = PaymentFixtures.pending().toBuilder().outcomeUnknown(true).build();

        assertThat(unknown.transition(SUCCEEDED, Trigger.RECONCILE, LATER, null).outcomeUnknown()).isFalse();
    }

    @Test
    void successDoesNotSetAFailureReason() {
        Payment paid = PaymentFixtures.pending().transition(SUCCEEDED, Trigger.VERIFY, LATER, "confirmed");

        assertThat(paid.failureReason()).isNull();
        assertThat(paid.history().get(1).detail()).isEqualTo("confirmed");
    }

    @Test
    void refusedTransitionThrowsAndChangesNothing() {
        Payment paid = PaymentFixtures.pending().transition(SUCCEEDED, Trigger.WEBHOOK, LATER, null);

        assertThatThrownBy(() -> paid.transition(FAILED, Trigger.WEBHOOK, LATER.plusSeconds(1), "late"))
                .isInstanceOf(IllegalPaymentStateException.class)
                .hasMessageContaining("SUCCEEDED").hasMessageContaining("FAILED")
                .satisfies(e -> assertThat(((IllegalPaymentStateException) e).paymentReference())
                        .isEqualTo(paid.id().toString()));
        assertThat(paid.status()).isEqualTo(SUCCEEDED);
        assertThat(paid.history()).hasSize(2);
        assertThat(paid.updatedAt()).isEqualTo(LATER);
        assertThat(paid.failureReason()).isNull();
    }

    @Test
    void historyCannotBeChangedFromOutside() {
        Payment payment = PaymentFixtures.pending();

        assertThatThrownBy(() -> payment.history().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Property(tries = 1000)
    void randomAttemptedTransitionsKeepTheStateMachine(
            @ForAll("attempts") List<PaymentStatus> attempts) {
        Payment payment = PaymentFixtures.pending();
        List<StatusChange> accepted = new ArrayList<>(payment.history());
        Instant at = PaymentFixtures.CREATED;
        boolean wasFinal = false;
        boolean wasPaid = false;

        for (PaymentStatus next : attempts) {
            at = at.plusSeconds(1);
            PaymentStatus before = payment.status();
            List<StatusChange> historyBefore = payment.history();
            try {
                payment = payment.transition(next, Trigger.RECONCILE, at, "to " + next);
                assertThat(before.canBecome(next)).as("accepted %s -> %s", before, next).isTrue();
                accepted.add(new StatusChange(before, next, at, Trigger.RECONCILE, "to " + next));
            } catch (IllegalPaymentStateException refused) {
                assertThat(before.canBecome(next)).as("refused %s -> %s", before, next).isFalse();
                assertThat(payment.status()).isEqualTo(before);
                assertThat(payment.history()).isEqualTo(historyBefore);
            }
            PaymentStatus now = payment.status();
            if (wasFinal) {
                assertThat(now).isNotEqualTo(PENDING);
            }
            if (wasPaid) {
                assertThat(now.isPaid()).as("paid payment became %s", now).isTrue();
            }
            if (before == FAILED || before == CANCELLED || before == EXPIRED || before == REFUNDED) {
                assertThat(now).isEqualTo(before);
            }
            wasFinal |= now.isFinal();
            wasPaid |= now.isPaid();
        }
        assertThat(payment.history()).containsExactlyElementsOf(accepted);
    }

    @Provide
    Arbitrary<List<PaymentStatus>> attempts() {
        return Arbitraries.of(PaymentStatus.class).list().ofMaxSize(12);
    }
}
