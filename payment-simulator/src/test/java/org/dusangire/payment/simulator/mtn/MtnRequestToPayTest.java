package org.dusangire.payment.simulator.mtn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MtnRequestToPayTest {

    private final MtnMomoSimulator sim = MtnMomoSimulator.builder().build().start();
    private final MtnClient client = new MtnClient(sim);
    private final String token = client.collectionToken();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void acceptedPaymentStaysPendingUntilThePayerApproves() {
        String ref = UUID.randomUUID().toString();

        var created = client.requestToPay(token, ref, MtnClient.body("256772123456"), null);
        assertThat(created.statusCode()).isEqualTo(202);
        assertThat(created.body()).isEmpty();

        var pending = MtnClient.json(client.status(token, ref));
        assertThat(pending.get("status").asText()).isEqualTo("PENDING");
        assertThat(pending.has("financialTransactionId")).isFalse();

        assertThat(sim.approve(ref)).isTrue();
        var done = MtnClient.json(client.status(token, ref));
        assertThat(done.get("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(done.get("financialTransactionId").asText()).isNotBlank();
        assertThat(done.get("amount").asText()).isEqualTo("6");
        assertThat(done.get("currency").asText()).isEqualTo("EUR");
        assertThat(done.get("externalId").asText()).isEqualTo("order-1");
        assertThat(done.at("/payer/partyId").asText()).isEqualTo("256772123456");
        assertThat(done.get("payerMessage").asText()).isEqualTo("Pay for order 1");
        assertThat(done.get("payeeNote").asText()).isEqualTo("Order 1");
        assertThat(sim.requestToPayCount()).isEqualTo(1);
        assertThat(sim.referenceIdsSent()).containsExactly(ref);
    }

    @Test
    void finalStateNeverChangesBack() {
        String ref = client.newPayment(token, "256772123456");
        assertThat(sim.decline(ref)).isTrue();

        assertThat(sim.approve(ref)).isFalse();
        assertThat(sim.state(ref).orElseThrow().reason()).isEqualTo("APPROVAL_REJECTED");
    }

    @Test
    void reusedReferenceIs409() {
        String ref = client.newPayment(token, "256772123456");

        var again = client.requestToPay(token, ref, MtnClient.body("256772123456"), null);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(MtnClient.json(again).get("code").asText()).isEqualTo("RESOURCE_ALREADY_EXIST");
    }

    @Test
    void referenceThatIsNotUuidVersion4Is400() {
        String v1 = "a8098c1a-f86e-11da-bd1a-00112444be1e";

        assertThat(client.requestToPay(token, v1, MtnClient.body("256772123456"), null)
                .statusCode()).isEqualTo(400);
        assertThat(client.requestToPay(token, "order-1", MtnClient.body("256772123456"), null)
                .statusCode()).isEqualTo(400);
    }

    @Test
    void payerNoteWithApostropheOrTooLongIs400() {
        Map<String, Object> apostrophe = MtnClient.body("256772123456");
        apostrophe.put("payeeNote", "Patient's bill");
        Map<String, Object> tooLong = MtnClient.body("256772123456");
        tooLong.put("payerMessage", "x".repeat(161));
        Map<String, Object> ampersand = MtnClient.body("256772123456");
        ampersand.put("payerMessage", "Food & drink");

        for (Map<String, Object> body : java.util.List.of(apostrophe, tooLong, ampersand)) {
            var response = client.requestToPay(token, UUID.randomUUID().toString(), body, null);
            assertThat(response.statusCode()).isEqualTo(400);
        }
        assertThat(sim.payments()).isEmpty();
    }

    @Test
    void amountMustBeAPositiveNumberInAString() {
        Map<String, Object> number = MtnClient.body("256772123456");
        number.put("amount", 6);
        Map<String, Object> negative = MtnClient.body("256772123456");
        negative.put("amount", "-1");

        assertThat(client.requestToPay(token, UUID.randomUUID().toString(), number, null)
                .statusCode()).isEqualTo(400);
        assertThat(client.requestToPay(token, UUID.randomUUID().toString(), negative, null)
                .statusCode()).isEqualTo(400);
        assertThat(client.requestToPay(token, UUID.randomUUID().toString(), "{}", null)
                .statusCode()).isEqualTo(400);
    }

    @Test
    void wrongCurrencyIs500InvalidCurrency() {
        Map<String, Object> body = MtnClient.body("256772123456");
        body.put("currency", "UGX");

        var response = client.requestToPay(token, UUID.randomUUID().toString(), body, null);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(MtnClient.json(response).get("code").asText()).isEqualTo("INVALID_CURRENCY");
    }

    @Test
    void callbackOnAnotherHostIs500AndEmptyCallbackIs400() {
        var foreign = client.requestToPay(token, UUID.randomUUID().toString(),
                MtnClient.body("256772123456"), "https://evil.example.com/cb");
        var empty = client.requestToPay(token, UUID.randomUUID().toString(),
                MtnClient.body("256772123456"), "");

        assertThat(foreign.statusCode()).isEqualTo(500);
        assertThat(MtnClient.json(foreign).get("code").asText())
                .isEqualTo("INVALID_CALLBACK_URL_HOST");
        assertThat(empty.statusCode()).isEqualTo(400);
    }

    @Test
    void wrongTargetEnvironmentIs500() {
        var response = client.send(client.collection("/collection/v1_0/requesttopay", token)
                .setHeader("X-Target-Environment", "mtnuganda")
                .header("X-Reference-Id", UUID.randomUUID().toString())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        MtnClient.write(MtnClient.body("256772123456")))));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(MtnClient.json(response).get("code").asText())
                .isEqualTo("NOT_ALLOWED_TARGET_ENVIRONMENT");
    }

    @Test
    void statusOfUnknownReferenceIs404AndOfNonUuidIs400() {
        var unknown = client.status(token, UUID.randomUUID().toString());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(MtnClient.json(unknown).get("code").asText()).isEqualTo("RESOURCE_NOT_FOUND");
        assertThat(client.status(token, "not-a-uuid").statusCode()).isEqualTo(400);
    }

    @Test
    void reasonIsAPlainStringByDefault() {
        String ref = client.newPayment(token, "256772123456");
        sim.insufficientFunds(ref);

        var body = MtnClient.json(client.status(token, ref));

        assertThat(body.get("status").asText()).isEqualTo("FAILED");
        assertThat(body.get("reason").isTextual()).isTrue();
        assertThat(body.get("reason").asText()).isEqualTo("NOT_ENOUGH_FUNDS");
    }

    @Test
    void reasonCanBeAnObjectAsInTheSwagger() {
        try (var objectSim = MtnMomoSimulator.builder().reasonFormat(ReasonFormat.OBJECT).build()
                .start()) {
            var objectClient = new MtnClient(objectSim);
            String objectToken = objectClient.collectionToken();
            String ref = objectClient.newPayment(objectToken, "256772123456");
            objectSim.expire(ref);

            var reason = MtnClient.json(objectClient.status(objectToken, ref)).get("reason");

            assertThat(reason.get("code").asText()).isEqualTo("EXPIRED");
            assertThat(reason.get("message").asText()).isNotBlank();
        }
    }

    @Test
    void accountHolderCheckKnowsUnknownNumbers() {
        try (var other = MtnMomoSimulator.builder()
                .unknownAccountHolders(java.util.Set.of("256700000000")).build().start()) {
            var c = new MtnClient(other);
            String t = c.collectionToken();
            var known = c.send(c.collection(
                    "/collection/v1_0/accountholder/msisdn/256772123456/active", t).GET());
            var unknown = c.send(c.collection(
                    "/collection/v1_0/accountholder/MSISDN/256700000000/active", t).GET());

            assertThat(known.statusCode()).isEqualTo(200);
            assertThat(MtnClient.json(known).get("result").asBoolean()).isTrue();
            assertThat(unknown.statusCode()).isEqualTo(404);
        }
    }
}
