package org.dusangire.payment.gateway.airtel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.RefundRequest;
import org.dusangire.payment.simulator.airtel.AirtelMoneySimulator;
import org.dusangire.payment.testkit.LogCapture;
import org.junit.jupiter.api.Test;

/** A full flow logged at DEBUG shows no credential, token, hash key or full phone number. */
class AirtelLogScrubbingTest {

    @Test
    void fullFlowLogsNoSecretTokenOrFullMsisdn() {
        try (var captured = LogCapture.atDebug("org.dusangire");
             var sim = AirtelMoneySimulator.builder().callbackAuthentication(AirtelFixture.CALLBACK_KEY)
                .messageSigning(true).build().start()) {
            var gateway = AirtelFixture.gateway(sim, b -> b.messageSigning(true)
                    .callbackPrivateKey(Secret.of(AirtelFixture.CALLBACK_KEY)), Clock.systemUTC());
            Payment p = AirtelFixture.payment();
            gateway.initiate(AirtelFixture.initiation(p));
            sim.approve(p.providerReference());
            var report = gateway.checkStatus(p);
            gateway.parseWebhook(AirtelFixture.callback(sim.callbackBody(p.providerReference()).orElseThrow()));
            Payment paid = p.transition(PaymentStatus.SUCCEEDED, Trigger.VERIFY,
                    p.createdAt().plusSeconds(1), null).toBuilder()
                    .providerTransactionId(report.providerTransactionId()).build();
            gateway.refund(new RefundRequest(paid, paid.money(), "r1", null));

            String logs = captured.text();
            assertThat(captured.lines()).as("the flow was logged").isNotEmpty();
            assertThat(logs).doesNotContain(sim.clientSecret())
                    .doesNotContain(AirtelFixture.CALLBACK_KEY)
                    .doesNotContain("752604392")
                    .doesNotContainPattern("[0-9a-f]{48}");
        }
    }
}
