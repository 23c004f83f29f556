package org.dusangire.payment.webhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallbackRouteTest {
    private ServletHarness h;

    @BeforeEach
    void start() throws Exception {
        h = ServletHarness.start();
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private static String location(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(303);
        return r.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void paidPaymentGoesToTheSuccessPage() throws Exception {
        Payment p = h.checkout(PaymentMethod.CARD);
        h.flutterwave.approve(p);

        HttpResponse<String> r = h.get("/payments/callback/?status=successful&tx_ref=" + p.id()
                + "&transaction_id=2784792");

        assertThat(location(r)).isEqualTo(ServletHarness.SUCCESS_URL + "?paymentId=" + p.id());
        assertThat(h.reload(p).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    @Test
    void forgedSuccessfulQueryWhileTheProviderSaysPendingIsNotPaid() throws Exception {
        Payment p = h.checkout(PaymentMethod.CARD);

        HttpResponse<String> r = h.get("/payments/callback?status=successful&tx_ref=" + p.id());

        assertThat(location(r)).isEqualTo(ServletHarness.FAILURE_URL + "?status=pending&paymentId="
                + p.id());
        assertThat(h.reload(p).status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(h.flutterwave.statusChecks()).as("the provider was asked").isEqualTo(1);
        assertThat(h.listener.events()).isEmpty();
    }

    @Test
    void failedPaymentGoesToTheFailurePage() throws Exception {
        Payment p = h.checkout(PaymentMethod.BANK_TRANSFER);
        h.flutterwave.fail(p, "DECLINED");

        HttpResponse<String> r = h.get("/payments/callback/?status=successful&tx_ref=" + p.id());

        assertThat(location(r)).isEqualTo(ServletHarness.FAILURE_URL + "?paymentId=" + p.id());
    }

    @Test
    void redirectTargetsInTheQueryAreIgnored() throws Exception {
        Payment p = h.checkout(PaymentMethod.CARD);
        h.flutterwave.approve(p);

        HttpResponse<String> r = h.get("/payments/callback/?tx_ref=" + p.id()
                + "&redirect_url=https%3A%2F%2Fevil.example%2F&next=//evil.example/x"
                + "&return_to=https://evil.example");

        assertThat(location(r)).startsWith(ServletHarness.SUCCESS_URL).doesNotContain("evil");
    }

    @Test
    void unknownOrMissingPaymentGoesToTheFailurePage() throws Exception {
        HttpResponse<String> unknown = h.get("/payments/callback/?tx_ref="
                + java.util.UUID.randomUUID() + "&status=successful");
        HttpResponse<String> missing = h.get("/payments/callback/?next=https://evil.example");

        assertThat(location(unknown)).isEqualTo(ServletHarness.FAILURE_URL);
        assertThat(location(missing)).isEqualTo(ServletHarness.FAILURE_URL);
    }

    @Test
    void storeOutageSendsTheBrowserToTheNeutralPendingPage() throws Exception {
        Payment p = h.checkout(PaymentMethod.CARD);
        h.repository.down(true);

        HttpResponse<String> r = h.get("/payments/callback/?status=successful&tx_ref=" + p.id());

        assertThat(location(r)).isEqualTo(ServletHarness.FAILURE_URL + "?status=pending");
    }

    @Test
    void configuredPendingPageIsUsedWhenGiven() throws Exception {
        try (ServletHarness own = ServletHarness.start(b -> b.pendingUrl("/orders/pending?from=pay"))) {
            Payment p = own.checkout(PaymentMethod.CARD);

            HttpResponse<String> r = own.get("/payments/callback/?tx_ref=" + p.id());

            assertThat(location(r)).isEqualTo("/orders/pending?from=pay&paymentId=" + p.id());
        }
    }

    @Test
    void onlyGetIsAllowed() throws Exception {
        HttpResponse<String> r = h.post("/payments/callback/");

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET");
    }
}
