package org.dusangire.payment.gateway.airtel;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.airtel.AirtelEndpoint;
import org.dusangire.payment.simulator.airtel.AirtelMoneySimulator;
import org.dusangire.payment.testkit.PaymentGatewayContract;
import org.dusangire.payment.testkit.ProviderDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Airtel gateway against the Airtel simulator (Uganda, UGX, callback authentication on, the
 * docs' success:false quirk on) over a real socket.
 */
class AirtelMoneyGatewayContractTest extends PaymentGatewayContract {
    private static AirtelMoneySimulator sim;
    private static AirtelMoneyGateway gateway;

    @BeforeAll
    static void start() {
        sim = AirtelMoneySimulator.builder().callbackAuthentication(AirtelFixture.CALLBACK_KEY)
                .threads(8).build().start();
        gateway = AirtelFixture.gateway(sim, b -> b.callbackPrivateKey(
                Secret.of(AirtelFixture.CALLBACK_KEY)), java.time.Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void clearFaults() {
        sim.clearFaults();
    }

    @Override
    protected PaymentGateway gateway() {
        return gateway;
    }

    @Override
    protected Payment newPayment() {
        return AirtelFixture.payment();
    }

    @Override
    protected ProviderDriver driver() {
        return new SimulatorDriver(sim);
    }

    /** The payer's phone and Airtel's callbacks, played by the simulator's control API. */
    static final class SimulatorDriver implements ProviderDriver {
        private final AirtelMoneySimulator sim;

        SimulatorDriver(AirtelMoneySimulator sim) {
            this.sim = sim;
        }

        @Override
        public void approve(Payment payment) {
            sim.approve(payment.providerReference());
        }

        @Override
        public Map<String, ProviderStatus> failureScenarios() {
            Map<String, ProviderStatus> scenarios = new LinkedHashMap<>();
            scenarios.put("declined", ProviderStatus.FAILED);
            scenarios.put("wrong-pin", ProviderStatus.FAILED);
            scenarios.put("insufficient-funds", ProviderStatus.FAILED);
            scenarios.put("timed-out", ProviderStatus.FAILED);
            scenarios.put("expired", ProviderStatus.EXPIRED);
            scenarios.put("unknown-code", ProviderStatus.FAILED);
            return scenarios;
        }

        @Override
        public void fail(Payment payment, String scenario) {
            String id = payment.providerReference();
            switch (scenario) {
                case "declined" -> sim.decline(id);
                case "wrong-pin" -> sim.wrongPin(id);
                case "insufficient-funds" -> sim.insufficientFunds(id);
                case "timed-out" -> sim.timeOut(id);
                case "expired" -> sim.expire(id);
                default -> sim.fail(id, "DP00800009999");
            }
        }

        /** The exact callback body the simulator sends, with its hash. */
        @Override
        public InboundRequest authenticWebhook(Payment payment) {
            return AirtelFixture.callback(sim.callbackBody(payment.providerReference()).orElseThrow());
        }

        /** Airtel's reversal of the payment, if any: a refund gives back the whole amount. */
        @Override
        public List<Money> refundsAtProvider(Payment payment) {
            return sim.refund(payment.providerReference())
                    .map(r -> List.of(Money.of(r.amount(), r.currency()))).orElse(List.of());
        }

        @Override
        public void loseNextRefund(boolean processed) {
            sim.inject(FaultRule.nextCalls(AirtelEndpoint.REFUND, 1, Fault.of(processed
                    ? FaultKind.DROP_AFTER_PROCESSING : FaultKind.DROP_BEFORE_PROCESSING)));
        }

        @Override
        public InboundRequest forgedWebhook(Payment payment) {
            String tx = "{\"transaction\":{\"id\":\"" + payment.providerReference()
                    + "\",\"message\":\"Paid\",\"status_code\":\"TS\",\"airtel_money_id\":\"MP1\"}";
            String hash = AirtelFixture.hmac("not-the-key", tx + "}");
            return AirtelFixture.callback((tx + ",\"hash\":\"" + hash + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}
