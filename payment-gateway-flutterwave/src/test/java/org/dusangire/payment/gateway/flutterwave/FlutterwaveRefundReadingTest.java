package org.dusangire.payment.gateway.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.RefundRequest;
import org.dusangire.payment.core.port.RefundResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How refund answers the simulator never gives are read: lenient in the fields, strict in the
 * conclusion (NOT_FOUND only when certain). Canned answers over a real socket.
 */
class FlutterwaveRefundReadingTest {
    private static final long TX = 2_147_484_648L;
    private static final String VERIFIED = "{\"status\":\"success\",\"data\":{\"id\":" + TX
            + ",\"status\":\"successful\"}}";

    private final CannedFlutterwave canned = new CannedFlutterwave();
    private final FlutterwaveGateway gateway = FlutterwaveGateway.builder(FlutterwaveConfig.builder()
            .secretKey("FLWSECK_TEST-canned-X").baseUrl(canned.apiBaseUri()).build())
            .sleeper(d -> { }).maxAttempts(1).build();
    private final Payment paid = paid();
    private final RefundRequest request = new RefundRequest(paid, Money.of("500", "UGX"),
            UUID.randomUUID().toString(), null);

    @AfterEach
    void stop() {
        canned.close();
    }

    @ParameterizedTest
    @CsvSource({"completed, COMPLETED", "completed-mpgs, COMPLETED", "successful, COMPLETED",
        "processing, PENDING", "pending-momo, PENDING", "something-new, PENDING",
        "failed, FAILED", "declined, FAILED"})
    void refundStatusesAreReadLeniently(String status, RefundResult.Status expected) {
        canned.on("GET", "/refunds/77", 200, "{\"status\":\"success\",\"data\":{\"id\":77,\"tx_id\":"
                + TX + ",\"status\":\"" + status + "\"}}");

        RefundResult r = gateway.checkRefundStatus(paid, FlutterwaveRefundTest.stored(request,
                new RefundResult(RefundResult.Status.PENDING, "77", null)));

        assertThat(r.status()).isEqualTo(expected);
        assertThat(r.providerRefundId()).isEqualTo("77");
    }

