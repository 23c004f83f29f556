package org.dusangire.payment.simulator.mtn;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MtnRefundTest {

    private final MtnMomoSimulator sim = MtnMomoSimulator.builder().build().start();
    private final MtnClient client = new MtnClient(sim);
    private final String collection = client.collectionToken();
    private final String disbursement = client.disbursementToken();

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> refund(String version, String ref, String original, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", amount);
        body.put("currency", "EUR");
        body.put("externalId", "refund-1");
        body.put("payerMessage", "Refund");
        body.put("payeeNote", "Refund");
        body.put("referenceIdToRefund", original);
        return client.send(HttpRequest.newBuilder(client.uri("/disbursement/" + version + "/refund"))
                .header("Authorization", "Bearer " + disbursement)
                .header("X-Reference-Id", ref)
                .header("X-Target-Environment", "sandbox")
                .header("Ocp-Apim-Subscription-Key", sim.disbursementSubscriptionKey())
                .POST(HttpRequest.BodyPublishers.ofString(MtnClient.write(body))));
    }

    private HttpResponse<String> refundStatus(String ref) {
        return client.send(HttpRequest.newBuilder(client.uri("/disbursement/v1_0/refund/" + ref))
                .header("Authorization", "Bearer " + disbursement)
                .header("X-Target-Environment", "sandbox")
                .header("Ocp-Apim-Subscription-Key", sim.disbursementSubscriptionKey()).GET());
    }

    @Test
    void refundsASuccessfulPaymentAndReportsItsStatus() {
        String original = client.newPayment(collection, "256772123456");
        sim.approve(original);
        String refundRef = UUID.randomUUID().toString();

        assertThat(refund("v1_0", refundRef, original, "6").statusCode()).isEqualTo(202);

        var status = MtnClient.json(refundStatus(refundRef));
        assertThat(status.get("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(status.at("/payee/partyId").asText()).isEqualTo("256772123456");
        assertThat(status.get("amount").asText()).isEqualTo("6");
        assertThat(sim.state(original).orElseThrow().refunded()).isEqualByComparingTo("6");
    }

    @Test
    void partialRefundsNeverExceedTheOriginalAmount() {
        String original = client.newPayment(collection, "256772123456");
        sim.approve(original);

        assertThat(refund("v2_0", UUID.randomUUID().toString(), original, "4").statusCode())
                .isEqualTo(202);
        var tooMuch = refund("v1_0", UUID.randomUUID().toString(), original, "2.01");
        assertThat(tooMuch.statusCode()).isEqualTo(500);
        assertThat(MtnClient.json(tooMuch).get("code").asText()).isEqualTo("NOT_ALLOWED");
        assertThat(refund("v1_0", UUID.randomUUID().toString(), original, "2").statusCode())
                .isEqualTo(202);
    }

    @Test
    void refusesPendingOrUnknownOriginalsAndReusedReferences() {
        String pending = client.newPayment(collection, "256772123456");
        assertThat(refund("v1_0", UUID.randomUUID().toString(), pending, "1").statusCode())
                .isEqualTo(500);
        assertThat(refund("v1_0", UUID.randomUUID().toString(), UUID.randomUUID().toString(), "1")
                .statusCode()).isEqualTo(404);

        sim.approve(pending);
        String refundRef = UUID.randomUUID().toString();
        assertThat(refund("v1_0", refundRef, pending, "1").statusCode()).isEqualTo(202);
        assertThat(refund("v1_0", refundRef, pending, "1").statusCode()).isEqualTo(409);
        assertThat(sim.state(pending).orElseThrow().refunded()).isEqualByComparingTo("1");
    }

    @Test
    void refundNeedsTheDisbursementKey() {
        var response = client.send(HttpRequest.newBuilder(client.uri("/disbursement/v1_0/refund"))
                .header("Authorization", "Bearer " + disbursement)
                .header("X-Reference-Id", UUID.randomUUID().toString())
                .header("X-Target-Environment", "sandbox")
                .header("Ocp-Apim-Subscription-Key", sim.collectionSubscriptionKey())
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
