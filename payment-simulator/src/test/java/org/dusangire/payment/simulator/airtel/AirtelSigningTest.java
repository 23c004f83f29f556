package org.dusangire.payment.simulator.airtel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class AirtelSigningTest {

    /** From the provider reference §B.3.4 (121-platform's message_signing.ts, Airtel's docs). */
    static final String VECTOR_KEY = "PSw37xtnShLl7zgWn4dLSnf1J5GRhRsOD4OfvJOuLIM=";
    static final String VECTOR_IV = "gGIhDvCBnSBhBgYiXCyMnw==";
    static final String VECTOR_BODY = "{\"reference\":\"1234\",\"subscriber\":{\"country\":\"UG\","
            + "\"currency\":\"UGX\",\"msisdn\":\"752604392\"},\"transaction\":{\"amount\":\"100\","
            + "\"country\":\"UG\",\"currency\":\"UGX\",\"id\":\"test_id \"}}";
    static final String VECTOR_SIGNATURE = "bDOsVGZzbK0P5jO/M5QVMH/qxSmRJLEvIPZCdW6H81xvsZNI6jZej54o"
            + "BQlHZ38yy63QNeyyYcfEkGJ8f3f15wHWs86V9BCIpHSesS3SrhozE/gGA1fLydeSS26mw0jhyt9XIpabk1Rj"
            + "DH59SfsrkHKU38I5mRlthG/t2qXJck0FhNR64bgOExm9CsuxUlfpsSoW1g81g1u5a4yMFIHhp77f+h3EXNHz"
            + "cEsdSWhqTho=";

    private static final KeyPair KEYS = AirtelMoneySimulatorBuilder.generateKeyPair();
    private static final AirtelMoneySimulator SIM = AirtelMoneySimulator.builder()
            .messageSigning(true).rsaKeyPair(KEYS).build().start();
    private final AirtelClient client = new AirtelClient(SIM);
    private final String token = client.token();

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Test
    void signatureMatchesThePublishedTestVector() {
        assertThat(MessageSigning.signature(VECTOR_KEY, VECTOR_IV,
                VECTOR_BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void theTestVectorBodyIsAcceptedOnV2WhenSignedWithThePublishedKeyAndIv() throws Exception {
        String xKey = rsa(fetchedKey(), VECTOR_KEY + ":" + VECTOR_IV, "RSA/ECB/PKCS1Padding");

        var response = client.post("/merchant/v2/payments/", token,
                VECTOR_BODY.getBytes(StandardCharsets.UTF_8),
                Map.of("x-signature", VECTOR_SIGNATURE, "x-key", xKey));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(AirtelClient.json(response).at("/data/transaction/id").asBoolean()).isFalse();
        assertThat(SIM.state("test_id ").orElseThrow().signed()).isTrue();
    }

    @Test
    void oaepWrappedKeysAreAcceptedToo() throws Exception {
        byte[] body = body();
        String[] keyIv = randomKeyIv();
        String xKey = rsa(KEYS.getPublic(), keyIv[0] + ":" + keyIv[1],
                "RSA/ECB/OAEPWithSHA-1AndMGF1Padding");

        var response = client.post("/merchant/v2/payments/", token, body, Map.of(
                "x-signature", MessageSigning.signature(keyIv[0], keyIv[1], body), "x-key", xKey));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void aBodyChangedAfterSigningIsForbiddenWithDp00800001026() throws Exception {
        byte[] body = body();
        String[] keyIv = randomKeyIv();
        String signature = MessageSigning.signature(keyIv[0], keyIv[1], body);
        String xKey = rsa(KEYS.getPublic(), keyIv[0] + ":" + keyIv[1], "RSA/ECB/PKCS1Padding");
        byte[] changed = new String(body, StandardCharsets.UTF_8).replace("1500", "1501")
                .getBytes(StandardCharsets.UTF_8);

        var response = client.post("/merchant/v2/payments/", token, changed,
                Map.of("x-signature", signature, "x-key", xKey));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(AirtelClient.json(response).at("/status/response_code").asText())
                .isEqualTo("DP00800001026");
    }

    @Test
    void missingSignatureHeadersAndV1AreRefusedWhereSigningIsEnforced() {
        var unsigned = client.post("/merchant/v2/payments/", token, body(), Map.of());
        assertThat(unsigned.statusCode()).isEqualTo(403);

        var v1 = client.post("/merchant/v1/payments/", token, body(), Map.of());
        assertThat(v1.statusCode()).isEqualTo(403);
        assertThat(AirtelClient.json(v1).at("/status/response_code").asText())
                .isEqualTo("DP00800001026");
    }

    @Test
    void whereSigningIsNotEnforcedV2WithoutHeadersIsAccepted() {
        try (var open = AirtelMoneySimulator.builder().build().start()) {
            var c = new AirtelClient(open);
            var response = c.post("/merchant/v2/payments/", c.token(), body(), Map.of());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    private PublicKey fetchedKey() throws Exception {
        var response = client.send(client.api(java.net.http.HttpRequest.newBuilder(
                client.uri("/v1/rsa/encryption-keys")), token).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        byte[] der = Base64.getDecoder().decode(AirtelClient.json(response).at("/data/key").asText());
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        assertThat(key).isEqualTo(KEYS.getPublic());
        return key;
    }

    private static byte[] body() {
        return AirtelClient.write(AirtelClient.body(UUID.randomUUID().toString(), "752604392", 1500))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String[] randomKeyIv() {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        byte[] iv = new byte[16];
        random.nextBytes(key);
        random.nextBytes(iv);
        return new String[] {Base64.getEncoder().encodeToString(key),
                Base64.getEncoder().encodeToString(iv)};
    }

    private static String rsa(PublicKey key, String text, String transformation) throws Exception {
        Cipher cipher = Cipher.getInstance(transformation);
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return Base64.getEncoder().encodeToString(cipher.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
