package org.dusangire.payment.webhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
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

    /** Sends the same anonymous return {@code n} times; counts the answers by HTTP status. */
    private Map<Integer, Integer> hammer(ServletHarness harness, Payment p, int n)
            throws Exception {
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = harness.get("/payments/callback/?status=successful&tx_ref="
                    + p.id());
            byStatus.merge(r.statusCode(), 1, Integer::sum);
        }
        return byStatus;
    }

    @Test
    void aThousandAnonymousReturnsMakeOneProviderCallPerRecheckInterval() throws Exception {
        Payment p = h.checkout(PaymentMethod.CARD);

        Map<Integer, Integer> answers = hammer(h, p, 1_000);

        assertThat(h.flutterwave.statusChecks()).as("provider status calls").isEqualTo(1);
        assertThat(answers.get(303)).as("answered with a page").isEqualTo(10);
        assertThat(answers.get(429)).as("rate limited").isEqualTo(990);
        assertThat(answers.keySet()).containsExactly(303, 429);
    }

    @Test
    void aReturnWithinTheRecheckIntervalIsAnsweredFromTheStoredState() throws Exception {
        Payment p = h.checkout(PaymentMethod.CARD);
        assertThat(location(h.get("/payments/callback/?tx_ref=" + p.id())))
                .isEqualTo(ServletHarness.FAILURE_URL + "?status=pending&paymentId=" + p.id());
        h.flutterwave.approve(p);

        HttpResponse<String> soon = h.get("/payments/callback/?tx_ref=" + p.id());
        h.clock.advance(Duration.ofSeconds(11));
        HttpResponse<String> later = h.get("/payments/callback/?tx_ref=" + p.id());

        assertThat(location(soon)).as("not asked again within 10 s: still pending as stored")
                .isEqualTo(ServletHarness.FAILURE_URL + "?status=pending&paymentId=" + p.id());
        assertThat(location(later)).isEqualTo(ServletHarness.SUCCESS_URL + "?paymentId=" + p.id());
        assertThat(h.flutterwave.statusChecks()).isEqualTo(2);
    }

    @Test
    void theRecheckIntervalAndRateLimitAreConfigurable() throws Exception {
        try (ServletHarness own = ServletHarness.start(b -> b
                .callbackRecheckInterval(Duration.ofSeconds(30))
                .callbackRateLimit(3, Duration.ofMinutes(1)))) {
            Payment p = own.checkout(PaymentMethod.CARD);

            Map<Integer, Integer> first = hammer(own, p, 5);
            own.clock.advance(Duration.ofSeconds(20));
            Map<Integer, Integer> second = hammer(own, p, 2);
            own.clock.advance(Duration.ofSeconds(41));
            Map<Integer, Integer> third = hammer(own, p, 1);

            assertThat(first).isEqualTo(Map.of(303, 3, 429, 2));
            assertThat(second).isEqualTo(Map.of(429, 2));
            assertThat(third).isEqualTo(Map.of(303, 1));
            assertThat(own.flutterwave.statusChecks()).isEqualTo(2);
        }
    }

    @Test
    void mobileMoneyPaymentsAreNeverCheckedWithTheProviderFromABrowserReturn() throws Exception {
        Payment mtn = h.checkout(PaymentMethod.MTN_MOBILE_MONEY);
        Payment airtel = h.checkout(PaymentMethod.AIRTEL_MONEY);
        Payment cash = h.checkout(PaymentMethod.CASH_ON_DELIVERY);
        h.mtn.approve(mtn);
        h.airtel.approve(airtel);

        Map<Integer, Integer> mtnAnswers = hammer(h, mtn, 1_000);
        Map<Integer, Integer> airtelAnswers = hammer(h, airtel, 1_000);
        HttpResponse<String> cashAnswer = h.get("/payments/callback/?paymentId=" + cash.id());

        assertThat(h.mtn.statusChecks() + h.airtel.statusChecks()).as("provider status calls")
                .isZero();
        assertThat(mtnAnswers).isEqualTo(Map.of(303, 10, 429, 990));
        assertThat(airtelAnswers).isEqualTo(Map.of(303, 10, 429, 990));
        assertThat(location(h.get("/payments/callback/?tx_ref=" + h.checkout(
                PaymentMethod.MTN_MOBILE_MONEY).id()))).as("the stored state decides the page")
                .contains("status=pending");
        assertThat(location(cashAnswer)).contains("status=pending");
        assertThat(h.reload(mtn).status()).as("only the provider's webhook or a verify settles it")
                .isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void rateLimitedReturnSaysWhenToComeBack() throws Exception {
        Payment p = h.checkout(PaymentMethod.CARD);
        hammer(h, p, 10);

        HttpResponse<String> r = h.get("/payments/callback/?tx_ref=" + p.id());

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(r.body()).contains("too_many_requests");
    }

    @Test
    void onlyGetIsAllowed() throws Exception {
        HttpResponse<String> r = h.post("/payments/callback/");

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET");
    }
}
