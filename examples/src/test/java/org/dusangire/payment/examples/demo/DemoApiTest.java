package org.dusangire.payment.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Drives the demo the way a script would: JSON API plus the simulated phone, over real HTTP. */
class DemoApiTest {
    private static final String TOKEN = "api-test-cashier-token-42";
    private static DemoServer demo;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.start(Map.of("DEMO_CASHIER_TOKEN", TOKEN), 0);
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    /** As the cashier page does: every state-changing call carries the cashier token. */
    static HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(demo.baseUri().resolve(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(demo.baseUri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return mapper.readTree(r.body());
    }

    static JsonNode awaitStatus(String id, String status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode p = get("/api/payments/" + id);
        while (!p.get("status").asText().equals(status) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            p = get("/api/payments/" + id);
        }
        return p;
    }

    @Test
    void scriptTakesAnMtnPaymentToSucceededThroughTheSimulatedPhone() throws Exception {
        HttpResponse<String> created = post("/api/payments", "{\"orderReference\":\"BILL-1\","
                + "\"amount\":\"25000\",\"currency\":\"UGX\",\"method\":\"MTN_MOBILE_MONEY\","
                + "\"phone\":\"0772 123456\",\"idempotencyKey\":\"script-1\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode p = mapper.readTree(created.body());
        assertThat(p.get("status").asText()).isEqualTo("PENDING");
        assertThat(p.get("nextAction").asText()).isEqualTo("APPROVE_ON_PHONE");
        assertThat(p.get("phone").asText()).isEqualTo("2567******56");
        String id = p.get("id").asText();

        assertThat(post("/simulator/mtn/payments/" + id + "/approve", "").statusCode()).isEqualTo(200);

        JsonNode paid = awaitStatus(id, "SUCCEEDED");
        assertThat(paid.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(paid.get("providerTransactionId").asText()).isNotBlank();
        assertThat(paid.get("history")).hasSize(2);
        assertThat(get("/api/payments").findValuesAsText("id")).contains(id);
    }

    @Test
    void airtelPaymentApprovedOnThePhoneSucceedsThroughTheSignedCallback() throws Exception {
        JsonNode p = mapper.readTree(post("/api/payments", "{\"orderReference\":\"BILL-2\",\"amount\":\"8000\",\"method\":"
                + "\"AIRTEL_MONEY\",\"phone\":\"0752 123456\"}").body());
        assertThat(p.get("nextAction").asText()).isEqualTo("APPROVE_ON_PHONE");
        String id = p.get("id").asText();

        assertThat(post("/simulator/airtel/payments/" + id + "/approve", "").statusCode()).isEqualTo(200);

        JsonNode paid = awaitStatus(id, "SUCCEEDED");
        assertThat(paid.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(paid.get("gateway").asText()).isEqualTo("airtel-money");
    }

    @Test
    void scriptTakesAnMpesaPaymentInShillingsToSucceededThroughTheSimulatedPhone() throws Exception {
        HttpResponse<String> created = post("/api/payments", "{\"orderReference\":\"BILL-KE-1\","
                + "\"amount\":\"1500\",\"currency\":\"KES\",\"method\":\"MPESA\","
                + "\"phone\":\"+254 712 000101\",\"idempotencyKey\":\"mpesa-1\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode p = mapper.readTree(created.body());
        assertThat(p.get("status").asText()).isEqualTo("PENDING");
        assertThat(p.get("nextAction").asText()).isEqualTo("APPROVE_ON_PHONE");
        assertThat(p.get("gateway").asText()).isEqualTo("mpesa");
        assertThat(p.get("currency").asText()).isEqualTo("KES");
        assertThat(p.get("phone").asText()).isEqualTo("2547******01");
        // Daraja assigns the reference: its CheckoutRequestID, not our payment id
        assertThat(p.get("providerReference").asText()).startsWith("ws_CO_");
        String id = p.get("id").asText();

        assertThat(post("/simulator/mpesa/payments/" + id + "/approve", "").statusCode()).isEqualTo(200);

        JsonNode paid = awaitStatus(id, "SUCCEEDED");
        assertThat(paid.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(paid.get("amount").asText()).isEqualTo("1500.00"); // KES has cents, M-Pesa takes none
        // Daraja's callback reached the demo's webhook route and the STK query confirmed it
        assertThat(paid.get("history").get(1).get("trigger").asText()).isEqualTo("WEBHOOK");
        assertThat(paid.get("refunds").asBoolean()).as("M-Pesa takes no refunds").isFalse();
        assertThat(post("/simulator/mpesa/payments/" + id + "/decline", "").statusCode())
                .as("a paid prompt cannot be declined any more").isEqualTo(409);
    }

    @Test
    void anMpesaPromptDismissedOnThePhoneEndsCancelledWithDarajasCode() throws Exception {
        JsonNode p = mapper.readTree(post("/api/payments", "{\"orderReference\":\"BILL-KE-2\","
                + "\"amount\":\"700\",\"currency\":\"KES\",\"method\":\"MPESA\","
                + "\"phone\":\"254712000202\"}").body());
        String id = p.get("id").asText();

        assertThat(post("/simulator/mpesa/payments/" + id + "/decline", "").statusCode()).isEqualTo(200);

        JsonNode cancelled = awaitStatus(id, "CANCELLED");
        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("failureReason").asText()).isEqualTo("1032");
    }

    @Test
    void mpesaIsRefusedOutsideKenyanShillingsAndKenyanNumbers() throws Exception {
        HttpResponse<String> shillingsOfUganda = post("/api/payments", "{\"orderReference\":\"BILL-KE-3\","
                + "\"amount\":\"1500\",\"currency\":\"UGX\",\"method\":\"MPESA\","
                + "\"phone\":\"+254 712 000303\"}");
        HttpResponse<String> ugandanNumber = post("/api/payments", "{\"orderReference\":\"BILL-KE-4\","
                + "\"amount\":\"1500\",\"currency\":\"KES\",\"method\":\"MPESA\","
                + "\"phone\":\"0772 123456\"}");

        assertThat(shillingsOfUganda.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(shillingsOfUganda.body()).get("error").asText())
                .contains("no gateway serves MPESA in UGX");
        assertThat(ugandanNumber.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(ugandanNumber.body()).get("error").asText())
                .contains("for a payer in UG");
        assertThat(get("/api/payments").findValuesAsText("orderReference"))
                .doesNotContain("BILL-KE-3", "BILL-KE-4");
    }

    @Test
    void declinedOnThePhoneEndsFailedWithTheProviderReason() throws Exception {
        JsonNode p = mapper.readTree(post("/api/payments", "{\"orderReference\":\"BILL-3\",\"amount\":\"5000\",\"method\":"
                + "\"MTN_MOBILE_MONEY\",\"phone\":\"+256 772 123456\"}").body());
        String id = p.get("id").asText();

        post("/simulator/mtn/payments/" + id + "/decline", "");

        JsonNode failed = awaitStatus(id, "FAILED");
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("failureReason").asText()).isEqualTo("APPROVAL_REJECTED");
    }

    @Test
    void sameIdempotencyKeyGivesTheSamePayment() throws Exception {
        String body = "{\"orderReference\":\"BILL-5\",\"amount\":\"7000\",\"method\":\"MTN_MOBILE_MONEY\",\"phone\":\"0772123456\","
                + "\"idempotencyKey\":\"same-key-twice\"}";
        String first = mapper.readTree(post("/api/payments", body).body()).get("id").asText();
        String second = mapper.readTree(post("/api/payments", body).body()).get("id").asText();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void sameIdempotencyKeyForAnotherBillIsRefused() throws Exception {
        String first = "{\"orderReference\":\"BILL-A\",\"amount\":\"7000\",\"method\":\"CASH_ON_DELIVERY\","
                + "\"idempotencyKey\":\"key-for-bill-a\"}";
        assertThat(post("/api/payments", first).statusCode()).isEqualTo(201);

        HttpResponse<String> other = post("/api/payments", first.replace("BILL-A", "BILL-B"));

        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).contains("order reference").doesNotContain("key-for-bill-a");
    }

    @Test
    void aMissingOrBlankOrderReferenceIs400InsteadOfAnInventedOne() throws Exception {
        HttpResponse<String> missing = post("/api/payments",
                "{\"amount\":\"4321\",\"method\":\"CASH_ON_DELIVERY\"}");
        HttpResponse<String> blank = post("/api/payments",
                "{\"orderReference\":\"   \",\"amount\":\"4321\",\"method\":\"CASH_ON_DELIVERY\"}");
        HttpResponse<String> nul = post("/api/payments",
                "{\"orderReference\":null,\"amount\":\"4321\",\"method\":\"CASH_ON_DELIVERY\"}");

        for (HttpResponse<String> r : java.util.List.of(missing, blank, nul)) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(mapper.readTree(r.body()).get("error").asText()).contains("orderReference is required");
        }
        assertThat(get("/api/payments").findValuesAsText("amount")).doesNotContain("4321");
    }

    @Test
    void verifyAsksTheProviderAndAnswersThePayment() throws Exception {
        JsonNode p = mapper.readTree(post("/api/payments", "{\"orderReference\":\"BILL-V\",\"amount\":"
                + "\"6000\",\"method\":\"MTN_MOBILE_MONEY\",\"phone\":\"0772 123456\"}").body());
        String id = p.get("id").asText();

        HttpResponse<String> pending = post("/api/payments/" + id + "/verify", "");
        post("/simulator/mtn/payments/" + id + "/approve", "");
        awaitStatus(id, "SUCCEEDED");
        HttpResponse<String> paid = post("/api/payments/" + id + "/verify", "");

        assertThat(pending.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(pending.body()).get("id").asText()).isEqualTo(id);
        assertThat(mapper.readTree(pending.body()).get("status").asText()).isIn("PENDING", "SUCCEEDED");
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(paid.body()).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(post("/api/payments/6f1d2c3b-0000-4000-8000-000000000000/verify", "").statusCode())
                .isEqualTo(404);
        assertThat(post("/api/payments/not-an-id/verify", "").statusCode()).isEqualTo(400);
    }

    @Test
    void theModeListsTheMethodsAndTheCurrenciesTheGatewaysCollect() throws Exception {
        JsonNode mode = get("/api/mode");

        assertThat(mode.get("methods").findValuesAsText("method")).containsExactlyInAnyOrder(
                "MTN_MOBILE_MONEY", "AIRTEL_MONEY", "MPESA", "CARD", "BANK_TRANSFER", "CASH_ON_DELIVERY");
        assertThat(mode.get("methods").findValuesAsText("name"))
                .contains("MTN Mobile Money", "M-Pesa", "Cash on delivery");
        Map<String, String> currencies = new java.util.TreeMap<>();
        mode.get("methods").forEach(m -> currencies.put(m.get("method").asText(), m.get("currencies").toString()));
        assertThat(currencies).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MTN_MOBILE_MONEY", "[\"UGX\"]",
                "AIRTEL_MONEY", "[\"UGX\"]",
                "MPESA", "[\"KES\"]",
                "CARD", "[\"UGX\"]",
                "BANK_TRANSFER", "[\"UGX\"]",
                "CASH_ON_DELIVERY", "[\"UGX\"]"));
        assertThat(mode.get("currencies").toString()).isEqualTo("[\"UGX\",\"KES\"]");
    }

    @Test
    void cashPaymentWaitsForTheCashier() throws Exception {
        JsonNode p = mapper.readTree(post("/api/payments", "{\"orderReference\":\"BILL-CASH\",\"amount\":\"15000\",\"method\":"
                + "\"CASH_ON_DELIVERY\"}").body());
        assertThat(p.get("nextAction").asText()).isEqualTo("PAY_CASH");

        HttpResponse<String> confirmed = post("/api/payments/" + p.get("id").asText() + "/confirm-cash",
                "{\"confirmedBy\":\"Grace\"}");

        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(confirmed.body()).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(post("/api/payments/" + p.get("id").asText() + "/confirm-cash", "").statusCode())
                .isEqualTo(409);
    }

    @Test
    void mtnPaymentIsRefundedInPartThroughTheApiAndReconciliationSettlesTheRefund() throws Exception {
        JsonNode p = mapper.readTree(post("/api/payments", "{\"orderReference\":\"BILL-4\",\"amount\":\"25000\",\"method\":"
                + "\"MTN_MOBILE_MONEY\",\"phone\":\"0772 123456\"}").body());
        String id = p.get("id").asText();
        post("/simulator/mtn/payments/" + id + "/approve", "");
        assertThat(awaitStatus(id, "SUCCEEDED").get("refundable").asText()).isEqualTo("25000");

        HttpResponse<String> refunded = post("/api/payments/" + id + "/refunds",
                "{\"amount\":\"10000\",\"reason\":\"one test not done\",\"idempotencyKey\":\"r-1\"}");
        HttpResponse<String> again = post("/api/payments/" + id + "/refunds",
                "{\"amount\":\"10000\",\"idempotencyKey\":\"r-1\"}");
        HttpResponse<String> tooMuch = post("/api/payments/" + id + "/refunds",
                "{\"amount\":\"15001\"}");

        assertThat(refunded.statusCode()).isEqualTo(201);
        JsonNode refund = mapper.readTree(refunded.body());
        assertThat(refund.get("status").asText()).isIn("PENDING", "SUCCEEDED");
        assertThat(mapper.readTree(again.body()).get("id").asText()).isEqualTo(refund.get("id").asText());
        assertThat(tooMuch.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(tooMuch.body()).get("error").asText()).contains("at most 15000 UGX");
        JsonNode after = awaitStatus(id, "PARTIALLY_REFUNDED");
        assertThat(after.get("refunded").asText()).isEqualTo("10000");
        assertThat(after.get("refundable").asText()).isEqualTo("15000");
        JsonNode list = get("/api/payments/" + id + "/refunds");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(list.get(0).get("actor").asText()).isEqualTo("demo cashier");
    }

    @Test
    void paymentShowsItsEventLogAndAnomaliesAreListed() throws Exception {
        JsonNode p = mapper.readTree(post("/api/payments", "{\"orderReference\":\"BILL-CASH\",\"amount\":\"15000\",\"method\":"
                + "\"CASH_ON_DELIVERY\"}").body());
        String id = p.get("id").asText();
        post("/api/payments/" + id + "/confirm-cash", "{\"confirmedBy\":\"Grace\"}");
        post("/api/payments/" + id + "/refunds", "{\"amount\":\"5000\"}");

        JsonNode events = get("/api/payments/" + id + "/events");

        assertThat(events.findValuesAsText("type")).containsExactly("PAYMENT_STATUS_CHANGED",
                "REFUND_STATUS_CHANGED", "REFUND_STATUS_CHANGED", "PAYMENT_STATUS_CHANGED");
        assertThat(events.get(0).get("to").asText()).isEqualTo("SUCCEEDED");
        assertThat(events.get(3).get("to").asText()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(get("/api/anomalies").isArray()).isTrue();
        HttpResponse<String> unknown = post("/api/anomalies/" + java.util.UUID.randomUUID()
                + "/acknowledge", "");
        assertThat(unknown.statusCode()).isEqualTo(409);
        assertThat(post("/api/anomalies/not-a-uuid/acknowledge", "").statusCode()).isEqualTo(400);
    }

    @Test
    void refundOfAnUnpaidPaymentIsRefusedWith409() throws Exception {
        JsonNode p = mapper.readTree(post("/api/payments", "{\"orderReference\":\"BILL-CASH\",\"amount\":\"15000\",\"method\":"
                + "\"CASH_ON_DELIVERY\"}").body());

        HttpResponse<String> refused = post("/api/payments/" + p.get("id").asText() + "/refunds", "");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(mapper.readTree(refused.body()).get("error").asText()).contains("only a paid payment");
        assertThat(get("/api/payments/" + p.get("id").asText() + "/refunds")).isEmpty();
    }

    @Test
    void badInputAnswers400WithAMessageThatSaysWhatIsWrong() throws Exception {
        HttpResponse<String> unknownMethod = post("/api/payments", "{\"orderReference\":\"BILL-6\",\"amount\":\"100\",\"method\":\"BITCOIN\"}");
        HttpResponse<String> badAmount = post("/api/payments",
                "{\"orderReference\":\"BILL-6\",\"amount\":\"1,500\",\"method\":\"MTN_MOBILE_MONEY\",\"phone\":\"0772123456\"}");
        HttpResponse<String> badPhone = post("/api/payments",
                "{\"orderReference\":\"BILL-6\",\"amount\":\"1500\",\"method\":\"MTN_MOBILE_MONEY\",\"phone\":\"0772\"}");
        HttpResponse<String> notJson = post("/api/payments", "amount=1500");

        assertThat(unknownMethod.statusCode()).isEqualTo(400);
        assertThat(unknownMethod.body()).contains("unknown payment method 'BITCOIN'").contains("MPESA");
        assertThat(badAmount.statusCode()).isEqualTo(400);
        assertThat(badAmount.body()).contains("not a plain decimal number");
        assertThat(badPhone.statusCode()).isEqualTo(400);
        assertThat(badPhone.body()).contains("9 digits");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(get("/api/payments").findValuesAsText("amount")).doesNotContain("1,500");
    }

    @Test
    void unknownPaymentIs404AndTheModeSaysSimulated() throws Exception {
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(demo.baseUri()
                .resolve("/api/payments/6f1d2c3b-0000-4000-8000-000000000000")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(get("/api/mode").get("simulated").asBoolean()).isTrue();
        assertThat(URI.create(demo.baseUri().toString()).getHost()).isEqualTo("localhost");
    }
}
