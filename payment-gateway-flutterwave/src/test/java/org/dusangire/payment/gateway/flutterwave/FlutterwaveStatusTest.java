package org.dusangire.payment.gateway.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.RefundRequest;
import org.dusangire.payment.core.port.RefundResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlutterwaveStatusTest {

    private FlwFixture fx = new FlwFixture();

    @AfterEach
    void stop() {
        fx.close();
    }

    private Payment initiated(Payment p) {
        var r = fx.gateway.initiate(new InitiationRequest(p, URI.create("http://localhost/cb"),
                URI.create("http://localhost:8080/payments/callback/"), "Kisenyi Clinic"));
        return p.toBuilder().paymentLink(r.paymentLink()).outcomeUnknown(false).build();
    }

    @Test
    void initiationSendsTxRefMajorUnitsMethodAndMerchantName() {
        Payment p = initiated(FlwFixture.cardPayment());

        var sent = fx.sim.journal().entries("CREATE_PAYMENT").get(0).body();

        assertThat(p.paymentLink().toString()).startsWith(fx.sim.checkoutBaseUri().toString());
        assertThat(sent).contains("\"tx_ref\":\"" + p.providerReference() + "\"", "\"amount\":1500,",
                "\"currency\":\"UGX\"", "\"payment_options\":\"card\"", "\"title\":\"Kisenyi Clinic\"",
                "\"redirect_url\":\"http://localhost:8080/payments/callback/\"",
                "\"email\":\"patient@example.org\"", "\"phonenumber\":\"256772123456\"");
        var bank = initiated(FlwFixture.cardPayment().toBuilder()
                .method(org.dusangire.payment.core.model.PaymentMethod.BANK_TRANSFER).build());
        assertThat(fx.sim.journal().entries("CREATE_PAYMENT").get(1).body())
                .contains("\"payment_options\":\"banktransfer\"");
        assertThat(bank.paymentLink()).isNotNull();
    }

    @Test
    void linkWithoutAttemptIsPendingAndUnsentPaymentIsNotFound() {
        Payment p = initiated(FlwFixture.cardPayment());

        assertThat(fx.gateway.checkStatus(p).status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(fx.gateway.checkStatus(FlwFixture.cardPayment()).status()).isEqualTo(ProviderStatus.NOT_FOUND);
        assertThat(fx.gateway.checkStatus(p.toBuilder().outcomeUnknown(true).build()).status())
                .isEqualTo(ProviderStatus.NOT_FOUND);
    }

    @Test
    void successReportsTxRefAmountCurrencyAndALongTransactionId() {
        Payment p = initiated(FlwFixture.cardPayment());
        long id = fx.sim.payByCard(p.providerReference());

        var report = fx.gateway.checkStatus(p);

        assertThat(report.status()).isEqualTo(ProviderStatus.SUCCEEDED);
        assertThat(report.reportedReference()).isEqualTo(p.providerReference());
        assertThat(report.reportedAmount()).isEqualTo(Money.of("1500", "UGX"));
        assertThat(report.providerTransactionId()).isEqualTo(Long.toString(id));
        assertThat(id).isGreaterThan(Integer.MAX_VALUE);
    }

    @Test
    void reportedAmountIsTheChargeNotWhatTheCustomerPaidWithFees() {
        fx.close();
        fx = new FlwFixture(b -> b.customerPaysFees(true), c -> { });
        Payment p = initiated(FlwFixture.cardPayment());
        fx.sim.payLess(p.providerReference(), new BigDecimal("1480"));

        var report = fx.gateway.checkStatus(p);

        assertThat(fx.sim.transactions(p.providerReference()).get(0).chargedAmount())
                .isGreaterThan(new BigDecimal("1500"));
        assertThat(report.reportedAmount()).isEqualTo(Money.of("1480", "UGX"));
    }

    @Test
    void failedAttemptIsPendingWithinTheCheckoutWindowThenFailedWithTheProcessorMessage() {
        Payment p = initiated(FlwFixture.cardPayment());
        fx.sim.fail(p.providerReference(), "Do Not Honour (05)");

        var within = fx.gateway.checkStatus(p);
        fx.clock.advance(Duration.ofMinutes(29));
        var after = fx.gateway.checkStatus(p);

        assertThat(within.status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(after.status()).isEqualTo(ProviderStatus.FAILED);
        assertThat(after.reason()).isEqualTo("Do Not Honour (05)");
    }

    @Test
    void aRetryAfterAFailedAttemptSucceeds() {
        Payment p = initiated(FlwFixture.cardPayment());
        fx.sim.fail(p.providerReference());
        fx.clock.advance(Duration.ofHours(1));
        fx.sim.payByBankTransfer(p.providerReference());

        assertThat(fx.gateway.checkStatus(p).status()).isEqualTo(ProviderStatus.SUCCEEDED);
    }

    @Test
    void pendingBankTransferIsPendingUntilSettled() {
        Payment p = initiated(FlwFixture.cardPayment());
        long id = fx.sim.leavePending(p.providerReference());
        fx.clock.advance(Duration.ofHours(2));

        assertThat(fx.gateway.checkStatus(p).status()).isEqualTo(ProviderStatus.PENDING);
        fx.sim.settle(id);
        assertThat(fx.gateway.checkStatus(p).status()).isEqualTo(ProviderStatus.SUCCEEDED);
    }

    @Test
    void knownTransactionIdOfAnotherTxRefIsReportedWithThatTxRef() {
        Payment mine = initiated(FlwFixture.cardPayment());
        Payment other = initiated(FlwFixture.cardPayment());
        long foreign = fx.sim.payByCard(other.providerReference());

        var report = fx.gateway.checkStatus(mine.toBuilder().providerTransactionId(Long.toString(foreign)).build());

        assertThat(report.reportedReference()).isEqualTo(other.providerReference());
    }

    @Test
    void notFoundIsRecognisedWhateverTheHttpStatus() {
        for (int status : new int[] {200, 400, 404}) {
            fx.close();
            fx = new FlwFixture(b -> b.notFoundStatus(status), c -> { });
            assertThat(fx.gateway.checkStatus(FlwFixture.cardPayment()).status()).as("HTTP %d", status)
                    .isEqualTo(ProviderStatus.NOT_FOUND);
        }
    }

    @Test
    void fullAndPartialRefundsUseTheStoredTransactionId() {
        Payment p = initiated(FlwFixture.cardPayment());
        long id = fx.sim.payByCard(p.providerReference());
        Payment paid = p.transition(org.dusangire.payment.core.model.PaymentStatus.SUCCEEDED,
                org.dusangire.payment.core.model.Trigger.VERIFY, fx.clock.instant(), null)
                .toBuilder().providerTransactionId(Long.toString(id)).build();

        var partial = fx.gateway.refund(new RefundRequest(paid, Money.of("500", "UGX"), "r1", "one item"));
        var rest = fx.gateway.refund(new RefundRequest(paid.toBuilder().providerTransactionId(null).build(),
                Money.of("1000", "UGX"), "r2", null));

        assertThat(partial.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(rest.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(fx.sim.transaction(id).orElseThrow().refunded()).isEqualByComparingTo("1500");
        assertThat(fx.sim.journal().entries("REFUND").get(0).body()).contains("\"amount\":500")
                .contains("\"comments\":\"refund r1; one item\"");
        assertThat(fx.sim.journal().entries("REFUND").get(1).body()).contains("\"amount\":1000")
                .contains("\"comments\":\"refund r2\"");
    }

    @Test
    void refundBeyondWhatIsLeftIsRejectedAndProcessingRefundsArePending() {
        fx.close();
        fx = new FlwFixture(b -> b.refundStatus("processing"), c -> { });
        Payment p = initiated(FlwFixture.cardPayment());
        long id = fx.sim.payByCard(p.providerReference());
        Payment paid = p.toBuilder().providerTransactionId(Long.toString(id)).build();

        assertThat(fx.gateway.refund(new RefundRequest(paid, Money.of("1500", "UGX"), "r", null)).status())
                .isEqualTo(RefundResult.Status.PENDING);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fx.gateway.refund(
                new RefundRequest(paid, Money.of("1", "UGX"), "r3", null)))
                .isInstanceOf(org.dusangire.payment.core.error.GatewayRejectedException.class);
    }
}
