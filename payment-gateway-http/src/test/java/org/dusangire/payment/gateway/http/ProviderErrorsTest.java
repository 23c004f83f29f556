package org.dusangire.payment.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.PaymentException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ProviderErrorsTest {
    private LoopbackServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private PaymentException classified(int status, String contentType, String body) throws Exception {
        server = new LoopbackServer((req, n) -> new LoopbackServer.Answer(status, contentType, body, 0, false));
        ApiResponse r = JsonHttpClient.builder("acme", server.uri()).retryPolicy(RetryPolicy.none())
                .build().send(ApiRequest.get("/x").build());
        assertThat(r.status()).isEqualTo(status);
        return ProviderErrors.classify("acme", r, "pay-9", null, null);
    }

    @ParameterizedTest
    @CsvSource({"500", "502", "503", "504", "429", "408"})
    void serverErrorsAndThrottlingLeaveTheOutcomeUnknownEvenWithAnHtmlBody(int status) throws Exception {
        assertThat(classified(status, "text/html", "<html><body>Service Unavailable</body></html>"))
                .isInstanceOfSatisfying(GatewayUnavailableException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(status);
                    assertThat(e.gatewayName()).isEqualTo("acme");
                    assertThat(e.paymentReference()).isEqualTo("pay-9");
                });
    }

    @ParameterizedTest
    @CsvSource({"400", "403", "404", "409", "422"})
    void clientErrorsAreRejectionsEvenWithoutAJsonBody(int status) throws Exception {
        assertThat(classified(status, "text/plain", "nope")).isInstanceOf(GatewayRejectedException.class);
    }

    @Test
    void redirectIsNotMistakenForARejection() throws Exception {
        assertThat(classified(302, "text/plain", "moved")).isInstanceOf(GatewayUnavailableException.class);
    }

    @Test
    void providerCodeAndMessageAreCarriedRedacted() throws Exception {
        server = new LoopbackServer((req, n) -> LoopbackServer.Answer.json(400, "{}"));
        ApiResponse r = JsonHttpClient.builder("acme", server.uri()).build().send(ApiRequest.get("/x").build());
        PaymentException e = ProviderErrors.classify("acme", r, null, "PAYER_NOT_FOUND",
                "payer 256772123456 not found");
        assertThat(e.providerCode()).isEqualTo("PAYER_NOT_FOUND");
        assertThat(e.getMessage()).contains("PAYER_NOT_FOUND").doesNotContain("256772123456");
    }

    @Test
    void refusedConnectionIsOutcomeUnknown() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        JsonHttpClient client = JsonHttpClient.builder("acme", URI.create("http://127.0.0.1:" + port))
                .retryPolicy(RetryPolicy.none()).connectTimeout(Duration.ofSeconds(1)).build();
        assertThatThrownBy(() -> client.send(ApiRequest.post("/pay").reference("pay-1").build()))
                .isInstanceOf(GatewayUnavailableException.class).hasMessageContaining("outcome is unknown");
    }

    @Test
    void droppedConnectionIsOutcomeUnknown() throws Exception {
        server = new LoopbackServer((req, n) -> LoopbackServer.Answer.dropped());
        JsonHttpClient client = JsonHttpClient.builder("acme", server.uri()).retryPolicy(RetryPolicy.none()).build();
        assertThatThrownBy(() -> client.send(ApiRequest.post("/pay").build()))
                .isInstanceOf(GatewayUnavailableException.class);
    }
}
