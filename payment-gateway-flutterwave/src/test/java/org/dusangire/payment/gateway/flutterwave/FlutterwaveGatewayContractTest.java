package org.dusangire.payment.gateway.flutterwave;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.InitiationResult;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveEndpoint;
import org.dusangire.payment.testkit.PaymentGatewayContract;
import org.dusangire.payment.testkit.ProviderDriver;
import org.junit.jupiter.api.AfterEach;

/**
 * The gateway contract against the simulator. The clock stands past the checkout session window
 * of the contract's payments, so a failed attempt is final as the contract expects; the window
 * itself is tested in {@link FlutterwaveStatusTest}.
 */
class FlutterwaveGatewayContractTest extends PaymentGatewayContract {

    private final FlwFixture fx = new FlwFixture();

    FlutterwaveGatewayContractTest() {
        fx.clock.advance(Duration.ofMinutes(30));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Override
    protected PaymentGateway gateway() {
        return fx.gateway;
    }

    @Override
    protected Payment newPayment() {
        return FlwFixture.cardPayment();
    }

    /** As the core stores it after initiation: with the link Flutterwave issued. */
    @Override
    protected Payment initiated() {
        Payment p = newPayment();
        InitiationResult r = gateway().initiate(new InitiationRequest(p, callbackUrlFor(p), redirectUrl(),
                "Contract Clinic"));
        return p.toBuilder().paymentLink(r.paymentLink()).outcomeUnknown(false).build();
    }

    @Override
    protected ProviderDriver driver() {
        return new ProviderDriver() {
            @Override
            public void approve(Payment payment) {
                fx.sim.payByCard(payment.providerReference());
            }

            @Override
            public Map<String, ProviderStatus> failureScenarios() {
                return Map.of("declined", ProviderStatus.FAILED,
                        "insufficient-funds", ProviderStatus.FAILED,
                        "transfer-never-arrived", ProviderStatus.FAILED);
            }

            @Override
            public void fail(Payment payment, String scenario) {
                String txRef = payment.providerReference();
                switch (scenario) {
                    case "declined" -> fx.sim.fail(txRef);
                    case "insufficient-funds" -> fx.sim.fail(txRef, "Insufficient funds");
                    default -> fx.sim.failPending(fx.sim.leavePending(txRef));
                }
            }

            @Override
            public InboundRequest authenticWebhook(Payment payment) {
                return fx.webhookFor(payment.providerReference());
            }

            /** Flutterwave's refunds under the payment's tx_ref that did not fail. */
            @Override
            public List<Money> refundsAtProvider(Payment payment) {
                return fx.sim.refunds(payment.providerReference()).stream()
                        .filter(r -> !r.failed())
                        .map(r -> Money.of(r.amount(), payment.money().currency())).toList();
            }

            @Override
            public void loseNextRefund(boolean processed) {
                fx.sim.inject(FaultRule.nextCalls(FlutterwaveEndpoint.REFUND, 1, Fault.of(processed
                        ? FaultKind.DROP_AFTER_PROCESSING : FaultKind.DROP_BEFORE_PROCESSING)));
            }

            @Override
            public InboundRequest forgedWebhook(Payment payment) {
                return InboundRequest.builder("POST").header("verif-hash", "a-guess")
                        .body("{\"event\":\"charge.completed\",\"data\":{\"id\":1,\"tx_ref\":\""
                                + payment.providerReference() + "\",\"status\":\"successful\"}}")
                        .build();
            }
        };
    }
}
