package org.dusangire.payment.gateway.airtel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.airtel.AirtelEndpoint;
import org.dusangire.payment.simulator.airtel.AirtelMoneySimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every injected fault leaves the outcome unknown; none may ever read as FAILED. */
class AirtelFaultTest {
    private static final List<Fault> FAULTS = List.of(Fault.of(FaultKind.HTTP_500),
            Fault.of(FaultKind.HTTP_503), Fault.of(FaultKind.HTTP_429),
            Fault.of(FaultKind.DROP_BEFORE_PROCESSING), Fault.of(FaultKind.DROP_AFTER_PROCESSING),
            Fault.of(FaultKind.MALFORMED_BODY), Fault.latency(Duration.ofMillis(1200)));

    private final AirtelMoneySimulator sim = AirtelMoneySimulator.builder().threads(16).build().start();
    private final AirtelMoneyGateway gateway = AirtelFixture.gateway(sim, b -> b
            .requestTimeout(Duration.ofMillis(300)).maxAttempts(2), Clock.systemUTC());

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void faultsOnInitiationGiveOutcomeUnknown() {
        for (Fault fault : FAULTS) {
            sim.clearFaults();
            sim.inject(FaultRule.withProbability(AirtelEndpoint.PAYMENT, 1.0, fault));
            Payment p = AirtelFixture.payment();

            Throwable thrown = catchThrowable(() -> gateway.initiate(AirtelFixture.initiation(p)));

            assertThat(thrown).as("%s", fault.kind()).isInstanceOf(GatewayUnavailableException.class);
        }
    }

    @Test
    void faultsOnEnquiryGiveOutcomeUnknownOrUnknownStatus() {
        sim.clearFaults();
        Payment p = AirtelFixture.payment();
        gateway.initiate(AirtelFixture.initiation(p));
        sim.decline(p.providerReference());
        for (Fault fault : FAULTS) {
            sim.clearFaults();
            sim.inject(FaultRule.withProbability(AirtelEndpoint.ENQUIRY, 1.0, fault));
            StatusReport[] report = new StatusReport[1];

            Throwable thrown = catchThrowable(() -> report[0] = gateway.checkStatus(p));

            if (thrown == null) {
                assertThat(report[0].status()).as("%s", fault.kind()).isEqualTo(ProviderStatus.UNKNOWN);
            } else {
                assertThat(thrown).as("%s", fault.kind()).isInstanceOf(GatewayUnavailableException.class);
            }
        }
        sim.clearFaults();
        assertThat(gateway.checkStatus(p).status()).isEqualTo(ProviderStatus.FAILED);
    }

    @Test
    void aDroppedAnswerIsRetriedUnderTheSameIdAndTheDuplicateCountsAsAccepted() {
        sim.inject(FaultRule.nextCalls(AirtelEndpoint.PAYMENT, 1, Fault.of(FaultKind.DROP_AFTER_PROCESSING)));
        Payment p = AirtelFixture.payment();

        gateway.initiate(AirtelFixture.initiation(p));

        assertThat(sim.paymentRequests()).isEqualTo(2);
        assertThat(sim.payments()).hasSize(1);
        assertThat(gateway.checkStatus(p).status()).isEqualTo(ProviderStatus.PENDING);
    }
}
