package org.dusangire.payment.webhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class RouteTest {
    private static final Predicate<String> KNOWN = Set.of("flutterwave", "mtn-momo", "airtel-money")::contains;
    private static final String ID = "0b6a7c1e-58a4-4c1f-9b0e-3d5f2a8c9e10";

    @Test
    void webhookRoutesKeepTheRemainderAsPathAndMaskItInTheLog() {
        Route r = Route.match("/webhooks/mtn-momo/" + ID + "/s3cr3t-token/", KNOWN);

        assertThat(r.kind()).isEqualTo(Route.Kind.WEBHOOK);
        assertThat(r.gateway()).isEqualTo("mtn-momo");
        assertThat(r.remainder()).isEqualTo(ID + "/s3cr3t-token");
        assertThat(r.paymentId()).isEqualTo(ID);
        assertThat(r.logPath()).isEqualTo("/webhooks/mtn-momo/" + ID + "/***");
        assertThat(r.allowedMethods()).containsExactlyInAnyOrder("POST", "PUT");
    }

    @Test
    void nonUuidRemainderIsMaskedWhole() {
        Route r = Route.match("/webhooks/airtel-money/token-only", KNOWN);

        assertThat(r.paymentId()).isNull();
        assertThat(r.logPath()).isEqualTo("/webhooks/airtel-money/***");
        assertThat(r.allowedMethods()).containsExactlyInAnyOrder("POST", "PUT");
    }

    @Test
    void trailingSlashIsOptional() {
        assertThat(Route.match("/webhooks/flutterwave", KNOWN).kind()).isEqualTo(Route.Kind.WEBHOOK);
        assertThat(Route.match("/webhooks/flutterwave/", KNOWN).kind()).isEqualTo(Route.Kind.WEBHOOK);
        assertThat(Route.match("/callback", KNOWN).kind()).isEqualTo(Route.Kind.CALLBACK);
        assertThat(Route.match("/callback/", KNOWN).kind()).isEqualTo(Route.Kind.CALLBACK);
        assertThat(Route.match("/" + ID + "/verify", KNOWN).kind()).isEqualTo(Route.Kind.VERIFY);
        assertThat(Route.match("/" + ID + "/verify/", KNOWN).hasValidPaymentId()).isTrue();
    }

    @Test
    void verifyOfANonUuidIsStillTheVerifyRouteButInvalidAndMasked() {
        Route r = Route.match("/secret-looking/verify/", KNOWN);

        assertThat(r.kind()).isEqualTo(Route.Kind.VERIFY);
        assertThat(r.hasValidPaymentId()).isFalse();
        assertThat(r.logPath()).isEqualTo("/***/verify");
    }

    @Test
    void everythingElseIsNotFoundAndLoggedMasked() {
        for (String path : new String[] {null, "", "/", "/webhooks", "/webhooks/paypal/x",
                "/webhooks//flutterwave", "/callback/x", "/a/b/verify", "//", "/verify"}) {
            assertThat(Route.match(path, KNOWN).kind()).as(String.valueOf(path))
                    .isEqualTo(Route.Kind.NOT_FOUND);
        }
        assertThat(Route.match("/webhooks/paypal/tok", KNOWN).logPath()).isEqualTo("/webhooks/***/***");
    }
}
