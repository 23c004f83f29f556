package org.dusangire.payment.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.dusangire.payment.core.error.UnsupportedCapabilityException;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.InitiationRequest;
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

    /** Initiates a payment through the gateway and returns it. */
    protected Payment initiated() {
        Payment p = newPayment();
        gateway().initiate(new InitiationRequest(p, callbackUrlFor(p), redirectUrl(), "Contract Clinic"));
        return p;
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
        Payment p = initiated();

        Throwable second = catchThrowable(() -> gateway().initiate(new InitiationRequest(p,
                callbackUrlFor(p), redirectUrl(), "Contract Clinic")));

        assertThat(second).as("a retry with the same reference counts as accepted").isNull();
        assertThat(gateway().checkStatus(p).status()).isEqualTo(ProviderStatus.PENDING);
    }

    @Test
    void paymentTheProviderNeverReceivedIsNotFoundNeverFailed() {
        Payment neverSent = newPayment();

        StatusReport report = gateway().checkStatus(neverSent);

        assertThat(report.status()).isIn(ProviderStatus.NOT_FOUND, ProviderStatus.PENDING);
    }

    @Test
    void authenticWebhookNamesThePayment() {
        Payment p = initiated();
        driver().approve(p);

        WebhookNotification n = gateway().parseWebhook(driver().authenticWebhook(p));

        assertThat(n.eventKey()).isNotBlank();
        assertThat(List.of(p.id().toString(), p.providerReference())).contains(n.paymentReference());
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

    @Test
    void refundIsSentWhenSupportedAndRefusedClearlyWhenNot() {
        Payment p = initiated();
        driver().approve(p);
        StatusReport report = gateway().checkStatus(p);
        Payment paid = p.transition(org.dusangire.payment.core.model.PaymentStatus.SUCCEEDED,
                org.dusangire.payment.core.model.Trigger.VERIFY, p.createdAt().plusSeconds(1), null)
                .toBuilder().providerTransactionId(report.providerTransactionId()).build();
        RefundRequest refund = new RefundRequest(paid, paid.money(),
                java.util.UUID.randomUUID().toString(), "contract test");

        if (gateway().supportsRefunds()) {
            RefundResult result = gateway().refund(refund);
            assertThat(result.status()).isIn(RefundResult.Status.COMPLETED, RefundResult.Status.PENDING);
        } else {
            assertThatThrownBy(() -> gateway().refund(refund))
                    .isInstanceOf(UnsupportedCapabilityException.class);
        }
    }
}
