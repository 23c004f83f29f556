package org.dusangire.payment.gateway.airtel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Airtel's v2 message signing (provider reference §B.3.4): a fresh AES-256 key and IV per
 * request; {@code x-signature} = Base64(AES-256-CBC/PKCS#7 of the exact body bytes) and
 * {@code x-key} = Base64(RSA of {@code base64Key + ":" + base64Iv}) under Airtel's public key.
 * The body must be serialised once and those very bytes sent.
 */
final class MessageSigner {
    private final SecureRandom random;

    MessageSigner(SecureRandom random) {
        this.random = random;
    }

    /** The two signature headers for {@code body}. */
    Map<String, String> headers(byte[] body, PublicKey airtelKey, RsaPadding padding) {
        byte[] key = new byte[32];
        byte[] iv = new byte[16];
        random.nextBytes(key);
        random.nextBytes(iv);
        Base64.Encoder b64 = Base64.getEncoder();
        String keyText = b64.encodeToString(key);
        String ivText = b64.encodeToString(iv);
        return Map.of("x-signature", signature(keyText, ivText, body),
                "x-key", wrap(keyText + ":" + ivText, airtelKey, padding));
    }

    /** Base64(AES-256-CBC/PKCS#7(body)) for a Base64 key and IV. */
    static String signature(String base64Key, String base64Iv, byte[] body) {
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(base64Key), "AES"),
                    new IvParameterSpec(Base64.getDecoder().decode(base64Iv)));
            return Base64.getEncoder().encodeToString(aes.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is not available", e);
        }
    }

    private static String wrap(String keyAndIv, PublicKey airtelKey, RsaPadding padding) {
        try {
            Cipher rsa = Cipher.getInstance(padding.transformation());
            rsa.init(Cipher.ENCRYPT_MODE, airtelKey);
            return Base64.getEncoder().encodeToString(
                    rsa.doFinal(keyAndIv.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap the signing key with Airtel's RSA key", e);
        }
    }
}
