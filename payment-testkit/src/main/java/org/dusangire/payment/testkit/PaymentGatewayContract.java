package org.dusangire.payment.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.UnsupportedCapabilityException;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.InitiationResult;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.RefundRequest;
import org.dusangire.payment.core.port.RefundResult;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.core.port.WebhookNotification;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PaymentGateway} adapter must show against its provider (or the
 * provider's simulator, over a real socket). Extend it, return the gateway under test, a
 * {@link ProviderDriver} for the customer's side, and payments the gateway can take.
 *
 * <p>Refunds: a gateway without them throws {@link UnsupportedCapabilityException} from both
 * refund calls. A gateway with them sends a refund under the core's refund id and reports where
 * it stands; the same refund id sent twice, or sent again after its answer was lost, never pays
 * out twice (checked against the provider's own ledger, {@link ProviderDriver#refundsAtProvider});
 * a refund the provider never received is NOT_FOUND or UNKNOWN, never COMPLETED; one the provider
 * made whose answer was lost is found, never NOT_FOUND.
 *
 * <p>References: a gateway that takes ours ({@link PaymentGateway.ReferenceRule#OURS_REUSED})
 * accepts the same payment sent again; one whose provider assigns its own
 * ({@link PaymentGateway.ReferenceRule#PROVIDER_ASSIGNED}) answers a fresh, non-blank reference at
 * initiation and is asked about the payment under it. Every check hands the gateway the payment as
 * the core stores it after initiation, with the reference the provider answered.
 */
public abstract class PaymentGatewayContract {

    /** The gateway under test, talking to a running provider or simulator. */
    protected abstract PaymentGateway gateway();

    /** The customer's and provider's side. */
    protected abstract ProviderDriver driver();

    /** A new, not yet initiated payment this gateway can take (a fresh id each call). */
    protected abstract Payment newPayment();

    /** The callback URL to hand the gateway for a payment; override to suit the provider. */
    protected URI callbackUrlFor(Payment payment) {
        return URI.create("http://localhost/payments/webhooks/" + gateway().name() + "/"
                + payment.id() + "/" + payment.callbackToken());
    }

    protected URI redirectUrl() {
        return URI.create("http://localhost/payments/callback/");
    }

    /** True when the gateway's provider assigns its own reference. */
    protected final boolean assignsReferences() {
        return gateway().referenceRule() == PaymentGateway.ReferenceRule.PROVIDER_ASSIGNED;
    }

    /** A new payment as the core stores it before initiation: awaiting the provider's reference if it assigns one. */
    protected Payment drafted() {
        Payment p = newPayment();
        return assignsReferences() ? p.toBuilder().awaitingProviderReference().build() : p;
    }

    /**
     * Initiates a payment through the gateway and returns it as the core stores it afterwards:
     * with the provider's reference and transaction id when the answer gave them.
     */
    protected Payment initiated() {
        Payment p = drafted();
        InitiationResult result = gateway().initiate(new InitiationRequest(p, callbackUrlFor(p),
                redirectUrl(), "Contract Clinic"));
        assertThat(result).as("an accepted initiation answers").isNotNull();
        if (assignsReferences()) {
            assertThat(result.providerReference())
                    .as("a provider that assigns references answers one at initiation").isNotBlank();
        } else if (result.providerReference() != null) {
            assertThat(result.providerReference()).as("a gateway that takes our reference keeps it")
                    .isEqualTo(p.providerReference());
        }
        return p.toBuilder()
                .providerReference(assignsReferences() ? result.providerReference() : p.providerReference())
                .providerTransactionId(result.providerTransactionId())
                .paymentLink(result.paymentLink())
                .build();
    }

    @Test
    void initiatedPaymentIsPendingUntilTheCustomerActs() {
        Payment p = initiated();

        StatusReport report = gateway().checkStatus(p);

        assertThat(report.status()).isEqualTo(ProviderStatus.PENDING);
    }

    @Test
    void approvedPaymentIsReportedSucceededWithMatchingReferenceAndAmount() {
        Payment p = initiated();
        driver().approve(p);

        StatusReport report = gateway().checkStatus(p);

        assertThat(report.status()).isEqualTo(ProviderStatus.SUCCEEDED);
        if (report.reportedReference() != null) {
            assertThat(report.reportedReference()).isEqualTo(p.providerReference());
        }
        if (report.reportedAmount() != null) {
            assertThat(report.reportedAmount()).isEqualTo(p.money());
        }
    }

    @Test
    void eachFailureScenarioIsReportedWithItsFinalStatusAndAReason() {
        Map<String, ProviderStatus> scenarios = driver().failureScenarios();
        assertThat(scenarios).as("a provider has at least one way to fail").isNotEmpty();
        for (Map.Entry<String, ProviderStatus> scenario : scenarios.entrySet()) {
            Payment p = initiated();
            driver().fail(p, scenario.getKey());

            StatusReport report = gateway().checkStatus(p);

            assertThat(report.status()).as("scenario %s", scenario.getKey())
                    .isEqualTo(scenario.getValue());
            assertThat(report.status().isFinal()).isTrue();
            assertThat(report.status()).isNotEqualTo(ProviderStatus.SUCCEEDED);
            if (report.status() == ProviderStatus.FAILED) {
                assertThat(report.reason()).as("scenario %s keeps a reason", scenario.getKey())
                        .isNotBlank();
            }
        }
    }

    @Test
    void initiatingTheSamePaymentAgainIsAcceptedUnderTheSameReference() {
        assumeTrue(!assignsReferences(), "only for gateways that take our reference; a provider "
                + "that assigns its own is never sent a payment twice");
        Payment p = initiated();

        Throwable second = catchThrowable(() -> gateway().initiate(new InitiationRequest(p,
                callbackUrlFor(p), redirectUrl(), "Contract Clinic")));

        assertThat(second).as("a retry with the same reference counts as accepted").isNull();
        assertThat(gateway().checkStatus(p).status()).isEqualTo(ProviderStatus.PENDING);
    }

    @Test
    void eachPaymentGetsItsOwnReferenceFromAProviderThatAssignsThem() {
        assumeTrue(assignsReferences(), "only for gateways whose provider assigns references");
        Payment first = initiated();
        Payment second = initiated();

        assertThat(first.providerReference()).isNotEqualTo(second.providerReference());
        assertThat(gateway().checkStatus(first).status()).isEqualTo(ProviderStatus.PENDING);
        driver().approve(second);
        assertThat(gateway().checkStatus(first).status()).as("one payment's outcome is not another's")
                .isEqualTo(ProviderStatus.PENDING);
        assertThat(gateway().checkStatus(second).status()).isEqualTo(ProviderStatus.SUCCEEDED);
    }

    @Test
    void paymentTheProviderNeverReceivedIsNotFoundNeverFailed() {
        Payment neverSent = assignsReferences()
                ? newPayment().toBuilder().providerReference(neverAssignedReference()).build()
                : newPayment();

        StatusReport report = gateway().checkStatus(neverSent);

        assertThat(report.status()).isIn(ProviderStatus.NOT_FOUND, ProviderStatus.PENDING,
                ProviderStatus.UNKNOWN);
        assertThat(report.status().isFinal()).isFalse();
    }

    /**
     * A reference of the provider's form that it never assigned, for a provider that assigns
     * them; override when the provider checks the form.
     */
    protected String neverAssignedReference() {
        return "never-assigned-" + java.util.UUID.randomUUID();
    }

    @Test
    void authenticWebhookNamesThePayment() {
        Payment p = initiated();
        driver().approve(p);

        WebhookNotification n = gateway().parseWebhook(driver().authenticWebhook(p));

        assertThat(n.eventKey()).isNotBlank();
        if (n.paymentReference() != null || n.providerReference() == null) {
            assertThat(List.of(p.id().toString(), p.providerReference())).contains(n.paymentReference());
        }
        if (n.providerReference() != null) {
            assertThat(n.providerReference()).isEqualTo(p.providerReference());
        }
        if (n.callbackToken() != null) {
            assertThat(n.callbackToken()).isEqualTo(p.callbackToken());
        }
    }

    @Test
    void theSameWebhookDeliveredTwiceHasTheSameEventKey() {
        Payment p = initiated();
        driver().approve(p);
        InboundRequest webhook = driver().authenticWebhook(p);

        assertThat(gateway().parseWebhook(webhook).eventKey())
                .isEqualTo(gateway().parseWebhook(webhook).eventKey());
    }

    @Test
    void forgedWebhookIsRejectedOrCarriesATokenThatDoesNotMatch() {
        Payment p = initiated();

        Throwable thrown = catchThrowable(() -> {
            WebhookNotification n = gateway().parseWebhook(driver().forgedWebhook(p));
            assertThat(n.callbackToken())
                    .as("a gateway that cannot authenticate must hand the core a token to compare")
                    .isNotNull()
                    .isNotEqualTo(p.callbackToken());
        });

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(WebhookRejectedException.class);
        }
    }

    @Test
    void webhookWithAGarbledBodyIsRejected() {
        Payment p = initiated();
        driver().approve(p);
        InboundRequest authentic = driver().authenticWebhook(p);
        InboundRequest.Builder garbled = InboundRequest.builder(authentic.method()).path(authentic.path());
        authentic.headers().forEach((name, values) -> values.forEach(v -> garbled.header(name, v)));
        garbled.body("{\"data\": [unterminated");

        assertThatThrownBy(() -> gateway().parseWebhook(garbled.build()))
                .isInstanceOf(WebhookRejectedException.class);
    }

    // ------------------------------------------------------------------ refunds

    @Test
    void refundIsSentWhenSupportedAndRefusedClearlyWhenNot() {
        Payment paid = paid();
        RefundRequest refund = request(paid, refundAmount(paid));

        if (gateway().supportsRefunds()) {
            RefundResult result = gateway().refund(refund);
            assertThat(result.status()).isIn(RefundResult.Status.COMPLETED, RefundResult.Status.PENDING);
            assertThat(driver().refundsAtProvider(paid)).containsExactly(refund.amount());
        } else {
            assertThatThrownBy(() -> gateway().refund(refund))
                    .isInstanceOf(UnsupportedCapabilityException.class);
            assertThatThrownBy(() -> gateway().checkRefundStatus(paid, stored(refund, null)))
                    .isInstanceOf(UnsupportedCapabilityException.class);
        }
    }

    @Test
    void refundStatusAfterASendIsFinalOrPendingWithTheProvidersRefundId() {
        assumeRefunds();
        Payment paid = paid();
        RefundRequest request = request(paid, refundAmount(paid));

        RefundResult sent = gateway().refund(request);
        RefundResult checked = gateway().checkRefundStatus(paid, stored(request, sent));

        assertThat(sent.status()).isIn(RefundResult.Status.COMPLETED, RefundResult.Status.PENDING);
        assertThat(checked.status()).isIn(RefundResult.Status.COMPLETED, RefundResult.Status.PENDING);
        if (sent.status() == RefundResult.Status.COMPLETED) {
            assertThat(checked.status()).as("a completed refund stays completed")
                    .isEqualTo(RefundResult.Status.COMPLETED);
        }
        if (checked.status() == RefundResult.Status.PENDING) {
            assertThat(checked.providerRefundId() != null ? checked.providerRefundId()
                    : sent.providerRefundId()).as("a pending refund names the provider's refund id")
                    .isNotBlank();
        }
        assertThat(driver().refundsAtProvider(paid)).containsExactly(request.amount());
    }

    @Test
    void sendingTheSameRefundIdTwiceNeverPaysOutTwice() {
        assumeRefunds();
        Payment paid = paid();
        RefundRequest request = request(paid, refundAmount(paid));

        RefundResult first = gateway().refund(request);
        RefundResult second = gateway().refund(request);

        assertThat(first.status()).isIn(RefundResult.Status.COMPLETED, RefundResult.Status.PENDING);
        assertThat(second.status()).as("the same refund again is accepted, never failed")
                .isIn(RefundResult.Status.COMPLETED, RefundResult.Status.PENDING);
        assertThat(driver().refundsAtProvider(paid)).containsExactly(request.amount());
    }

    @Test
    void statusOfARefundNeverSentIsNotFoundOrUnknownNeverCompleted() {
        assumeRefunds();
        Payment paid = paid();
        List<Money> atProvider = new ArrayList<>();
        if (gateway().supportsPartialRefunds()) {
            // another refund of the same payment must not be taken for this one
            RefundRequest sibling = request(paid, refundAmount(paid));
            gateway().refund(sibling);
            atProvider.add(sibling.amount());
        }
        RefundRequest neverSent = request(paid, refundAmount(paid));

        RefundResult checked = gateway().checkRefundStatus(paid, stored(neverSent, null));

        assertThat(checked.status()).isIn(RefundResult.Status.NOT_FOUND, RefundResult.Status.UNKNOWN);
        assertThat(driver().refundsAtProvider(paid)).containsExactlyElementsOf(atProvider);
    }

    @Test
    void refundWhoseAnswerIsLostAfterTheProviderPaidIsFoundNeverNotFound() {
        assumeRefunds();
        Payment paid = paid();
        RefundRequest request = request(paid, refundAmount(paid));
        driver().loseNextRefund(true);

        RefundResult[] sent = new RefundResult[1];
        Throwable thrown = catchThrowable(() -> sent[0] = gateway().refund(request));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(GatewayUnavailableException.class);
        } else {
            assertThat(sent[0].status()).as("repeated under the same id")
                    .isIn(RefundResult.Status.COMPLETED, RefundResult.Status.PENDING);
        }
        RefundResult checked = gateway().checkRefundStatus(paid, stored(request, sent[0]));

        assertThat(checked.status()).as("the provider made the refund")
                .isIn(RefundResult.Status.COMPLETED, RefundResult.Status.PENDING);
        assertThat(driver().refundsAtProvider(paid)).containsExactly(request.amount());
    }

    @Test
    void refundLostBeforeTheProviderSawItIsSentAgainUnderTheSameIdAndPaidOnce() {
        assumeRefunds();
        Payment paid = paid();
        RefundRequest request = request(paid, refundAmount(paid));
        driver().loseNextRefund(false);

        RefundResult[] sent = new RefundResult[1];
        Throwable thrown = catchThrowable(() -> sent[0] = gateway().refund(request));
        if (thrown == null) {
            // the gateway repeated the request itself under the same refund id
            assertThat(sent[0].status()).isIn(RefundResult.Status.COMPLETED, RefundResult.Status.PENDING);
            assertThat(driver().refundsAtProvider(paid)).containsExactly(request.amount());
            return;
        }
        assertThat(thrown).isInstanceOf(GatewayUnavailableException.class);
        assertThat(driver().refundsAtProvider(paid)).isEmpty();
        RefundResult checked = gateway().checkRefundStatus(paid, stored(request, null));

        assertThat(checked.status()).isIn(RefundResult.Status.NOT_FOUND, RefundResult.Status.UNKNOWN);
        if (checked.status() == RefundResult.Status.NOT_FOUND) {
            RefundResult resent = gateway().refund(request);
            assertThat(resent.status()).isIn(RefundResult.Status.COMPLETED, RefundResult.Status.PENDING);
            assertThat(driver().refundsAtProvider(paid)).containsExactly(request.amount());
        } else {
            assertThat(driver().refundsAtProvider(paid)).isEmpty();
        }
    }

    /** A payment the customer paid, as the core stores it once the provider confirmed it. */
    protected Payment paid() {
        Payment p = initiated();
        driver().approve(p);
        StatusReport report = gateway().checkStatus(p);
        assertThat(report.status()).as("the approved payment is paid").isEqualTo(ProviderStatus.SUCCEEDED);
        return p.transition(PaymentStatus.SUCCEEDED, Trigger.VERIFY, p.createdAt().plusSeconds(1), null)
                .toBuilder().providerTransactionId(report.providerTransactionId()).build();
    }

    /** Half of what was paid when the gateway refunds in part, else all of it. */
    private Money refundAmount(Payment paid) {
        Money all = paid.money();
        if (!gateway().supportsPartialRefunds()) {
            return all;
        }
        BigDecimal half = all.amount().divide(BigDecimal.valueOf(2),
                Money.fractionDigits(all.currency()), RoundingMode.DOWN);
        return half.signum() > 0 ? Money.of(half, all.currency()) : all;
    }

    private static RefundRequest request(Payment paid, Money amount) {
        return new RefundRequest(paid, amount, RefundId.random().toString(), "contract test");
    }

    /**
     * The refund as the core stores it after a send: its outcome unknown when no answer came,
     * with the provider's refund id when the answer gave one.
     */
    private Refund stored(RefundRequest request, RefundResult answer) {
        return Refund.builder().id(RefundId.parse(request.refundId()))
                .paymentId(request.payment().id()).gatewayName(gateway().name())
                .amount(request.amount()).reason(request.reason())
                .createdAt(request.payment().createdAt().plusSeconds(2))
                .outcomeUnknown(answer == null)
                .providerTransactionId(answer == null ? null : answer.providerRefundId()).build();
    }

    private void assumeRefunds() {
        assumeTrue(gateway().supportsRefunds(), "only for gateways that refund; "
                + "refundIsSentWhenSupportedAndRefusedClearlyWhenNot covers the others");
    }
}
