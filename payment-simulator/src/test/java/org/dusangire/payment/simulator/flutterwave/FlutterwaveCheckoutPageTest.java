package org.dusangire.payment.simulator.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlutterwaveCheckoutPageTest {

    private final FlutterwaveSimulator sim = FlutterwaveSimulator.builder().build().start();
    private final FlwClient client = new FlwClient(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void pageIsAccessibleHtmlWithStableIdsAndEscapedMerchantText() {
        String txRef = client.newLink();

        var page = client.page(client.link(txRef));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("<html lang=\"en\">", "<main>", "<label for=\"card-number\">",
                "id=\"pay-card\"", "id=\"pay-bank-transfer\"", "id=\"fail\"", "id=\"cancel\"",
                "UGX 1500", "Kisenyi &lt;Clinic&gt;").doesNotContain("<Clinic>");
        assertThat(sim.checkoutPageViews()).isEqualTo(1);
    }

    @Test
    void payingByCardRedirectsWithStatusTxRefAndALongTransactionId() {
        String txRef = client.newLink();

        var answer = client.choose(client.link(txRef), "card");

        assertThat(answer.statusCode()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("http://localhost:8080/payments/callback/?");
        var query = FlwClient.query(location);
        assertThat(query).containsEntry("status", "successful").containsEntry("tx_ref", txRef);
        long id = Long.parseLong(query.get("transaction_id"));
        assertThat(id).isGreaterThan(Integer.MAX_VALUE);
        assertThat(sim.transaction(id).orElseThrow().paymentType()).isEqualTo("card");
    }

    @Test
    void bankTransferFromThePageIsABankTransferTransaction() {
        String txRef = client.newLink();

        var query = FlwClient.query(client.choose(client.link(txRef), "bank_transfer")
                .headers().firstValue("Location").orElseThrow());

        var t = sim.transaction(Long.parseLong(query.get("transaction_id"))).orElseThrow();
        assertThat(t.paymentType()).isEqualTo("bank_transfer");
        assertThat(t.status()).isEqualTo("successful");
    }

    @Test
    void failedAttemptsEachGetANewIdUnderTheSameTxRefAndTheLinkStaysOpen() {
        String txRef = client.newLink();

        var first = FlwClient.query(client.choose(client.link(txRef), "fail").headers()
                .firstValue("Location").orElseThrow());
        var second = FlwClient.query(client.choose(client.link(txRef), "card").headers()
                .firstValue("Location").orElseThrow());

        assertThat(first).containsEntry("status", "failed");
        assertThat(second).containsEntry("status", "successful");
        assertThat(first.get("transaction_id")).isNotEqualTo(second.get("transaction_id"));
        assertThat(sim.transactions(txRef)).extracting(FlutterwaveTransaction::status)
                .containsExactly("failed", "successful");
    }

    @Test
    void cancellingRedirectsWithoutATransactionId() {
        String txRef = client.newLink();

        var location = client.choose(client.link(txRef), "cancel").headers()
                .firstValue("Location").orElseThrow();

        assertThat(FlwClient.query(location)).containsEntry("status", "cancelled")
                .containsEntry("tx_ref", txRef).doesNotContainKey("transaction_id");
        assertThat(sim.transactions(txRef)).isEmpty();
        assertThat(sim.cancellations(txRef)).isEqualTo(1);
    }

    @Test
    void aPaidLinkShowsAlreadyPaidAndRefusesAnotherPayment() {
        String txRef = client.newLink();
        sim.payByCard(txRef);

        assertThat(client.page(client.link(txRef)).body()).contains("Already paid")
                .doesNotContain("id=\"pay-card\"");
        assertThat(client.choose(client.link(txRef), "card").statusCode()).isEqualTo(409);
        assertThat(sim.transactions(txRef)).hasSize(1);
    }

    @Test
    void paymentOptionsLimitWhatThePageOffers() {
        String txRef = UUID.randomUUID().toString();
        var body = FlwClient.body(txRef);
        body.put("payment_options", "card");
        client.create(body);

        assertThat(client.page(client.link(txRef)).body()).contains("id=\"pay-card\"")
                .doesNotContain("id=\"pay-bank-transfer\"");
        assertThat(client.choose(client.link(txRef), "bank_transfer").statusCode()).isEqualTo(400);
    }

    @Test
    void redirectUrlWithItsOwnQueryKeepsItAndUnknownLinksAre404() {
        String txRef = UUID.randomUUID().toString();
        var body = FlwClient.body(txRef);
        body.put("redirect_url", "http://localhost:8080/back?order=7");
        client.create(body);

        String location = client.choose(client.link(txRef), "card").headers()
                .firstValue("Location").orElseThrow();

        assertThat(location).startsWith("http://localhost:8080/back?order=7&status=successful&tx_ref=");
        assertThat(client.page(java.net.URI.create(sim.checkoutBaseUri() + "/v3/hosted/pay/nope"))
                .statusCode()).isEqualTo(404);
    }
}
