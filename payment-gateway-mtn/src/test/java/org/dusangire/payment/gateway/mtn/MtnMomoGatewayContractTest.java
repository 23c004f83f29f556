package org.dusangire.payment.gateway.mtn;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.simulator.CallbackAttempt;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.mtn.MtnEndpoint;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;
import org.dusangire.payment.simulator.mtn.MtnStatus;
import org.dusangire.payment.testkit.PaymentGatewayContract;
import org.dusangire.payment.testkit.ProviderDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The MTN gateway against the MTN simulator (Uganda, UGX) over a real socket. */
class MtnMomoGatewayContractTest extends PaymentGatewayContract {
    private static MtnMomoSimulator sim;
    private static MtnMomoGateway gateway;

    @BeforeAll
    static void start() {
        sim = MtnMomoSimulator.builder().targetEnvironment("mtnuganda").threads(8).build().start();
        gateway = MtnFixture.gateway(sim);
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
        return MtnFixture.payment(sim);
    }

    @Override
    protected ProviderDriver driver() {
        return new SimulatorDriver(sim);
    }

    /** The customer's phone and MTN's callbacks, played by the simulator's control API. */
    static final class SimulatorDriver implements ProviderDriver {
        private final MtnMomoSimulator sim;

        SimulatorDriver(MtnMomoSimulator sim) {
            this.sim = sim;
        }

        @Override
        public void approve(Payment payment) {
            sim.approve(payment.providerReference());
        }

        @Override
        public Map<String, ProviderStatus> failureScenarios() {
            Map<String, ProviderStatus> scenarios = new LinkedHashMap<>();
            scenarios.put("APPROVAL_REJECTED", ProviderStatus.FAILED);
            scenarios.put("EXPIRED", ProviderStatus.EXPIRED);
            scenarios.put("NOT_ENOUGH_FUNDS", ProviderStatus.FAILED);
            scenarios.put("INTERNAL_PROCESSING_ERROR", ProviderStatus.FAILED);
            scenarios.put("TRANSACTION_CANCELED.", ProviderStatus.CANCELLED);
            scenarios.put("COULD_NOT_PERFORM_TRANSACTION", ProviderStatus.FAILED);
            return scenarios;
        }

        @Override
        public void fail(Payment payment, String scenario) {
            switch (scenario) {
                case "APPROVAL_REJECTED" -> sim.decline(payment.providerReference());
                case "EXPIRED" -> sim.expire(payment.providerReference());
                case "NOT_ENOUGH_FUNDS" -> sim.insufficientFunds(payment.providerReference());
                default -> sim.fail(payment.providerReference(), scenario);
            }
        }

        /** The callback MTN actually sent for the payment, as the webhook route receives it. */
        @Override
        public InboundRequest authenticWebhook(Payment payment) {
            CallbackAttempt attempt = lastCallback(payment.providerReference());
            URI url = URI.create(attempt.url());
            String route = "/payments/webhooks/mtn-momo/";
            return InboundRequest.builder(attempt.method())
                    .path(url.getPath().substring(url.getPath().indexOf(route) + route.length()))
                    .header("Content-Type", "application/json")
                    .body(attempt.body()).build();
        }

        @Override
        public InboundRequest forgedWebhook(Payment payment) {
            return InboundRequest.builder("PUT").path(payment.id() + "/" + MtnFixture.randomToken())
                    .header("Content-Type", "application/json")
                    .body("{\"status\":\"SUCCESSFUL\",\"financialTransactionId\":\"123\","
                            + "\"externalId\":\"" + payment.id() + "\"}").build();
        }

        /** MTN's Disbursement ledger: every refund of the payment not FAILED. */
        @Override
        public List<Money> refundsAtProvider(Payment payment) {
            return sim.refunds(payment.providerReference()).stream()
                    .filter(r -> r.status() != MtnStatus.FAILED)
                    .map(r -> Money.of(r.amount(), r.currency())).toList();
        }

        @Override
        public void loseNextRefund(boolean processed) {
            sim.inject(FaultRule.nextCalls(MtnEndpoint.REFUND, 1, Fault.of(processed
                    ? FaultKind.DROP_AFTER_PROCESSING : FaultKind.DROP_BEFORE_PROCESSING)));
        }

        private CallbackAttempt lastCallback(String reference) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (Instant.now().isBefore(deadline)) {
                List<CallbackAttempt> attempts = sim.journal().callbacksByReference()
                        .getOrDefault(reference.toLowerCase(java.util.Locale.ROOT), List.of());
                if (!attempts.isEmpty()) {
                    return attempts.get(attempts.size() - 1);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            throw new AssertionError("the simulator sent no callback for " + reference);
        }
    }
}
