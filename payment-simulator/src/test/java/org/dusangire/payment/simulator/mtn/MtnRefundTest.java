package org.dusangire.payment.simulator.mtn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MtnRefundTest {

    private MtnMomoSimulator sim = MtnMomoSimulator.builder().build().start();
    private MtnClient client = new MtnClient(sim);
    private String collection = client.collectionToken();
    private String disbursement = client.disbursementToken();

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
        assertThat(sim.refundedTotal(original)).isEqualByComparingTo("6");
        assertThat(sim.refundsPaidOut(original)).isEqualTo(1);
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
        assertThat(sim.refundsPaidOut(pending)).isEqualTo(1);
        assertThat(sim.refundedTotal(pending)).isEqualByComparingTo("1");
    }

    @Test
    void heldRefundIsPendingUntilCompleted() {
        holding();
        String original = client.newPayment(collection, "256772123456");
        sim.approve(original);
        String refundRef = UUID.randomUUID().toString();

        assertThat(refund("v1_0", refundRef, original, "4").statusCode()).isEqualTo(202);
        var pending = MtnClient.json(refundStatus(refundRef));
        assertThat(pending.get("status").asText()).isEqualTo("PENDING");
        assertThat(pending.has("financialTransactionId")).isFalse();
        assertThat(sim.refundsPaidOut(original)).isZero();

        assertThat(sim.completeRefund(refundRef)).isTrue();
        assertThat(sim.completeRefund(refundRef)).isFalse();
        var done = MtnClient.json(refundStatus(refundRef));
        assertThat(done.get("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(done.get("financialTransactionId").asText()).isNotBlank();
        assertThat(sim.refundedTotal(original)).isEqualByComparingTo("4");
    }

    @Test
    void failedRefundKeepsItsReasonPaysNothingAndFreesItsAmount() {
        holding();
        String original = client.newPayment(collection, "256772123456");
        sim.approve(original);
        String refundRef = UUID.randomUUID().toString();
        refund("v1_0", refundRef, original, "6");

        assertThat(sim.failRefund(refundRef, "NOT_ENOUGH_FUNDS")).isTrue();

        var failed = MtnClient.json(refundStatus(refundRef));
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("reason").asText()).isEqualTo("NOT_ENOUGH_FUNDS");
        assertThat(sim.refundedTotal(original)).isEqualByComparingTo("0");
        assertThat(sim.refunds(original)).singleElement()
                .satisfies(r -> assertThat(r.paidOut()).isFalse());
        assertThat(refund("v1_0", UUID.randomUUID().toString(), original, "6").statusCode())
                .isEqualTo(202);
    }

    @Test
    void refundWhoseAnswerIsDroppedIsStillPaidAndItsIdStillTaken() {
        String original = client.newPayment(collection, "256772123456");
        sim.approve(original);
        String refundRef = UUID.randomUUID().toString();
        sim.inject(FaultRule.nextCalls(MtnEndpoint.REFUND, 1, Fault.of(FaultKind.DROP_AFTER_PROCESSING)));

        assertThatThrownBy(() -> refund("v1_0", refundRef, original, "6"))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(refund("v1_0", refundRef, original, "6").statusCode()).isEqualTo(409);
        assertThat(MtnClient.json(refundStatus(refundRef)).get("status").asText())
                .isEqualTo("SUCCESSFUL");
        assertThat(sim.refundsPaidOut(original)).isEqualTo(1);
    }

    @Test
    void refundDroppedBeforeProcessingIsUnknown() {
        String original = client.newPayment(collection, "256772123456");
        sim.approve(original);
        String refundRef = UUID.randomUUID().toString();
        sim.inject(FaultRule.nextCalls(MtnEndpoint.REFUND, 1, Fault.of(FaultKind.DROP_BEFORE_PROCESSING)));

        assertThatThrownBy(() -> refund("v1_0", refundRef, original, "6"))
                .isInstanceOf(UncheckedIOException.class);

        var status = refundStatus(refundRef);
        assertThat(status.statusCode()).isEqualTo(404);
        assertThat(MtnClient.json(status).get("code").asText()).isEqualTo("RESOURCE_NOT_FOUND");
        assertThat(sim.refunds(original)).isEmpty();
    }

    @Test
    void heldRefundsAreDecidedOverHttpToo() {
        holding();
        String original = client.newPayment(collection, "256772123456");
        sim.approve(original);
        String paid = UUID.randomUUID().toString();
        String refused = UUID.randomUUID().toString();
        refund("v1_0", paid, original, "2");
        refund("v1_0", refused, original, "2");

        assertThat(control("/_sim/refunds/" + paid + "/complete").statusCode()).isEqualTo(200);
        assertThat(control("/_sim/refunds/" + paid + "/complete").statusCode()).isEqualTo(409);
        var failed = control("/_sim/refunds/" + refused + "/fail?reason=PAYEE_NOT_FOUND");
        assertThat(MtnClient.json(failed).get("reason").asText()).isEqualTo("PAYEE_NOT_FOUND");
        assertThat(control("/_sim/refunds/" + UUID.randomUUID() + "/complete").statusCode())
                .isEqualTo(404);
        var view = MtnClient.json(client.send(HttpRequest.newBuilder(
                client.uri("/_sim/refunds/" + paid)).GET()));
        assertThat(view.get("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(view.get("originalReference").asText()).isEqualTo(original.toLowerCase());
        assertThat(sim.refundedTotal(original)).isEqualByComparingTo("2");
    }

    private HttpResponse<String> control(String path) {
        return client.send(HttpRequest.newBuilder(client.uri(path))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private void holding() {
        sim.close();
        sim = MtnMomoSimulator.builder().holdRefunds(true).build().start();
        client = new MtnClient(sim);
        collection = client.collectionToken();
        disbursement = client.disbursementToken();
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
