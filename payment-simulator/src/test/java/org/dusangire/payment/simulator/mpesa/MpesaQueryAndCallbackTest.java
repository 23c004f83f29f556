package org.dusangire.payment.simulator.mpesa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.dusangire.payment.simulator.CallbackAttempt;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.testsupport.Await;
import org.dusangire.payment.simulator.testsupport.CallbackReceiver;
import org.dusangire.payment.simulator.testsupport.JsonHttpClient;
import org.dusangire.payment.simulator.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MpesaQueryAndCallbackTest {
    private static final String PHONE = "254708374149";

    private final CallbackReceiver receiver = new CallbackReceiver();
    private final MutableClock clock = new MutableClock();
    private final MpesaSimulator sim = MpesaSimulator.builder().clock(clock).build().start();
    private final DarajaClient client = new DarajaClient(sim);
    private final String token = client.token();

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    @Test
    void whileTheCustomerHasNotAnsweredTheQueryIsDarajasBeingProcessedError() {
        String id = client.pushed(token, PHONE, receiver.url("/cb"));

        HttpResponse<String> r = client.query(token, id);

        assertThat(r.statusCode()).isEqualTo(500);
        JsonNode error = DarajaClient.error(r);
        assertThat(error.get("errorCode").asText()).isEqualTo("500.001.1001");
        assertThat(error.get("errorMessage").asText()).isEqualTo("The transaction is being processed");
        assertThat(sim.state(id).orElseThrow().queries()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(MpesaOutcome.class)
    void eachOutcomeIsQueriedWithItsResultCodeAsAString(MpesaOutcome outcome) {
        String id = client.pushed(token, PHONE, receiver.url("/cb"));
        sim.answer(id, outcome);

        JsonNode body = JsonHttpClient.json(client.query(token, id));

        assertThat(body.get("ResponseCode").asText()).isEqualTo("0");
        assertThat(body.get("CheckoutRequestID").asText()).isEqualTo(id);
        assertThat(body.get("MerchantRequestID").asText()).isNotBlank();
        assertThat(body.get("ResultCode").isTextual()).isTrue();
        assertThat(body.get("ResultCode").asText()).isEqualTo(Integer.toString(outcome.resultCode()));
        assertThat(body.get("ResultDesc").asText()).isEqualTo(outcome.resultDesc());
    }

    @Test
    void theQueryCanCarryResultCodeAsANumber() {
        try (MpesaSimulator numeric = MpesaSimulator.builder()
                .queryResultCode(ValueFormat.NUMBER).build().start()) {
            DarajaClient c = new DarajaClient(numeric);
            String t = c.token();
            String id = c.pushed(t, PHONE, receiver.url("/cb"));
            numeric.decline(id);

            JsonNode body = JsonHttpClient.json(c.query(t, id));

            assertThat(body.get("ResultCode").isNumber()).isTrue();
            assertThat(body.get("ResultCode").asInt()).isEqualTo(1032);
        }
    }

    @Test
    void anUnknownCheckoutRequestIdIsABadRequest() {
        HttpResponse<String> r = client.query(token, "ws_CO_01012024000000000999");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(DarajaClient.error(r).get("errorMessage").asText()).contains("CheckoutRequestID");
    }

    @Test
    void aPaidPushIsCalledBackWithItsMetadata() throws IOException {
        String id = client.pushed(token, PHONE, receiver.url("/payments/webhooks/mpesa/p/t"));
        sim.approve(id);

        Await.until(() -> receiver.received().size() == 1);
        CallbackReceiver.Received cb = receiver.received().get(0);
        JsonNode stk = JsonHttpClient.json(cb.body()).get("Body").get("stkCallback");

        assertThat(cb.method()).isEqualTo("POST");
        assertThat(cb.path()).isEqualTo("/payments/webhooks/mpesa/p/t");
        assertThat(stk.get("CheckoutRequestID").asText()).isEqualTo(id);
        assertThat(stk.get("ResultCode").isNumber()).isTrue();
        assertThat(stk.get("ResultCode").asInt()).isZero();
        JsonNode items = stk.get("CallbackMetadata").get("Item");
        assertThat(item(items, "Amount").decimalValue()).isEqualByComparingTo("100");
        assertThat(item(items, "MpesaReceiptNumber").asText())
                .isEqualTo(sim.state(id).orElseThrow().receiptNumber()).matches("[A-Z0-9]{10}");
        assertThat(item(items, "TransactionDate").asLong()).isGreaterThan(20_000_000_000_000L);
        assertThat(item(items, "PhoneNumber").asLong()).isEqualTo(Long.parseLong(PHONE));
    }

    @Test
    void aFailedPushIsCalledBackWithoutMetadata() {
        String id = client.pushed(token, PHONE, receiver.url("/cb"));
        sim.wrongPin(id);

        Await.until(() -> receiver.received().size() == 1);
        JsonNode stk = JsonHttpClient.json(receiver.received().get(0).body()).get("Body")
                .get("stkCallback");

        assertThat(stk.get("ResultCode").asInt()).isEqualTo(2001);
        assertThat(stk.has("CallbackMetadata")).isFalse();
    }

    @Test
    void callbackVariantsCarryResultCodeAndAmountAsStrings() {
        try (MpesaSimulator strings = MpesaSimulator.builder()
                .callbackResultCode(ValueFormat.STRING).callbackAmount(ValueFormat.STRING)
                .build().start()) {
            DarajaClient c = new DarajaClient(strings);
            String id = c.pushed(c.token(), PHONE, receiver.url("/cb"));
            strings.approve(id);

            Await.until(() -> receiver.received().size() == 1);
            JsonNode stk = JsonHttpClient.json(receiver.received().get(0).body()).get("Body")
                    .get("stkCallback");

            assertThat(stk.get("ResultCode").isTextual()).isTrue();
            assertThat(item(stk.get("CallbackMetadata").get("Item"), "Amount").isTextual()).isTrue();
        }
    }

    @Test
    void aScriptedCustomerAnswersAfterTheDelayByTheSimulatorsClock() {
        sim.script(PHONE, MpesaOutcome.CANCEL, Duration.ofMinutes(30));
        String id = client.pushed(token, PHONE, receiver.url("/cb"));

        assertThat(client.query(token, id).statusCode()).as("not yet").isEqualTo(500);
        clock.advance(Duration.ofMinutes(30));
        JsonNode answered = JsonHttpClient.json(client.query(token, id));

        assertThat(answered.get("ResultCode").asText()).isEqualTo("1032");
        Await.until(() -> receiver.received().size() == 1);
    }

    @Test
    void aCustomerScriptedForAtOnceAnswersBeforeTheFirstQuery() {
        sim.script("254110000001", MpesaOutcome.INSUFFICIENT_FUNDS, Duration.ZERO);

        String id = client.pushed(token, "254110000001", receiver.url("/cb"));

        assertThat(sim.state(id).orElseThrow().resultCode()).isEqualTo(1);
        sim.clearScript("254110000001");
        String next = client.pushed(token, "254110000001", receiver.url("/cb"));
        assertThat(sim.state(next).orElseThrow().isFinal()).isFalse();
    }

    @Test
    void aFaultCanLoseTheCallbackWhileTheQueryStillKnows() {
        sim.inject(FaultRule.nextCalls(MpesaEndpoint.CALLBACK, 1,
                Fault.of(FaultKind.CALLBACK_NEVER_SENT)));
        String id = client.pushed(token, PHONE, receiver.url("/cb"));
        sim.approve(id);

        List<CallbackAttempt> attempts = sim.journal().callbacksByReference().get(id);

        assertThat(attempts).singleElement().satisfies(a -> assertThat(a.suppressed()).isTrue());
        assertThat(receiver.received()).isEmpty();
        assertThat(JsonHttpClient.json(client.query(token, id)).get("ResultCode").asText())
                .isEqualTo("0");
    }

    @Test
    void duplicateAndLateCallbacksAreOnRequest() {
        try (MpesaSimulator twice = MpesaSimulator.builder().duplicateCallbacks(true)
                .callbackDelay(Duration.ofMillis(200)).build().start()) {
            DarajaClient c = new DarajaClient(twice);
            String id = c.pushed(c.token(), PHONE, receiver.url("/cb"));
            twice.approve(id);

            assertThat(receiver.received()).as("late: nothing yet").isEmpty();
            Await.until(() -> receiver.received().size() == 2);
            twice.resendCallback(id);
            Await.until(() -> receiver.received().size() == 3);

            assertThat(receiver.received()).extracting(CallbackReceiver.Received::body)
                    .containsOnly(receiver.received().get(0).body());
        }
    }

    @Test
    void droppingThePushAfterProcessingLeavesAPromptTheMerchantCannotName() {
        sim.inject(FaultRule.nextCalls(MpesaEndpoint.STK_PUSH, 1,
                Fault.of(FaultKind.DROP_AFTER_PROCESSING)));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.http.send(
                java.net.http.HttpRequest.newBuilder(sim.baseUri().resolve(
                        "/mpesa/stkpush/v1/processrequest"))
                        .header("Authorization", "Bearer " + token)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(JsonHttpClient.write(
                                client.pushBody(PHONE, 100, receiver.url("/cb"))))).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        assertThat(sim.pushesTo(PHONE)).as("the prompt went out").hasSize(1);
    }

    private static JsonNode item(JsonNode items, String name) {
        for (JsonNode item : items) {
            if (item.get("Name").asText().equals(name)) {
                return item.get("Value");
            }
        }
        throw new AssertionError("no item " + name);
    }
}
