package org.dusangire.payment.gateway.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.RefundRequest;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveEndpoint;
import org.dusangire.payment.testkit.InMemoryPaymentRepository;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every simulator fault gives "outcome unknown" (an exception) or UNKNOWN, never FAILED. */
class FlutterwaveFaultTest {

    private static final List<Fault> FAULTS = List.of(Fault.latency(Duration.ofMillis(1500)),
            Fault.of(FaultKind.HTTP_500), Fault.of(FaultKind.HTTP_503), Fault.of(FaultKind.HTTP_429),
            Fault.of(FaultKind.DROP_BEFORE_PROCESSING), Fault.of(FaultKind.DROP_AFTER_PROCESSING),
            Fault.of(FaultKind.MALFORMED_BODY));

    private final FlwFixture fx = new FlwFixture(b -> { }, c -> c.requestTimeout(Duration.ofMillis(500)));

    @AfterEach
    void stop() {
        fx.close();
    }

    private Payment initiated() {
        Payment p = FlwFixture.cardPayment();
        var r = fx.gateway.initiate(new InitiationRequest(p, URI.create("http://localhost/cb"),
                URI.create("http://localhost/back"), "Clinic"));
        return p.toBuilder().paymentLink(r.paymentLink()).build();
    }

    private void always(FlutterwaveEndpoint endpoint, Fault fault) {
        fx.sim.clearFaults();
        fx.sim.inject(FaultRule.withProbability(endpoint, 1.0, fault));
    }

    @Test
    void creatingALinkUnderAnyFaultIsOutcomeUnknown() {
        for (Fault fault : FAULTS) {
            always(FlutterwaveEndpoint.CREATE_PAYMENT, fault);
            Payment p = FlwFixture.cardPayment();

            Throwable thrown = catchThrowable(() -> fx.gateway.initiate(new InitiationRequest(p,
                    URI.create("http://localhost/cb"), URI.create("http://localhost/back"), "Clinic")));

            assertThat(thrown).as(fault.kind().name()).isInstanceOf(GatewayUnavailableException.class);
        }
        assertThat(fx.sim.journal().count(FlutterwaveEndpoint.CREATE_PAYMENT))
                .as("a payment link POST is never repeated").isEqualTo(FAULTS.size());
    }

    @Test
    void verifyingAFailedPaymentUnderAnyFaultIsNeverFailed() {
        Payment p = initiated();
        fx.sim.fail(p.providerReference());
        fx.clock.advance(Duration.ofHours(1));
        assertThat(fx.gateway.checkStatus(p).status()).isEqualTo(ProviderStatus.FAILED);

        for (Fault fault : FAULTS) {
            always(FlutterwaveEndpoint.VERIFY_BY_REFERENCE, fault);
            StatusReport[] report = new StatusReport[1];

            Throwable thrown = catchThrowable(() -> report[0] = fx.gateway.checkStatus(p));

            if (thrown == null) {
                assertThat(report[0].status()).as(fault.kind().name()).isEqualTo(ProviderStatus.UNKNOWN);
            } else {
                assertThat(thrown).as(fault.kind().name()).isInstanceOf(GatewayUnavailableException.class);
            }
        }
    }

    @Test
    void verifyByIdUnderAnyFaultFallsBackOrIsUnknown() {
        Payment p = initiated();
        long id = fx.sim.payByCard(p.providerReference());
        Payment known = p.toBuilder().providerTransactionId(Long.toString(id)).build();
        for (Fault fault : FAULTS) {
            always(FlutterwaveEndpoint.VERIFY, fault);
            StatusReport[] report = new StatusReport[1];

            Throwable thrown = catchThrowable(() -> report[0] = fx.gateway.checkStatus(known));

            if (thrown == null) {
                assertThat(report[0].status()).as(fault.kind().name())
                        .isIn(ProviderStatus.SUCCEEDED, ProviderStatus.UNKNOWN);
            } else {
                assertThat(thrown).as(fault.kind().name()).isInstanceOf(GatewayUnavailableException.class);
            }
        }
    }

    @Test
    void transientVerifyFaultsAreRetried() {
        Payment p = initiated();
        fx.sim.payByCard(p.providerReference());
        fx.sim.inject(FaultRule.nextCalls(FlutterwaveEndpoint.VERIFY_BY_REFERENCE, 2, Fault.of(FaultKind.HTTP_503)));

        assertThat(fx.gateway.checkStatus(p).status()).isEqualTo(ProviderStatus.SUCCEEDED);
    }

    @Test
    void refundUnderAnyFaultIsOutcomeUnknownAndNeverRepeated() {
        Payment p = initiated();
        long id = fx.sim.payByCard(p.providerReference());
        Payment paid = p.toBuilder().providerTransactionId(Long.toString(id)).build();
        for (Fault fault : FAULTS) {
            always(FlutterwaveEndpoint.REFUND, fault);

            Throwable thrown = catchThrowable(() -> fx.gateway.refund(new RefundRequest(paid,
                    Money.of("1", "UGX"), "r-" + fault.kind(), null)));

            assertThat(thrown).as(fault.kind().name()).isInstanceOf(GatewayUnavailableException.class);
        }
        assertThat(fx.sim.journal().count(FlutterwaveEndpoint.REFUND)).isEqualTo(FAULTS.size());
    }

    @Test
    void throughTheServiceALostLinkStaysPendingAndReconciliationSendsTheSameTxRefAgain() {
        var service = PaymentService.builder()
                .config(PaymentConfig.builder().siteUrl("http://localhost:8080").build())
                .repository(new InMemoryPaymentRepository()).gateway(fx.gateway).clock(fx.clock).build();
        fx.sim.inject(FaultRule.nextCalls(FlutterwaveEndpoint.CREATE_PAYMENT, 1,
                Fault.of(FaultKind.DROP_BEFORE_PROCESSING)));

        var result = service.initiate(TestPayments.checkout(PaymentMethod.CARD, "1500", "UGX").build());
        assertThat(result.payment().status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(result.payment().outcomeUnknown()).isTrue();

        fx.clock.advance(Duration.ofMinutes(3));
        service.reconcile();

        Payment after = service.find(result.payment().id()).orElseThrow();
        assertThat(after.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(after.paymentLink()).isEqualTo(fx.sim.paymentLink(after.providerReference()).orElseThrow());
        assertThat(fx.sim.journal().count(FlutterwaveEndpoint.CREATE_PAYMENT)).isEqualTo(2);
    }
}
