package org.dusangire.payment.gateway.airtel;

/**
 * How the AES key and IV are wrapped with Airtel's RSA key for {@code x-key}. The reference states
 * PKCS#1 v1.5 but is unsure, so OAEP is selectable.
 */
public enum RsaPadding {
    /** {@code RSA/ECB/PKCS1Padding}, as Airtel's documentation states. */
    PKCS1("RSA/ECB/PKCS1Padding"),
    /** {@code RSA/ECB/OAEPWithSHA-1AndMGF1Padding}. */
    OAEP_SHA1("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");

    private final String transformation;

    RsaPadding(String transformation) {
        this.transformation = transformation;
    }

    String transformation() {
        return transformation;
    }
}
