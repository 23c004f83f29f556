package org.dusangire.payment.gateway.mpesa;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.simulator.CallbackAttempt;
import org.dusangire.payment.simulator.mpesa.MpesaOutcome;
import org.dusangire.payment.simulator.mpesa.MpesaSimulator;
import org.dusangire.payment.testkit.PaymentGatewayContract;
import org.dusangire.payment.testkit.ProviderDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The M-Pesa gateway against the Daraja simulator over a real socket. */
class MpesaGatewayContractTest extends PaymentGatewayContract {
    private static MpesaSimulator sim;
    private static MpesaGateway gateway;

    @BeforeAll
    static void start() {
        sim = MpesaSimulator.builder().threads(8).build().start();
        gateway = MpesaFixture.gateway(sim);
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
        return MpesaFixture.payment();
    }

    @Override
    protected String neverAssignedReference() {
        return "ws_CO_01012026000000000" + System.nanoTime() % 1000;
    }

    @Override
    protected ProviderDriver driver() {
        return new SimulatorDriver(sim);
    }

    /** The customer's phone and Daraja's callbacks, played by the simulator's control API. */
    static final class SimulatorDriver implements ProviderDriver {
        private final MpesaSimulator sim;

        SimulatorDriver(MpesaSimulator sim) {
            this.sim = sim;
        }

        @Override
        public void approve(Payment payment) {
            sim.approve(checkoutOf(payment));
        }

        @Override
        public Map<String, ProviderStatus> failureScenarios() {
            Map<String, ProviderStatus> scenarios = new LinkedHashMap<>();
            scenarios.put("cancel", ProviderStatus.CANCELLED);
            scenarios.put("timeout", ProviderStatus.EXPIRED);
            scenarios.put("wrong-pin", ProviderStatus.FAILED);
            scenarios.put("insufficient-funds", ProviderStatus.FAILED);
            scenarios.put("expired", ProviderStatus.EXPIRED);
            return scenarios;
        }

        @Override
        public void fail(Payment payment, String scenario) {
            sim.answer(checkoutOf(payment), MpesaOutcome.fromRouteName(scenario));
        }

        /** The callback Daraja actually sent for the payment, as the webhook route receives it. */
        @Override
        public InboundRequest authenticWebhook(Payment payment) {
            CallbackAttempt attempt = lastCallback(checkoutOf(payment));
            URI url = URI.create(attempt.url());
            String route = "/payments/webhooks/" + payment.gatewayName() + "/";
            return InboundRequest.builder(attempt.method())
                    .path(url.getPath().substring(url.getPath().indexOf(route) + route.length()))
                    .header("Content-Type", "application/json")
                    .body(attempt.body()).build();
        }

        @Override
        public InboundRequest forgedWebhook(Payment payment) {
            return InboundRequest.builder("POST")
                    .path(payment.id() + "/" + "forged0123456789abcdef0123456789")
                    .header("Content-Type", "application/json")
                    .body("{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"1-1-1\","
                            + "\"CheckoutRequestID\":\"ws_CO_00000000000000000001\",\"ResultCode\":0,"
                            + "\"ResultDesc\":\"ok\",\"CallbackMetadata\":{\"Item\":["
                            + "{\"Name\":\"MpesaReceiptNumber\",\"Value\":\"FORGED0001\"}]}}}}").build();
        }

        /** The CheckoutRequestID Daraja gave the payment: stored, or the push to its number. */
        private String checkoutOf(Payment payment) {
            if (payment.providerReference() != null) {
                return payment.providerReference();
            }
            var pushes = sim.pushesTo(payment.payer().msisdn().digits());
            return pushes.get(pushes.size() - 1).checkoutRequestId();
        }

        private CallbackAttempt lastCallback(String checkoutRequestId) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (Instant.now().isBefore(deadline)) {
                List<CallbackAttempt> attempts = sim.journal().callbacksByReference()
                        .getOrDefault(checkoutRequestId, List.of());
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
            throw new AssertionError("the simulator sent no callback for " + checkoutRequestId);
        }
    }
}
