package org.dusangire.payment.simulator.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.NoSuchElementException;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlutterwaveControlAndFaultTest {

    private final FlutterwaveSimulator sim = FlutterwaveSimulator.builder().build().start();
    private final FlwClient client = new FlwClient(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void everyCustomerOutcomeIsReachableOverHttp() {
        String txRef = client.newLink();

        var failed = client.control("POST", "/_sim/payments/" + txRef + "/fail?reason=Do+not+honour");
        var pending = client.control("POST", "/_sim/payments/" + txRef + "/pending");
        long pendingId = FlwClient.json(pending).get("id").asLong();
        var settled = client.control("POST", "/_sim/transactions/" + pendingId + "/settle");
        var again = client.control("POST", "/_sim/payments/" + txRef + "/pay-card");
        var view = FlwClient.json(client.control("GET", "/_sim/payments/" + txRef));

        assertThat(FlwClient.json(failed).get("processor_response").asText()).isEqualTo("Do not honour");
        assertThat(FlwClient.json(pending).get("status").asText()).isEqualTo("pending");
        assertThat(FlwClient.json(settled).get("status").asText()).isEqualTo("successful");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(view.get("transactions")).hasSize(2);
        assertThat(view.get("amount_due").asText()).isEqualTo("1500 UGX");
    }

    @Test
    void hostileCustomersAndCancellationOverHttp() {
        String less = client.newLink();
        String foreign = client.newLink();
        String cancelled = client.newLink();

        var lessAnswer = FlwClient.json(client.control("POST", "/_sim/payments/" + less + "/pay-less?amount=10"));
        var foreignAnswer = FlwClient.json(client.control("POST", "/_sim/payments/" + foreign
                + "/pay-currency?currency=USD"));
        client.control("POST", "/_sim/payments/" + cancelled + "/cancel");

        assertThat(lessAnswer.get("amount").decimalValue()).isEqualByComparingTo("10");
        assertThat(foreignAnswer.get("currency").asText()).isEqualTo("USD");
        assertThat(sim.cancellations(cancelled)).isEqualTo(1);
        assertThat(client.control("POST", "/_sim/payments/nope/pay-card").statusCode()).isEqualTo(404);
        assertThat(client.control("POST", "/_sim/payments/" + cancelled + "/pay-less").statusCode())
                .isEqualTo(400);
    }

    @Test
    void autoPayAndWebhookRoutesOverHttp() {
        assertThat(client.control("POST", "/_sim/auto-pay?enabled=true").statusCode()).isEqualTo(200);
        String txRef = client.newLink();
        assertThat(sim.transactions(txRef)).hasSize(1);
        client.control("POST", "/_sim/auto-pay?enabled=false");
        assertThat(sim.transactions(client.newLink())).isEmpty();

        assertThat(FlwClient.json(client.control("GET", "/_sim/webhooks")).get("deliveries")).isEmpty();
        assertThat(FlwClient.json(client.control("POST", "/_sim/webhooks/retry-due")).get("sent").asInt())
                .isZero();
    }

    @Test
    void javaControlApiRefusesUnknownReferencesAndPaidLinks() {
        String txRef = client.newLink();
        sim.payByCard(txRef);

        assertThatThrownBy(() -> sim.payByCard("unknown")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> sim.fail(txRef)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sim.cancel(txRef)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void faultsApplyPerEndpoint() {
        String txRef = client.newLink();
        long id = sim.payByCard(txRef);
        sim.inject(FaultRule.nextCalls(FlutterwaveEndpoint.VERIFY, 1, Fault.of(FaultKind.HTTP_503)));
        sim.inject(FaultRule.nextCalls(FlutterwaveEndpoint.VERIFY_BY_REFERENCE, 1,
                Fault.of(FaultKind.MALFORMED_BODY)));

        assertThat(client.verify(id).statusCode()).isEqualTo(503);
        assertThat(client.verify(id).statusCode()).isEqualTo(200);
        assertThat(client.verifyByReference(txRef).body()).doesNotEndWith("}");
        assertThat(sim.journal().count(FlutterwaveEndpoint.VERIFY)).isEqualTo(2);
    }

    @Test
    void droppedCreateStillHoldsTheLinkSoARetryGetsItBack() {
        sim.inject(FaultRule.nextCalls(FlutterwaveEndpoint.CREATE_PAYMENT, 1,
                Fault.of(FaultKind.DROP_AFTER_PROCESSING)));
        String txRef = java.util.UUID.randomUUID().toString();

        assertThatThrownBy(() -> client.create(FlwClient.body(txRef)))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
        assertThat(sim.paymentLink(txRef)).isPresent();
        assertThat(FlwClient.json(client.create(FlwClient.body(txRef))).at("/data/link").asText())
                .isEqualTo(sim.paymentLink(txRef).orElseThrow().toString());
    }

    @Test
    void journalRedactsTheSecretKey() {
        client.newLink();

        assertThat(sim.journal().headerValues(FlutterwaveEndpoint.CREATE_PAYMENT.name(), "authorization"))
                .containsExactly("Bearer ***");
        assertThat(client.send(client.api("/nope").GET()).statusCode()).isEqualTo(404);
        assertThat(client.send(client.api("/payments").method("PUT",
                HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(404);
    }
}
