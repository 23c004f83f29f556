package org.dusangire.payment.webhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.testkit.InMemoryPaymentRepository;
import org.dusangire.payment.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/** The servlet's package-private parts, each on its own. */
class SmallPartsTest {

    @Test
    void rateLimiterCountsPerPaymentAndForgetsTheLeastRecentlyUsedBeyondItsCapacity() {
        MutableClock clock = MutableClock.startingAt("2026-03-01T08:00:00Z");
        VerifyRateLimiter limiter = new VerifyRateLimiter(2, Duration.ofSeconds(30), 100, clock);

        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.secondsUntilReset("a")).isEqualTo(30);
        clock.advance(Duration.ofSeconds(29));
        assertThat(limiter.secondsUntilReset("a")).isEqualTo(1);
        assertThat(limiter.tryAcquire("a")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("a")).isTrue();

        for (int i = 0; i < 10_000; i++) {
            limiter.tryAcquire("flood-" + i);
        }
        assertThat(limiter.trackedPayments()).isEqualTo(100);
    }

    @Test
    void recentChecksAllowOneCheckPerIntervalAndStayBounded() {
        MutableClock clock = MutableClock.startingAt("2026-03-01T08:00:00Z");
        RecentChecks checks = new RecentChecks(Duration.ofSeconds(10), 100, clock);

        assertThat(checks.claim("a")).isTrue();
        assertThat(checks.claim("a")).isFalse();
        assertThat(checks.claim("b")).isTrue();
        clock.advance(Duration.ofSeconds(9));
        assertThat(checks.claim("a")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(checks.claim("a")).isTrue();
        assertThat(checks.claim("a")).isFalse();

        for (int i = 0; i < 10_000; i++) {
            checks.claim("flood-" + i);
        }
        assertThat(checks.trackedPayments()).isEqualTo(100);
    }

    @Test
    void redirectTargetsAppendToTheConfiguredUrlOnly() {
        RedirectTargets t = new RedirectTargets(URI.create("https://shop.example/done?lang=en#top"),
                URI.create("/orders/failed"), null);

        assertThat(t.success("p 1")).isEqualTo("https://shop.example/done?lang=en&paymentId=p+1#top");
        assertThat(t.failure(null)).isEqualTo("/orders/failed");
        assertThat(t.pending("p1")).isEqualTo("/orders/failed?status=pending&paymentId=p1");
    }

    @Test
    void redirectTargetsMustBeHttpUrlsOrSitePaths() {
        for (String bad : new String[] {"//evil.example/x", "javascript:alert(1)", "relative/page",
                "ftp://host/x"}) {
            assertThatThrownBy(() -> new RedirectTargets(URI.create(bad), URI.create("/f"), null))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void freshRequestIdsAreVersionFourUuidsAndDoNotRepeat() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestLog.freshId();
            java.util.UUID uuid = java.util.UUID.fromString(id);

            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(seen.add(id)).as(id).isTrue();
        }
    }

    @Test
    void jsonContentTypesAndAMissingOneAreAcceptedForWebhooks() {
        assertThat(RequestBodies.isAcceptableWebhookType(null)).isTrue();
        assertThat(RequestBodies.isAcceptableWebhookType("")).isTrue();
        assertThat(RequestBodies.isAcceptableWebhookType("application/json")).isTrue();
        assertThat(RequestBodies.isAcceptableWebhookType("application/json;charset=utf-8")).isTrue();
        assertThat(RequestBodies.isAcceptableWebhookType("application/vnd.flw+json")).isTrue();
        assertThat(RequestBodies.isAcceptableWebhookType("text/json")).isTrue();
        assertThat(RequestBodies.isAcceptableWebhookType("text/plain")).isFalse();
        assertThat(RequestBodies.isAcceptableWebhookType("application/xml")).isFalse();
        assertThat(RequestBodies.isAcceptableWebhookType("application/x-www-form-urlencoded")).isFalse();
    }

    @Test
    void queryStringsAreDecodedAndKeepRepeatedNames() {
        Map<String, List<String>> q = QueryStrings.parse("tx_ref=a%20b&tx_ref=c&flag&bad=%zz&=x");

        assertThat(q).containsEntry("tx_ref", List.of("a b", "c")).containsEntry("flag", List.of(""))
                .doesNotContainKey("bad").doesNotContainKey("");
        assertThat(QueryStrings.parse(null)).isEmpty();
    }

    @Test
    void jsonEscapesEverythingThatCouldBreakOut() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("a", "\"quoted\"\\ \n</script>");
        fields.put("b", null);

        assertThat(Json.object(fields)).isEqualTo(
                "{\"a\":\"\\\"quoted\\\"\\\\ \\n\\u003c/script\\u003e\",\"b\":null}");
    }

    @Test
    void builderRefusesMissingUrlsAndNonsenseLimits() {
        PaymentService service = PaymentService.builder()
                .config(PaymentConfig.builder().siteUrl("http://localhost").build())
                .repository(new InMemoryPaymentRepository())
                .build();

        assertThatThrownBy(() -> PaymentWebhookServlet.builder(service).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaymentWebhookServlet.builder(service).successUrl("/ok")
                .failureUrl("/ko").maxBodyBytes(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaymentWebhookServlet.builder(service).successUrl("/ok")
                .failureUrl("/ko").verifyRateLimit(1, Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaymentWebhookServlet.builder(service).successUrl("/ok")
                .failureUrl("/ko").callbackRateLimit(0, Duration.ofMinutes(1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaymentWebhookServlet.builder(service).successUrl("/ok")
                .failureUrl("/ko").callbackRecheckInterval(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PaymentWebhookServlet.builder(service).successUrl("/ok").failureUrl("/ko").build())
                .isNotNull();
    }
}
