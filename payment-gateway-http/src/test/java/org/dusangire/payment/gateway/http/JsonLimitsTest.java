package org.dusangire.payment.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.junit.jupiter.api.Test;

class JsonLimitsTest {
    private final JsonCodec codec = JsonCodec.create();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void deeplyNestedDocumentIsRefusedWithoutCrashing() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(codec.readTree(bytes(deep))).isEmpty();
        String deepObject = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        assertThat(codec.readTree(bytes(deepObject))).isEmpty();
    }

    @Test
    void oversizedStringAndDocumentAreRefused() {
        String longString = "{\"a\":\"" + "x".repeat(JsonCodec.DEFAULT_MAX_STRING_LENGTH + 1) + "\"}";
        assertThat(codec.readTree(bytes(longString))).isEmpty();
        JsonCodec small = JsonCodec.withLimits(8, 100, 50);
        assertThat(small.readTree(bytes("{\"a\":\"" + "x".repeat(60) + "\"}"))).isEmpty();
        assertThat(small.readTree(bytes("{\"a\":1}"))).isPresent();
    }

    @Test
    void garbageTruncatedAndEmptyBodiesReadAsNothing() {
        assertThat(codec.readTree(bytes("<html>oops</html>"))).isEmpty();
        assertThat(codec.readTree(bytes("{\"status\":\"SUCC"))).isEmpty();
        assertThat(codec.readTree(bytes("{} trailing"))).isEmpty();
        assertThat(codec.readTree(new byte[0])).isEmpty();
        assertThat(codec.readTree(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1})).isEmpty();
        assertThat(codec.read(bytes("[1,2]"), Token.class)).isEmpty();
    }

    record Token(String access_token, long expires_in) {
    }

    @Test
    void unknownFieldsAreIgnoredAndNumbersMayArriveAsStrings() {
        Token t = codec.read(bytes("{\"access_token\":\"abc\",\"expires_in\":\"3600\",\"extra\":{}}"),
                Token.class).orElseThrow();
        assertThat(t.expires_in()).isEqualTo(3600);
        JsonNode node = codec.readTree(bytes("{\"amount\":1500.50,\"id\":123,\"s\":\" x \"}")).orElseThrow();
        assertThat(JsonNodes.text(node, "amount")).isEqualTo("1500.50");
        assertThat(JsonNodes.text(node, "id")).isEqualTo("123");
        assertThat(JsonNodes.text(node, "s")).isEqualTo("x");
        assertThat(JsonNodes.text(node, "missing", "deeper")).isNull();
        assertThat(JsonNodes.seconds(codec.readTree(bytes("{\"e\":\"60\"}")).orElseThrow(), "e")).isEqualTo(60);
    }

    @Test
    void responseBodyOverTheCapIsNotReadIntoMemory() throws Exception {
        try (LoopbackServer server = new LoopbackServer((req, n) ->
                LoopbackServer.Answer.json(200, "{\"a\":\"" + "x".repeat(10_000) + "\"}"))) {
            JsonHttpClient client = JsonHttpClient.builder("acme", server.uri())
                    .maxResponseBytes(1_000).build();
            assertThatThrownBy(() -> client.send(ApiRequest.get("/big").build()))
                    .isInstanceOf(GatewayUnavailableException.class).hasMessageContaining("oversized");
            assertThat(server.count("/big")).isEqualTo(1); // never retried: it would be as big again
        }
    }
}