    @Test
    void detailsUnderTheSdksPathAreReadWhenTheDocsPathHasNone() {
        canned.on("GET", "/transactions/" + TX + "/refund", 200, "{\"status\":\"success\",\"data\":["
                + "{\"id\":76,\"status\":\"processing\"},{\"id\":77,\"status\":\"completed\"}]}");

        RefundResult r = gateway.checkRefundStatus(paid, FlutterwaveRefundTest.stored(request,
                new RefundResult(RefundResult.Status.PENDING, "77", null)));

        assertThat(r.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(canned.requests).containsExactly("GET /refunds/77",
                "GET /transactions/" + TX + "/refund");
    }

    @Test
    void detailsNamingAnotherRefundOfOursAreNotTakenForOurs() {
        canned.on("GET", "/refunds/77", 200, "{\"status\":\"success\",\"data\":{\"id\":77,"
                + "\"status\":\"completed\",\"comments\":\"refund " + UUID.randomUUID() + "\"}}");

        RefundResult r = gateway.checkRefundStatus(paid, FlutterwaveRefundTest.stored(request,
                new RefundResult(RefundResult.Status.PENDING, "77", null)));

        assertThat(r.status()).isEqualTo(RefundResult.Status.UNKNOWN);
    }

    @Test
    void listingThatEchoesCommentInTheSingularStillFindsOurs() {
        listing("{\"id\":5,\"transaction_id\":" + TX + ",\"status\":\"completed\",\"amount_refunded\":500,"
                + "\"comment\":\"refund " + request.refundId() + "\"}", 1);

        RefundResult r = check();

        assertThat(r.status()).isEqualTo(RefundResult.Status.COMPLETED);
        assertThat(r.providerRefundId()).isEqualTo("5");
    }

    @Test
    void aRefundOfTheTransactionThatNamesNoneOfOursLeavesItUnknown() {
        listing("{\"id\":5,\"tx_id\":" + TX + ",\"status\":\"completed\",\"amount_refunded\":500}", 1);

        assertThat(check().status()).isEqualTo(RefundResult.Status.UNKNOWN);
    }

    @Test
    void refundsOfOtherTransactionsOrOfOtherRefundsOfOursDoNotHideOurs() {
        listing("{\"id\":5,\"tx_id\":12345,\"status\":\"completed\",\"amount_refunded\":500},"
                + "{\"id\":6,\"tx_id\":" + TX + ",\"status\":\"completed\",\"amount_refunded\":300,"
                + "\"comments\":\"refund " + UUID.randomUUID() + "; first\"}", 1);

        assertThat(check().status()).isEqualTo(RefundResult.Status.NOT_FOUND);
    }

    @Test
    void anEmptyListingIsNotFoundOnlyWhenTheVerificationAgrees() {
        listing("", 1);
        assertThat(check().status()).isEqualTo(RefundResult.Status.NOT_FOUND);

        canned.on("GET", "/transactions/" + TX + "/verify", 200, "{\"status\":\"success\",\"data\":{\"id\":"
                + TX + ",\"amount_refunded\":500}}");
        assertThat(check().status()).isEqualTo(RefundResult.Status.UNKNOWN);

        canned.on("GET", "/transactions/" + TX + "/verify", 404,
                "{\"status\":\"error\",\"message\":\"No transaction was found for this id\",\"data\":null}");
        assertThat(check().status()).isEqualTo(RefundResult.Status.UNKNOWN);
    }

    @Test
    void aListingWhoseLengthIsNotKnownIsNotTakenAsWhole() {
        canned.on("GET", "/refunds", 200, "{\"status\":\"success\",\"data\":[{\"id\":6,\"tx_id\":" + TX
                + ",\"comments\":\"refund " + UUID.randomUUID() + "\"}]}");

        assertThat(check().status()).isEqualTo(RefundResult.Status.UNKNOWN);
    }

    @Test
    void noListingAtAllIsUnknownButDoesNotStopAFirstRefund() {
        canned.on("POST", "/transactions/" + TX + "/refund", 200, "{\"status\":\"success\","
                + "\"message\":\"Transaction refund initiated\",\"data\":{\"id\":9,\"tx_id\":" + TX
                + ",\"status\":\"pending-momo\",\"amount_refunded\":500}}");

        assertThat(check().status()).isEqualTo(RefundResult.Status.UNKNOWN);
        RefundResult sent = gateway.refund(request);

        assertThat(sent.status()).isEqualTo(RefundResult.Status.PENDING);
        assertThat(sent.providerRefundId()).isEqualTo("9");
    }

    @Test
    void theListingIsAskedForTheTransactionWithinDatesThatHoldTheRefund() {
        listing("", 1);

        check();

        assertThat(canned.requests).first().asString()
                .startsWith("GET /refunds?id=" + TX + "&from=2026-02-28&to=")
                .endsWith("&page=1");
    }

    private RefundResult check() {
        return gateway.checkRefundStatus(paid, FlutterwaveRefundTest.stored(request, null));
    }

    private void listing(String items, int pages) {
        canned.on("GET", "/refunds", 200, "{\"status\":\"success\",\"message\":\"Refunds fetched\","
                + "\"meta\":{\"page_info\":{\"total\":1,\"current_page\":1,\"total_pages\":" + pages
                + "}},\"data\":[" + items + "]}");
        canned.on("GET", "/transactions/" + TX + "/verify", 200, VERIFIED);
    }

    private static Payment paid() {
        Payment p = FlwFixture.cardPayment();
        return p.transition(PaymentStatus.SUCCEEDED, Trigger.VERIFY, p.createdAt().plusSeconds(1), null)
                .toBuilder().providerTransactionId(Long.toString(TX)).build();
    }
}
