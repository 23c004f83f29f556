package org.dusangire.payment.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.testkit.InMemoryPaymentRepository;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

class SmallExamplesTest {

    private static String capture(Map<String, String> env, boolean[] ok) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ok[0] = EnvironmentConfigExample.run(env, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void completeEnvironmentIsAcceptedAndSecretsStayHidden() {
        boolean[] ok = new boolean[1];
        String out = capture(Map.of("SITE_URL", "https://hospital.example",
                "MTN_MOMO_API_KEY", "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
                "MTN_MOMO_API_SECRET", "very-secret-api-key",
                "MTN_MOMO_SUBSCRIPTION_KEY", "very-secret-subscription"), ok);

        assertThat(ok[0]).isTrue();
        assertThat(out).contains("https://hospital.example/payments/webhooks/flutterwave/")
                .doesNotContain("very-secret-api-key").doesNotContain("very-secret-subscription");
    }

    @Test
    void missingVariableIsNamed() {
        boolean[] ok = new boolean[1];
        String out = capture(Map.of("SITE_URL", "https://hospital.example"), ok);

        assertThat(ok[0]).isFalse();
        assertThat(out).contains("configuration refused: MTN_MOMO_API_KEY");
    }

    @Test
    void everyProblemIsNamedInOneRun() {
        boolean[] ok = new boolean[1];
        String out = capture(Map.of("PAYMENT_ENVIRONMENT", "production", "SITE_URL", "http://hospital.example",
                "PAYMENT_TTL_MTN_MOBILE_MONY", "PT5M", "MTN_MOMO_API_KEY", "not-a-uuid"), ok);

        assertThat(ok[0]).isFalse();
        assertThat(out).contains("configuration refused: SITE_URL")
                .contains("configuration refused: PAYMENT_TTL_MTN_MOBILE_MONY")
                .contains("configuration refused: MTN_MOMO_API_KEY")
                .contains("configuration refused: MTN_MOMO_API_SECRET")
                .contains("configuration refused: MTN_MOMO_TARGET_ENVIRONMENT")
                .doesNotContain("not-a-uuid");
    }

    @Test
    void plainHttpSiteIsRefusedInProduction() {
        boolean[] ok = new boolean[1];
        String out = capture(Map.of("PAYMENT_ENVIRONMENT", "production", "SITE_URL", "http://hospital.example"), ok);

        assertThat(ok[0]).isFalse();
        assertThat(out).contains("SITE_URL").contains("https");
    }

    @Test
    void paymentRoutesAnswerInsideTheHostsOwnContainer() throws Exception {
        PaymentService payments = PaymentService.builder()
                .config(PaymentConfig.builder().siteUrl(URI.create("http://localhost")).build())
                .repository(new InMemoryPaymentRepository()).build();
        Server server = HostContainerExample.start(payments, 0);
        try {
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            HttpResponse<String> verify = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/payments/6f1d2c3b-0000-4000-8000-000000000000/verify/"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(verify.statusCode()).as("verify is closed until the host opens it").isEqualTo(403);
        } finally {
            server.stop();
        }
    }
}
