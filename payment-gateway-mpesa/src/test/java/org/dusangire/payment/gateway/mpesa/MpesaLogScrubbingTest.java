package org.dusangire.payment.gateway.mpesa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.mpesa.MpesaEndpoint;
import org.dusangire.payment.simulator.mpesa.MpesaSimulator;
import org.dusangire.payment.testkit.LogCapture;
import org.junit.jupiter.api.Test;

/**
 * A whole M-Pesa flow with wire logging at DEBUG, errors included, leaves no consumer secret,
 * passkey, STK password, access token, callback token or full phone number behind.
 */
class MpesaLogScrubbingTest {

    @Test
    void fullFlowLogsAndStoresNoSecretPasswordTokenOrPhoneNumber() {
        List<String> stored = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String phone = MpesaFixture.safaricomNumber();
        Payment p;
        LogCapture logs = LogCapture.atDebug("org.dusangire.payment");
        MpesaSimulator sim = MpesaSimulator.builder().threads(4).build().start();
        try (logs; sim) {
            MpesaGateway gateway = MpesaFixture.gateway(sim);
            p = MpesaFixture.payment(MpesaGateway.DEFAULT_NAME, "100", phone);
            var result = gateway.initiate(MpesaFixture.initiation(p));
            stored.add(result.rawResponse());
            Payment sent = p.toBuilder().providerReference(result.providerReference()).build();
            stored.add(gateway.checkStatus(sent).rawResponse());
            sim.approve(sent.providerReference());
            stored.add(gateway.checkStatus(sent).rawResponse());
            sim.inject(FaultRule.nextCalls(MpesaEndpoint.STK_PUSH, 1, Fault.of(FaultKind.MALFORMED_BODY)));
            try {
                gateway.initiate(MpesaFixture.initiation(MpesaFixture.payment(MpesaGateway.DEFAULT_NAME,
                        "100", phone)));
            } catch (PaymentException e) {
                errors.add(e.getMessage());
            }
        }
        String logged = logs.text();
        String password = Base64.getEncoder().encodeToString(sim.shortcode().concat(sim.passkey())
                .getBytes(StandardCharsets.UTF_8)).substring(0, 24);

        assertThat(logged).contains("stkpush").contains("stkpushquery");
        assertThat(errors).hasSize(1);
        for (String text : List.of(logged, String.join("\n", stored), String.join("\n", errors))) {
            assertThat(text)
                    .doesNotContain(sim.consumerSecret())
                    .doesNotContain(sim.passkey())
                    .doesNotContain(password)
                    .doesNotContain(Base64.getEncoder().encodeToString((sim.consumerKey() + ":"
                            + sim.consumerSecret()).getBytes(StandardCharsets.UTF_8)))
                    .doesNotContain(p.callbackToken())
                    .doesNotContain(phone);
        }
    }
}
