package org.dusangire.payment.webhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.InboxKey;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.testkit.ScriptedPaymentGateway;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookRoutesTest {
    private static final String OK = "{\"status\":\"ok\"}";
    private ServletHarness h;

    @BeforeEach
    void start() throws Exception {
        h = ServletHarness.start();
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void flutterwaveWebhookSucceedsOnlyBecauseTheStatusCheckSaysSo() throws Exception {
        Payment p = h.checkout(PaymentMethod.CARD);

        HttpResponse<String> early = h.deliver("POST", "/payments/webhooks/flutterwave/",
                ServletHarness.webhookBody(p, ProviderStatus.SUCCEEDED, "evt-1"));
        assertThat(early.statusCode()).isEqualTo(200);
        assertThat(early.body()).isEqualTo(OK);
        assertThat(h.reload(p).status()).as("the provider still says pending")
                .isEqualTo(PaymentStatus.PENDING);

        h.flutterwave.approve(p);
        HttpResponse<String> r = h.deliver("POST", "/payments/webhooks/flutterwave/",
                ServletHarness.webhookBody(p, ProviderStatus.SUCCEEDED, "evt-2"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(OK);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        assertThat(h.reload(p).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(h.listener.count(p.id(), PaymentStatus.SUCCEEDED)).isEqualTo(1);
    }

    @Test
    void rawBodyBytesAndHeadersReachTheGatewayUntouched() throws Exception {
        Payment p = h.checkout(PaymentMethod.CARD);
        byte[] body = ("reference=" + p.providerReference() + ";status=PENDING;event=e1;"
                + "note= caf\u00e9 \r\n\t{\"x\" : 1.50}  ").getBytes(StandardCharsets.UTF_8);

        h.deliver("POST", "/payments/webhooks/flutterwave?source=dashboard", body);

        var seen = h.flutterwaveGateway.lastRequest();
        assertThat(seen.body()).isEqualTo(body);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.header("x-scripted-signature")).hasValue(ScriptedPaymentGateway.DEFAULT_SECRET);
        assertThat(seen.queryParameter("source")).hasValue("dashboard");
        assertThat(seen.path()).isEmpty();
        assertThat(seen.remoteAddress()).hasValue("127.0.0.1");
    }

    @Test
    void mtnCallbackByPutWithoutTrailingSlashCarriesIdAndTokenAsPath() throws Exception {
        Payment p = h.checkout(PaymentMethod.MTN_MOBILE_MONEY);
        h.mtn.approve(p);
        String path = p.id() + "/" + p.callbackToken();

        HttpResponse<String> r = h.deliver("PUT", "/payments/webhooks/mtn-momo/" + path,
                ServletHarness.webhookBody(p, ProviderStatus.SUCCEEDED, "mtn-1"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(h.mtnGateway.lastRequest().path()).isEqualTo(path);
        assertThat(h.mtnGateway.lastRequest().method()).isEqualTo("PUT");
        assertThat(h.reload(p).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    @Test
    void mtnCallbackByPostWithTrailingSlash() throws Exception {
        Payment p = h.checkout(PaymentMethod.MTN_MOBILE_MONEY);
        h.mtn.fail(p, "LOW_BALANCE");

        HttpResponse<String> r = h.deliver("POST", "/payments/webhooks/mtn-momo/" + p.id() + "/"
                + p.callbackToken() + "/", ServletHarness.webhookBody(p, ProviderStatus.FAILED, "m2"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(h.mtnGateway.lastRequest().path()).isEqualTo(p.id() + "/" + p.callbackToken());
        assertThat(h.reload(p).status()).isEqualTo(PaymentStatus.FAILED);
    }

    @Test
    void mtnCallbackWithAWrongTokenIsRefusedAndChangesNothing() throws Exception {
        Payment p = h.checkout(PaymentMethod.MTN_MOBILE_MONEY);
        h.mtn.approve(p);

        HttpResponse<String> r = h.deliver("PUT", "/payments/webhooks/mtn-momo/" + p.id()
                + "/guessed-token", ServletHarness.webhookBody(p, ProviderStatus.SUCCEEDED, "m3"));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(h.reload(p).status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(h.mtn.statusChecks()).isZero();
    }

    @Test
    void airtelCallbackIsProcessed() throws Exception {
        Payment p = h.checkout(PaymentMethod.AIRTEL_MONEY);
        h.airtel.approve(p);

        HttpResponse<String> r = h.deliver("POST", "/payments/webhooks/airtel-money/",
                ServletHarness.webhookBody(p, ProviderStatus.SUCCEEDED, "TS-1"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(OK);
        assertThat(h.reload(p).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    @Test
    void bodyOverTheLimitIs413WhetherDeclaredOrChunked() throws Exception {
        byte[] big = new byte[64 * 1024 + 1];
        Arrays.fill(big, (byte) 'a');

        HttpResponse<String> declared = h.deliver("POST", "/payments/webhooks/flutterwave/", big);
        HttpResponse<String> chunked = h.send(h.request("POST", "/payments/webhooks/airtel-money/",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)),
                "Content-Type", "application/json"));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(h.flutterwaveGateway.lastRequest()).isNull();
        assertThat(h.airtelGateway.lastRequest()).isNull();
    }

    @Test
    void bodyEndingBeforeItsDeclaredLengthIs400AndReachesNoGateway() throws Exception {
        Payment p = h.checkout(PaymentMethod.CARD);
        byte[] body = ServletHarness.webhookBody(p, ProviderStatus.SUCCEEDED, "cut");
        String head = "POST /payments/webhooks/flutterwave/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + (body.length + 10)
                + "\r\n\r\n";
        String answer;
        try (Socket socket = new Socket("127.0.0.1", h.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            socket.shutdownOutput();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(h.flutterwaveGateway.lastRequest()).isNull();
        assertThat(h.reload(p).status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void bodyOfExactlyTheLimitIsAccepted() throws Exception {
        Payment p = h.checkout(PaymentMethod.CARD);
        byte[] head = ServletHarness.webhookBody(p, ProviderStatus.PENDING, "exact");
        byte[] body = Arrays.copyOf(head, 64 * 1024);
        Arrays.fill(body, head.length, body.length, (byte) ' ');

        HttpResponse<String> r = h.deliver("POST", "/payments/webhooks/flutterwave/", body);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(h.flutterwaveGateway.lastRequest().bodyLength()).isEqualTo(64 * 1024);
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> getFlutterwave = h.get("/payments/webhooks/flutterwave/");
        HttpResponse<String> deleteAirtel = h.send(h.request("DELETE", "/payments/webhooks/airtel-money",
                BodyPublishers.noBody()));
        HttpResponse<String> getMtn = h.get("/payments/webhooks/mtn-momo/x/y");
        HttpResponse<String> deleteMtn = h.send(h.request("DELETE", "/payments/webhooks/mtn-momo/",
                BodyPublishers.noBody()));

        assertThat(getFlutterwave.statusCode()).isEqualTo(405);
        assertThat(getFlutterwave.headers().firstValue("Allow")).hasValue("POST, PUT");
        assertThat(deleteAirtel.statusCode()).isEqualTo(405);
        assertThat(getMtn.statusCode()).isEqualTo(405);
        assertThat(getMtn.headers().firstValue("Allow")).hasValue("POST, PUT");
        assertThat(deleteMtn.statusCode()).isEqualTo(405);
    }

    @Test
    void nonJsonContentTypeIs415() throws Exception {
        Payment p = h.checkout(PaymentMethod.CARD);
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x"}) {
            HttpResponse<String> r = h.send(h.request("POST", "/payments/webhooks/flutterwave/",
                    BodyPublishers.ofByteArray(ServletHarness.webhookBody(p, ProviderStatus.PENDING, "t")),
                    "Content-Type", type, ScriptedPaymentGateway.SIGNATURE_HEADER,
                    ScriptedPaymentGateway.DEFAULT_SECRET));
            assertThat(r.statusCode()).as(type).isEqualTo(415);
        }
        assertThat(h.flutterwaveGateway.lastRequest()).isNull();
    }

    @Test
    void jsonWithAnyCharsetAndAMissingContentTypeAreAccepted() throws Exception {
        Payment p = h.checkout(PaymentMethod.CARD);
        HttpResponse<String> charset = h.send(h.request("POST", "/payments/webhooks/flutterwave/",
                BodyPublishers.ofByteArray(ServletHarness.webhookBody(p, ProviderStatus.PENDING, "c1")),
                "Content-Type", "Application/JSON; charset=ISO-8859-1",
                ScriptedPaymentGateway.SIGNATURE_HEADER, ScriptedPaymentGateway.DEFAULT_SECRET));
        HttpResponse<String> missing = h.send(h.request("POST", "/payments/webhooks/flutterwave/",
                BodyPublishers.ofByteArray(ServletHarness.webhookBody(p, ProviderStatus.PENDING, "c2")),
                ScriptedPaymentGateway.SIGNATURE_HEADER, ScriptedPaymentGateway.DEFAULT_SECRET));

        assertThat(charset.statusCode()).isEqualTo(200);
        assertThat(missing.statusCode()).isEqualTo(200);
    }

    @Test
    void forgedWebhookIs401AndNothingChanges() throws Exception {
        Payment p = h.checkout(PaymentMethod.CARD);
        h.flutterwave.approve(p);

        HttpResponse<String> r = h.send(h.request("POST", "/payments/webhooks/flutterwave/",
                BodyPublishers.ofByteArray(ServletHarness.webhookBody(p, ProviderStatus.SUCCEEDED, "f1")),
                "Content-Type", "application/json",
                ScriptedPaymentGateway.SIGNATURE_HEADER, "not-the-secret"));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).doesNotContain("signature").doesNotContain("Exception");
        assertThat(h.reload(p).status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(h.flutterwave.statusChecks()).isZero();
        assertThat(h.repository.findInbound(new InboxKey("flutterwave", "f1"))).isEmpty();
        assertThat(h.listener.events()).isEmpty();
    }

    @Test
    void malformedWebhookIs400() throws Exception {
        HttpResponse<String> r = h.deliver("POST", "/payments/webhooks/flutterwave/",
                "{\"not\":\"what the gateway expects\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"status\":\"error\",\"error\":\"malformed\"}");
    }

    @Test
    void duplicateWebhookIsAnswered200AndChangesNothingMore() throws Exception {
        Payment p = h.checkout(PaymentMethod.CARD);
        h.flutterwave.approve(p);
        byte[] body = ServletHarness.webhookBody(p, ProviderStatus.SUCCEEDED, "dup-1");

        HttpResponse<String> first = h.deliver("POST", "/payments/webhooks/flutterwave/", body);
        HttpResponse<String> second = h.deliver("POST", "/payments/webhooks/flutterwave", body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(OK);
        assertThat(h.listener.count(p.id(), PaymentStatus.SUCCEEDED)).isEqualTo(1);
        assertThat(h.flutterwave.statusChecks()).isEqualTo(1);
        assertThat(h.reload(p).history()).hasSize(2);
    }

    @Test
    void webhookForAnUnknownReferenceIsAnswered200() throws Exception {
        Payment stranger = TestPayments.pending("flutterwave").build();

        HttpResponse<String> r = h.deliver("POST", "/payments/webhooks/flutterwave/",
                ServletHarness.webhookBody(stranger, ProviderStatus.SUCCEEDED, "u1"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(OK);
        assertThat(h.service.find(stranger.id())).isEmpty();
    }

    @Test
    void providerOutageDuringConfirmationIsDeferredAnd200() throws Exception {
        Payment p = h.checkout(PaymentMethod.AIRTEL_MONEY);
        h.airtel.statusUnavailable(true);

        HttpResponse<String> r = h.deliver("POST", "/payments/webhooks/airtel-money/",
                ServletHarness.webhookBody(p, ProviderStatus.SUCCEEDED, "d1"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(h.reload(p).status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void storeOutageIs503WithoutDetail() throws Exception {
        Payment p = h.checkout(PaymentMethod.CARD);
        h.flutterwave.approve(p);
        h.repository.down(true);

        HttpResponse<String> r = h.deliver("POST", "/payments/webhooks/flutterwave/",
                ServletHarness.webhookBody(p, ProviderStatus.SUCCEEDED, "s1"));

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(r.body()).isEqualTo("{\"status\":\"error\",\"error\":\"unavailable\"}");
        h.repository.down(false);
        assertThat(h.reload(p).status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void unexpectedFailureIs500WithoutDetail() throws Exception {
        h.flutterwaveGateway.failWith(new IllegalStateException("secret-detail at db://host"));

        HttpResponse<String> r = h.deliver("POST", "/payments/webhooks/flutterwave/",
                "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("{\"status\":\"error\",\"error\":\"internal_error\"}");
    }

    @Test
    void unknownRoutesAre404() throws Exception {
        for (String path : new String[] {"/payments/", "/payments/nope", "/payments/webhooks/",
                "/payments/webhooks/paypal/", "/payments/webhooks/cash",
                "/payments/callback/extra", "/payments/a/b/verify"}) {
            HttpResponse<String> r = h.send(h.request("POST", path, BodyPublishers.ofString("{}"),
                    "Content-Type", "application/json"));
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).isEqualTo("{\"status\":\"error\",\"error\":\"not_found\"}");
        }
    }
}
