package org.dusangire.payment.webhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.service.PaymentObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerifyRouteTest {
    private ServletHarness h;

    @BeforeEach
    void start() throws Exception {
        h = ServletHarness.start(b -> b.verifyRateLimit(3, Duration.ofMinutes(1)));
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void verifyAsksTheProviderAndAnswersJson() throws Exception {
        Payment p = h.checkout(PaymentMethod.MTN_MOBILE_MONEY);
        h.mtn.approve(p);

        HttpResponse<String> r = h.post("/payments/" + p.id() + "/verify/");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        assertThat(r.body()).isEqualTo("{\"id\":\"" + p.id() + "\",\"status\":\"SUCCEEDED\","
                + "\"method\":\"MTN_MOBILE_MONEY\",\"amount\":\"1500\",\"currency\":\"UGX\","
                + "\"failureReason\":null}");
        assertThat(h.reload(p).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    @Test
    void verifyWithoutTrailingSlashReportsAFailureReason() throws Exception {
        Payment p = h.checkout(PaymentMethod.AIRTEL_MONEY);
        h.airtel.fail(p, "INSUFFICIENT_FUNDS");

        HttpResponse<String> r = h.post("/payments/" + p.id() + "/verify");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"FAILED\"")
                .contains("\"failureReason\":\"INSUFFICIENT_FUNDS\"");
    }

    @Test
    void refusedAuthorisationIs403BeforeAnythingElse() throws Exception {
        Payment p = h.checkout(PaymentMethod.MTN_MOBILE_MONEY);
        h.verifyAllowed.set(false);

        HttpResponse<String> known = h.post("/payments/" + p.id() + "/verify/");
        HttpResponse<String> invalid = h.post("/payments/not-a-uuid/verify/");

        assertThat(known.statusCode()).isEqualTo(403);
        assertThat(invalid.statusCode()).isEqualTo(403);
        assertThat(h.mtn.statusChecks()).isZero();
    }

    @Test
    void defaultAuthorizerRefusesEveryone() throws Exception {
        try (ServletHarness own = ServletHarness.start(
                b -> b.verifyAuthorizer(VerifyAuthorizer.denyAll()))) {
            Payment p = own.checkout(PaymentMethod.MTN_MOBILE_MONEY);
            assertThat(own.post("/payments/" + p.id() + "/verify/").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void unknownPaymentIs404() throws Exception {
        HttpResponse<String> r = h.post("/payments/" + UUID.randomUUID() + "/verify/");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"status\":\"error\",\"error\":\"not_found\"}");
    }

    @Test
    void invalidPaymentIdIs400() throws Exception {
        assertThat(h.post("/payments/not-a-uuid/verify/").statusCode()).isEqualTo(400);
        assertThat(h.post("/payments/1234/verify").statusCode()).isEqualTo(400);
    }

    @Test
    void providerUnavailableIs503() throws Exception {
        Payment p = h.checkout(PaymentMethod.MTN_MOBILE_MONEY);
        h.mtn.statusUnavailable(true);

        HttpResponse<String> r = h.post("/payments/" + p.id() + "/verify/");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("{\"status\":\"error\",\"error\":\"unavailable\"}");
    }

    @Test
    void aRateLimitedVerifyIsToldToTheObserverByLimiterName() throws Exception {
        List<String> limited = new CopyOnWriteArrayList<>();
        PaymentObserver observer = new PaymentObserver() {
            @Override
            public void rateLimited(String limiter) {
                limited.add(limiter);
            }
        };
        try (ServletHarness observed = ServletHarness.start(b -> b
                .verifyRateLimit(1, Duration.ofMinutes(1)).observer(observer))) {
            Payment p = observed.checkout(PaymentMethod.MTN_MOBILE_MONEY);
            String path = "/payments/" + p.id() + "/verify/";
            assertThat(observed.post(path).statusCode()).isEqualTo(200);

            assertThat(observed.post(path).statusCode()).isEqualTo(429);
        }
        assertThat(limited).containsExactly("verify");
    }

    @Test
    void tooManyVerifiesOfOnePaymentAre429UntilTheWindowPasses() throws Exception {
        Payment p = h.checkout(PaymentMethod.MTN_MOBILE_MONEY);
        Payment other = h.checkout(PaymentMethod.MTN_MOBILE_MONEY);
        String path = "/payments/" + p.id() + "/verify/";
        for (int i = 0; i < 3; i++) {
            assertThat(h.post(path).statusCode()).isEqualTo(200);
        }
        int checks = h.mtn.statusChecks();

        HttpResponse<String> limited = h.post(path);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(h.mtn.statusChecks()).isEqualTo(checks);
        assertThat(h.post("/payments/" + other.id() + "/verify/").statusCode())
                .as("the limit is per payment").isEqualTo(200);

        h.clock.advance(Duration.ofMinutes(1));
        assertThat(h.post(path).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyPostIsAllowed() throws Exception {
        HttpResponse<String> r = h.get("/payments/" + UUID.randomUUID() + "/verify/");

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    }
}
