package org.dusangire.payment.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import org.dusangire.payment.core.config.Secret;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RedactorTest {
    private static final String JWT = "eyJhbGciOiJSMjU2In0.eyJjbGllbnRJZCI6IjEyMyJ9.c2lnbmF0dXJl";
    private final JsonCodec codec = JsonCodec.create();
    private final Redactor redactor = Redactor.builder().secretFields("apiKey")
            .plainFields("financialTransactionId").build();

    private String body(String json) {
        return redactor.redactBody(json.getBytes(StandardCharsets.UTF_8), codec);
    }

    @Test
    void secretFieldsAndTokensAreRemovedFromJson() {
        String out = body("{\"access_token\":\"" + JWT + "\",\"token_type\":\"access_token\","
                + "\"expires_in\":3600,\"apiKey\":\"fake-api-key-0000-for-tests-only\"}");
        assertThat(out).doesNotContain(JWT).doesNotContain("fake-api-key-0000-for-tests-only")
                .contains("\"expires_in\":3600").contains(Redactor.REDACTED);
    }

    @Test
    void phoneNumbersAreMaskedInPhoneFieldsAndInFreeText() {
        String out = body("{\"payer\":{\"partyIdType\":\"MSISDN\",\"partyId\":\"256772123456\"},"
                + "\"payerMessage\":\"call +256772123456 or 0772123456\","
                + "\"financialTransactionId\":\"1806336820112\"}");
        assertThat(out).doesNotContain("256772123456").doesNotContain("0772123456")
                .contains("2567******56").contains("1806336820112");
    }

    @Test
    void aUuidWhoseLastGroupIsAllDigitsIsKeptWholeWhileAPhoneNumberBesideItIsMasked() {
        String uuid = "3bf1da6e-1540-4cb3-a6b8-907452840876";
        String out = body("{\"comments\":\"refund " + uuid + "; payer 256772123456\"}");
        assertThat(out).contains(uuid).doesNotContain("256772123456").contains("2567******56");
        assertThat(redactor.redactText("x-907452840876")).isEqualTo("x-9074******76");
    }

    @Test
    void textThatIsNotJsonIsStillScrubbed() {
        String out = redactor.redactText("{\"access_token\":\"abc123\", truncated... Authorization: Bearer "
                + JWT + " Basic dXNlcjpwYXNz msisdn 46733123450");
        assertThat(out).doesNotContain("abc123").doesNotContain(JWT).doesNotContain("dXNlcjpwYXNz")
                .doesNotContain("46733123450");
    }

    @Test
    void eachKindOfSecretIsFoundOnItsOwnWhateverItsCase() {
        assertThat(redactor.redactText("auth: BEARER abc.def")).isEqualTo("auth: BEARER "
                + Redactor.REDACTED);
        assertThat(redactor.redactText("auth: basic dXNlcjpwYXNz")).isEqualTo("auth: basic "
                + Redactor.REDACTED);
        assertThat(redactor.redactText("token " + JWT + " end")).isEqualTo("token "
                + Redactor.REDACTED + " end");
        assertThat(redactor.redactText("\"APIKEY\": \"k-1\"")).isEqualTo("\"APIKEY\": \""
                + Redactor.REDACTED + "\"");
        assertThat(redactor.redactText("call +46733123450")).doesNotContain("46733123450")
                .startsWith("call 4673");
        String harmless = "order 123456789 of 2026-12-06, status SUCCESSFUL";
        assertThat(redactor.redactText(harmless)).isSameAs(harmless);
    }

    @Test
    void aBodyIsRedactedToTheTextItsEveryValueCallsFor() {
        // the texts the token-by-token redaction gave before redaction went through the tree:
        // numbers as written, nulls kept, secrets removed, phone numbers masked
        String[] bodies = {
            "{\"access_token\":\"" + JWT + "\",\"expires_in\":3600,\"scope\":null}",
            "{\"payer\":{\"partyIdType\":\"MSISDN\",\"partyId\":\"+256772123456\"},"
                    + "\"amount\":\"1000.50\",\"fee\":1000.50,\"big\":123456789012345678901234,"
                    + "\"ok\":true,\"financialTransactionId\":\"1806336820112\"}",
            "{\"msisdn\":256772123456,\"apiKey\":[\"a\",{\"apiKey\":\"b\"}],"
                    + "\"notes\":[[\"call 0772123456\",\"Bearer abc\"]],\"phone\":[\"256772123457\"]}",
            "[{\"pin\":1234},\"256772123456\",7.0E-3]",
            "\"just a string with 256772123456\"",
            "{\"nested\":{\"deeper\":{\"secret\":{\"x\":1},\"password\":{\"y\":\"z\"}}}}",
        };
        String[] expected = {
            "{\"access_token\":\"[REDACTED]\",\"expires_in\":3600,\"scope\":null}",
            "{\"payer\":{\"partyIdType\":\"MSISDN\",\"partyId\":\"2567******56\"},"
                    + "\"amount\":\"1000.50\",\"fee\":1000.50,\"big\":123456789012345678901234,"
                    + "\"ok\":true,\"financialTransactionId\":\"1806336820112\"}",
            "{\"msisdn\":\"2567******56\",\"apiKey\":[\"[REDACTED]\",{\"apiKey\":\"[REDACTED]\"}],"
                    + "\"notes\":[[\"call 0772****56\",\"Bearer [REDACTED]\"]],"
                    + "\"phone\":[\"2567******57\"]}",
            "[{\"pin\":\"[REDACTED]\"},\"2567******56\",0.0070]",
            "\"just a string with 2567******56\"",
            "{\"nested\":{\"deeper\":{\"secret\":{\"x\":1},\"password\":{\"y\":\"z\"}}}}",
        };
        for (int i = 0; i < bodies.length; i++) {
            byte[] bytes = bodies[i].getBytes(StandardCharsets.UTF_8);
            assertThat(redactor.redactBody(bytes, codec)).as(bodies[i]).isEqualTo(expected[i]);
            assertThat(redactor.redact(codec.readTree(bytes).orElseThrow(), codec)).as(bodies[i])
                    .isEqualTo(expected[i]);
        }
    }

    @Test
    void anAnswersRedactedBodyIsTheSameTextWhetherItsTreeWasReadFirstOrNot() {
        String[] bodies = {
            "{\"data\":{\"id\":1806336820112,\"amount\":1000.00,\"charged\":7.0E-3,"
                    + "\"customer\":{\"phone_number\":\"256772123456\",\"email\":\"a@b.co\"},"
                    + "\"meta\":null,\"ok\":false,\"notes\":[\"call 0772123456\",1,2.50]},"
                    + "\"hash\":\"abc\",\"big\":123456789012345678901234}",
            "[\"256772123456\",{\"token\":\"t\"}]",
            "\"only 256772123456\"",
            "{\"a\":1} trailing 256772123456",
            "<html>error for 256772123456</html>",
        };
        for (String text : bodies) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ApiResponse unread = new ApiResponse(200, java.util.Map.of(), bytes, codec, redactor);
            ApiResponse read = new ApiResponse(200, java.util.Map.of(), bytes, codec, redactor);
            read.json();

            assertThat(unread.redactedBody()).as(text).isEqualTo(redactor.redactBody(bytes, codec))
                    .isEqualTo(read.redactedBody()).doesNotContain("256772123456");
        }
        assertThat(new ApiResponse(202, java.util.Map.of(), new byte[0], codec, redactor)
                .redactedBody()).isEqualTo("HTTP 202");
    }

    @Test
    void fieldNamesAreJudgedTheSameInAnyCaseAndPastTheNamesItRemembers() {
        for (String name : new String[] {"password", "Password", "PASSWORD", "Msisdn", "MSISDN"}) {
            assertThat(body("{\"" + name + "\":\"256772123456\"}")).as(name)
                    .doesNotContain("256772123456");
        }
        // a body of made-up names fills what the redactor remembers; names after it are still
        // judged, each time
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 400; i++) {
            many.append("\"field").append(i).append("\":\"v\",");
        }
        many.append("\"Pin\":\"1234\",\"fieldX\":\"call 0772123456\",")
                .append("\"FinancialTransactionId\":\"1806336820112\"}");
        String out = body(many.toString());
        assertThat(out).doesNotContain("1234\"").doesNotContain("0772123456")
                .contains("\"FinancialTransactionId\":\"1806336820112\"");
        assertThat(body("{\"apikey\":\"k-2\",\"field399\":\"0772123456\"}"))
                .doesNotContain("k-2").doesNotContain("0772123456");
    }

    @Test
    void aBodyThatIsNotOneJsonDocumentIsScrubbedAsText() {
        for (String text : new String[] {"{\"a\":1} {\"msisdn\":\"256772123456\"}",
            "{\"msisdn\":\"256772123456\"", "HTTP 500 for 256772123456", "   "}) {
            assertThat(redactor.redactBody(text.getBytes(StandardCharsets.UTF_8), codec)).as(text)
                    .isEqualTo(redactor.redactText(text)).doesNotContain("256772123456");
        }
    }

    @Test
    void aTreeHandedInIsLeftAsItWas() {
        com.fasterxml.jackson.databind.JsonNode tree = codec.readTree(
                "{\"msisdn\":\"256772123456\"}".getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertThat(redactor.redact(tree, codec)).doesNotContain("256772123456");
        assertThat(tree.path("msisdn").asText()).isEqualTo("256772123456");
    }

    @Test
    void secretHeadersAreHidden() {
        assertThat(redactor.redactHeader("authorization", "Bearer abc")).isEqualTo(Redactor.REDACTED);
        assertThat(redactor.redactHeader("Ocp-Apim-Subscription-Key", "k")).isEqualTo(Redactor.REDACTED);
        assertThat(redactor.redactHeader("X-Target-Environment", "sandbox")).isEqualTo("sandbox");
    }

    @Test
    void wireLogAtDebugCarriesNoSecretTokenOrPhoneNumber() throws Exception {
        Logger wire = (Logger) LoggerFactory.getLogger("org.dusangire.payment.gateway.http.wire.scrub");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        wire.addAppender(appender);
        wire.setLevel(Level.DEBUG);
        wire.setAdditive(false);
        try (LoopbackServer server = new LoopbackServer((req, n) -> req.path().equals("/token")
                ? LoopbackServer.Answer.json(200, "{\"access_token\":\"" + JWT + "\",\"expires_in\":3600}")
                : LoopbackServer.Answer.json(200, "{\"payer\":{\"partyId\":\"256772123456\"}}"))) {
            JsonHttpClient client = JsonHttpClient.builder("scrub", server.uri()).redactor(redactor).build();
            TokenCache tokens = TokenCache.create(() -> new AccessToken(Secret.of(JsonNodes.text(
                    client.send(ApiRequest.post("/token").header("Authorization", "Basic dXNlcjpzZWNyZXQ=")
                            .header("Ocp-Apim-Subscription-Key", "sub-key-123").build()).json().orElseThrow(),
                    "access_token")), Duration.ofHours(1)), new FakeTime(), Duration.ofMinutes(1));
            client.send(ApiRequest.post("/pay/256772123456").json(new Payer("256772123456", "apiKey-secret-1"))
                    .build(), tokens);
        } finally {
            wire.detachAppender(appender);
        }
        String logged = appender.list.stream().map(ILoggingEvent::getFormattedMessage)
                .collect(Collectors.joining("\n"));
        assertThat(logged).contains("/pay/").contains("HTTP 200")
                .doesNotContain(JWT).doesNotContain("dXNlcjpzZWNyZXQ=").doesNotContain("sub-key-123")
                .doesNotContain("256772123456").doesNotContain("apiKey-secret-1");
    }

    record Payer(String msisdn, String apiKey) {
    }
}
