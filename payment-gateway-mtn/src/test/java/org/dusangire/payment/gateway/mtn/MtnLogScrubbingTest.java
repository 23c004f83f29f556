package org.dusangire.payment.gateway.mtn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.RefundRequest;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;
import org.dusangire.payment.testkit.LogCapture;
import org.junit.jupiter.api.Test;

/** A whole MTN flow with wire logging at DEBUG leaves no credential, token or full number behind. */
class MtnLogScrubbingTest {

    @Test
    void fullFlowLogsNoSecretTokenOrPhoneNumber() {
        List<String> stored = new ArrayList<>();
        Payment p;
        LogCapture logs = LogCapture.atDebug("org.dusangire.payment");
        MtnMomoSimulator sim = MtnMomoSimulator.builder().targetEnvironment("mtnuganda").threads(4).build().start();
        try (logs; sim) {
            MtnMomoGateway gateway = MtnFixture.gateway(sim);
            p = MtnFixture.payment(sim);
            stored.add(gateway.initiate(MtnFixture.initiation(p)).rawResponse());
            stored.add(gateway.checkStatus(p).rawResponse());
            sim.approve(p.providerReference());
            stored.add(gateway.checkStatus(p).rawResponse());
            Payment paid = p.transition(PaymentStatus.SUCCEEDED, Trigger.VERIFY, p.createdAt().plusSeconds(1), null);
            stored.add(gateway.refund(new RefundRequest(paid, paid.money(), UUID.randomUUID().toString(), null))
                    .rawResponse());
        }
        String logged = logs.text();

        assertThat(logged).contains("requesttopay").contains("HTTP 202");
        for (String text : List.of(logged, String.join("\n", stored))) {
            assertThat(text)
                    .doesNotContain(sim.apiKey())
                    .doesNotContain(sim.collectionSubscriptionKey())
                    .doesNotContain(sim.disbursementSubscriptionKey())
                    .doesNotContain("eyJ0eXAi") // the simulator's JWT access tokens
                    .doesNotContain(p.callbackToken())
                    .doesNotContain("256772123456");
        }
    }
}
