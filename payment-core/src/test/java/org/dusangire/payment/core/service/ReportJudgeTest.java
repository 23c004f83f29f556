package org.dusangire.payment.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dusangire.payment.core.model.PaymentStatus.CANCELLED;
import static org.dusangire.payment.core.model.PaymentStatus.EXPIRED;
import static org.dusangire.payment.core.model.PaymentStatus.FAILED;
import static org.dusangire.payment.core.model.PaymentStatus.PENDING;
import static org.dusangire.payment.core.model.PaymentStatus.SUCCEEDED;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentFixtures;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.StatusChange;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentAnomaly.Kind;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.StatusReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReportJudgeTest {
    private static final Instant NOW = PaymentFixtures.CREATED.plusSeconds(90);
    private static final Money DUE = Money.of(1500, "UGX");

    private final Payment pending = PaymentFixtures.pending(DUE);
    private final String ours = pending.providerReference();

    private static StatusReport report(ProviderStatus status, String reference, Money amount,
            String transactionId, String reason) {
        return new StatusReport(status, reference, amount, transactionId, reason, "{\"raw\":true}");
    }

    private Decision judge(Payment payment, StatusReport report) {
        return ReportJudge.judge(payment, report, Trigger.VERIFY, NOW);
    }

    private static Payment held(Payment pending, PaymentStatus status) {
        return pending.transition(status, Trigger.WEBHOOK, PaymentFixtures.CREATED.plusSeconds(30), null);
    }

    @Test
    void successForOurReferenceAndTheDueAmountSucceedsWithTheProviderTransactionId() {
        Decision d = judge(pending, report(ProviderStatus.SUCCEEDED, ours, DUE, "MTN-42", null));

        assertThat(d.anomaly()).isNull();
        assertThat(d.next().status()).isEqualTo(SUCCEEDED);
        assertThat(d.next().providerTransactionId()).isEqualTo("MTN-42");
        assertThat(d.next().lastGatewayResponse()).isEqualTo("{\"raw\":true}");
        assertThat(d.next().history()).last()
                .isEqualTo(new StatusChange(PENDING, SUCCEEDED, NOW, Trigger.VERIFY, null));
    }

    @Test
    void successWithoutReportedAmountOrReferenceIsTrustedAsTheStatusApiAnswer() {
        Decision d = judge(pending, report(ProviderStatus.SUCCEEDED, null, null, null, null));

        assertThat(d.next().status()).isEqualTo(SUCCEEDED);
        assertThat(d.anomaly()).isNull();
    }

    @Test
    void underpaidSuccessFailsThePaymentAndRaisesAnAmountMismatch() {
        Decision d = judge(pending, report(ProviderStatus.SUCCEEDED, ours, Money.of(1499, "UGX"), "T1", null));

        assertThat(d.next().status()).isEqualTo(FAILED);
        assertThat(d.next().failureReason()).startsWith("AMOUNT_MISMATCH").contains("1499 UGX", "1500 UGX");
        assertThat(d.anomaly().kind()).isEqualTo(Kind.AMOUNT_MISMATCH);
        assertThat(d.anomaly().paymentReference()).isEqualTo(pending.id().toString());
        assertThat(d.anomaly().gatewayName()).isEqualTo("mtn-momo");
        assertThat(d.anomaly().at()).isEqualTo(NOW);
    }

    @Test
    void successInAnotherCurrencyFailsThePaymentAndRaisesACurrencyMismatch() {
        Decision d = judge(pending, report(ProviderStatus.SUCCEEDED, ours, Money.of(1500, "KES"), "T1", null));

        assertThat(d.next().status()).isEqualTo(FAILED);
        assertThat(d.next().failureReason()).startsWith("CURRENCY_MISMATCH");
        assertThat(d.anomaly().kind()).isEqualTo(Kind.CURRENCY_MISMATCH);
    }

    @Test
    void overpaidSuccessStillSucceeds() {
        Decision d = judge(pending, report(ProviderStatus.SUCCEEDED, ours, Money.of(2000, "UGX"), "T1", null));

        assertThat(d.next().status()).isEqualTo(SUCCEEDED);
        assertThat(d.anomaly()).isNull();
    }

    @ParameterizedTest
    @EnumSource(ProviderStatus.class)
    void reportForAForeignReferenceChangesNothingAndRaisesAReferenceMismatch(ProviderStatus status) {
        Decision d = judge(pending, report(status, "someone-else", DUE, "T1", null));

        assertThat(d.next()).isNull();
        assertThat(d.anomaly().kind()).isEqualTo(Kind.REFERENCE_MISMATCH);
        assertThat(d.anomaly().detail()).contains("someone-else");
    }

    @Test
    void referenceComparisonIsExact() {
        Decision d = judge(pending, report(ProviderStatus.SUCCEEDED, ours + " ", DUE, "T1", null));

        assertThat(d.next()).isNull();
        assertThat(d.anomaly().kind()).isEqualTo(Kind.REFERENCE_MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(names = {"FAILED", "CANCELLED", "EXPIRED"})
    void failureReportAfterSuccessChangesNothingAndRaisesAContradiction(ProviderStatus status) {
        Payment paid = held(pending, SUCCEEDED);

        Decision d = judge(paid, report(status, ours, null, null, "LATE_REVERSAL"));

        assertThat(d.next()).isNull();
        assertThat(d.anomaly().kind()).isEqualTo(Kind.CONTRADICTING_REPORT);
        assertThat(d.anomaly().detail()).contains("LATE_REVERSAL", "SUCCEEDED");
    }

    @ParameterizedTest
    @EnumSource(names = {"FAILED", "CANCELLED", "EXPIRED"})
    void successReportAfterAnUnpaidOutcomeChangesNothingAndRaisesAContradiction(PaymentStatus status) {
        Payment ended = held(pending, status);

        Decision d = judge(ended, report(ProviderStatus.SUCCEEDED, ours, DUE, "T1", null));

        assertThat(d.next()).isNull();
        assertThat(d.anomaly().kind()).isEqualTo(Kind.CONTRADICTING_REPORT);
        assertThat(d.anomaly().detail()).contains(status.name());
    }

    @Test
    void repeatedSuccessChangesNothingQuietly() {
        Decision d = judge(held(pending, SUCCEEDED), report(ProviderStatus.SUCCEEDED, ours, DUE, "T1", null));

        assertThat(d).isEqualTo(Decision.NO_CHANGE);
    }

    @Test
    void agreeingFailureOnAnEndedPaymentChangesNothingQuietly() {
        Decision d = judge(held(pending, EXPIRED), report(ProviderStatus.FAILED, ours, null, null, "X"));

        assertThat(d).isEqualTo(Decision.NO_CHANGE);
    }

    @ParameterizedTest
    @EnumSource(names = {"PENDING", "UNKNOWN", "NOT_FOUND"})
    void nonFinalReportsChangeNothing(ProviderStatus status) {
        assertThat(judge(pending, report(status, ours, DUE, "T1", null))).isEqualTo(Decision.NO_CHANGE);
        assertThat(judge(held(pending, SUCCEEDED), report(status, ours, DUE, "T1", null)))
                .isEqualTo(Decision.NO_CHANGE);
    }

    @Test
    void pendingReportOnAnOutcomeUnknownPaymentOnlyClearsTheFlag() {
        Payment unknown = pending.toBuilder().outcomeUnknown(true).build();

        Decision d = judge(unknown, report(ProviderStatus.PENDING, ours, null, null, null));

        assertThat(d.anomaly()).isNull();
        assertThat(d.next().status()).isEqualTo(PENDING);
        assertThat(d.next().outcomeUnknown()).isFalse();
        assertThat(d.next().updatedAt()).isEqualTo(NOW);
        assertThat(d.next().history()).isEqualTo(unknown.history());
    }

    @ParameterizedTest
    @EnumSource(names = {"UNKNOWN", "NOT_FOUND"})
    void unknownOrNotFoundLeavesAnOutcomeUnknownPaymentAsItIs(ProviderStatus status) {
        Payment unknown = pending.toBuilder().outcomeUnknown(true).build();

        assertThat(judge(unknown, report(status, ours, null, null, null))).isEqualTo(Decision.NO_CHANGE);
    }

    @Test
    void providerFailureReasonIsKeptVerbatim() {
        String reason = "LOW_BALANCE: Solde insuffisant / ÿ <b>\"quoted\"</b>";

        Decision d = judge(pending, report(ProviderStatus.FAILED, ours, null, "T9", reason));

        assertThat(d.next().status()).isEqualTo(FAILED);
        assertThat(d.next().failureReason()).isEqualTo(reason);
        assertThat(d.next().providerTransactionId()).isEqualTo("T9");
        assertThat(d.next().history()).last().extracting(StatusChange::detail).isEqualTo(reason);
    }

    @ParameterizedTest
    @EnumSource(names = {"FAILED", "CANCELLED", "EXPIRED"})
    void missingFailureReasonFallsBackToTheStatusName(ProviderStatus status) {
        Decision nullReason = judge(pending, report(status, ours, null, null, null));
        Decision blankReason = judge(pending, report(status, ours, null, null, "  "));

        assertThat(nullReason.next().status().name()).isEqualTo(status.name());
        assertThat(nullReason.next().failureReason()).isEqualTo(status.name());
        assertThat(blankReason.next().failureReason()).isEqualTo(status.name());
    }

    @Test
    void earlierProviderTransactionIdIsKeptWhenTheReportHasNone() {
        Payment known = pending.toBuilder().providerTransactionId("FIRST").lastGatewayResponse("old").build();

        Decision d = judge(known, new StatusReport(ProviderStatus.SUCCEEDED, ours, DUE, null, null, null));

        assertThat(d.next().providerTransactionId()).isEqualTo("FIRST");
        assertThat(d.next().lastGatewayResponse()).isEqualTo("old");
    }

    // ------------------------------------------------------------------ property

    /** A report plus whether everything it states about the money and reference matches. */
    record Scenario(StatusReport report, boolean matches) {
    }

    @Property(tries = 1000)
    void randomReportSequencesNeverUndoAFinalStatusAndOnlyAMatchingSuccessPays(
            @ForAll("reportSequences") List<Scenario> scenarios) {
        Payment payment = pending.toBuilder().outcomeUnknown(true).build();
        PaymentStatus firstFinal = null;

        for (Scenario s : scenarios) {
            PaymentStatus before = payment.status();
            Decision d = ReportJudge.judge(payment, s.report(), Trigger.RECONCILE, NOW);
            if (d.next() == null) {
                continue;
            }
            Payment next = d.next();
            if (firstFinal != null) {
                assertThat(next.status()).as("a final %s must never change on a report", firstFinal)
                        .isEqualTo(firstFinal);
            }
            if (next.status() == SUCCEEDED && before != SUCCEEDED) {
                assertThat(s.report().status()).isEqualTo(ProviderStatus.SUCCEEDED);
                assertThat(s.matches()).as("success applied from a mismatching report %s", s.report()).isTrue();
                assertThat(d.anomaly()).isNull();
            }
            if (next.status() != before) {
                assertThat(next.history()).hasSize(payment.history().size() + 1);
                assertThat(next.history()).last().extracting(StatusChange::from).isEqualTo(before);
            }
            if (next.status().isFinal() && firstFinal == null) {
                firstFinal = next.status();
            }
            payment = next;
        }
        if (firstFinal != null) {
            assertThat(payment.status()).isEqualTo(firstFinal);
        }
    }

    @Provide
    Arbitrary<List<Scenario>> reportSequences() {
        Arbitrary<ProviderStatus> statuses = Arbitraries.of(ProviderStatus.class);
        Arbitrary<Integer> referenceKind = Arbitraries.integers().between(0, 2); // ours, none, foreign
        Arbitrary<Integer> amountKind = Arbitraries.integers().between(0, 4); // due, none, under, over, other currency
        Arbitrary<String> reasons = Arbitraries.of(null, "", "PAYER_NOT_FOUND", "TIMEOUT");
        Arbitrary<Scenario> scenario = Combinators.combine(statuses, referenceKind, amountKind, reasons)
                .as((status, ref, amt, reason) -> {
                    String reference = switch (ref) {
                        case 0 -> ours;
                        case 1 -> null;
                        default -> "foreign-ref";
                    };
                    Money amount = switch (amt) {
                        case 0 -> DUE;
                        case 1 -> null;
                        case 2 -> Money.of(1, "UGX");
                        case 3 -> Money.of(1501, "UGX");
                        default -> Money.of(1500, "KES");
                    };
                    boolean matches = ref != 2 && amt != 2 && amt != 4;
                    return new Scenario(new StatusReport(status, reference, amount, "T", reason, null), matches);
                });
        return scenario.list().ofMaxSize(10);
    }
}
