package org.dusangire.payment.simulator.airtel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Airtel's v2 message signing (provider reference §B.3.4): {@code x-signature} is
 * Base64(AES-256-CBC/PKCS#7 of the exact body bytes) and {@code x-key} is Base64(RSA of
 * {@code base64Key + ":" + base64Iv}) under Airtel's public key. The RSA padding is not pinned
 * down by the sources, so verification accepts PKCS#1 v1.5 and OAEP (SHA-1 and SHA-256).
 */
final class MessageSigning {

    private MessageSigning() {
    }

    /** The {@code x-signature} of a body for a Base64 AES key and IV. */
    static String signature(String base64Key, String base64Iv, byte[] body) {
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(Base64.getDecoder().decode(base64Key), "AES"),
                    new IvParameterSpec(Base64.getDecoder().decode(base64Iv)));
            return Base64.getEncoder().encodeToString(aes.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key and IV", e);
        }
    }

    /** Whether {@code xSignature} and {@code xKey} sign exactly {@code body}. */
    static boolean verify(byte[] body, String xSignature, String xKey, PrivateKey privateKey) {
        if (xSignature == null || xKey == null || privateKey == null) {
            return false;
        }
        String keyAndIv = decryptKey(xKey.trim(), privateKey);
        if (keyAndIv == null) {
            return false;
        }
        int colon = keyAndIv.indexOf(':');
        if (colon < 0) {
            return false;
        }
        try {
            String expected = signature(keyAndIv.substring(0, colon), keyAndIv.substring(colon + 1),
                    body);
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    xSignature.trim().getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String decryptKey(String xKey, PrivateKey privateKey) {
        byte[] encrypted;
        try {
            encrypted = Base64.getDecoder().decode(xKey);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (Padding padding : Padding.values()) {
            try {
                Cipher rsa = padding.cipher(privateKey);
                String text = new String(rsa.doFinal(encrypted), StandardCharsets.UTF_8);
                if (text.indexOf(':') > 0) {
                    return text;
                }
            } catch (GeneralSecurityException e) {
                // try the next padding
            }
        }
        return null;
    }

    /** RSA paddings accepted for {@code x-key}. */
    private enum Padding {
        PKCS1, OAEP_SHA1, OAEP_SHA256;

        Cipher cipher(PrivateKey key) throws GeneralSecurityException {
            return switch (this) {
                case PKCS1 -> init(Cipher.getInstance("RSA/ECB/PKCS1Padding"), key, null);
                case OAEP_SHA1 -> init(Cipher.getInstance("RSA/ECB/OAEPPadding"), key,
                        new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1,
                                PSource.PSpecified.DEFAULT));
                case OAEP_SHA256 -> init(Cipher.getInstance("RSA/ECB/OAEPPadding"), key,
                        new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                                PSource.PSpecified.DEFAULT));
            };
        }

        private static Cipher init(Cipher cipher, PrivateKey key, OAEPParameterSpec spec)
                throws GeneralSecurityException {
            if (spec == null) {
                cipher.init(Cipher.DECRYPT_MODE, key);
            } else {
                cipher.init(Cipher.DECRYPT_MODE, key, spec);
            }
            return cipher;
        }
    }

    /** Padding names, for documentation and tests. */
    static List<String> acceptedPaddings() {
        return List.of("RSA/ECB/PKCS1Padding", "RSA/ECB/OAEPWithSHA-1AndMGF1Padding",
                "RSA/ECB/OAEPWithSHA-256AndMGF1Padding (MGF1 SHA-256)");
    }
}
