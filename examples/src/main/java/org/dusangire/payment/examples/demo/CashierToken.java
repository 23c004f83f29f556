package org.dusangire.payment.examples.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The demo's shared secret for state-changing calls, from {@code DEMO_CASHIER_TOKEN} or, when
 * that is unset, 32 random bytes generated at start-up. It is a guard against other sites and
 * other local programs, not a login: there are no accounts behind it.
 */
final class CashierToken {
    static final String VARIABLE = "DEMO_CASHIER_TOKEN";
    private static final int MIN_LENGTH = 16;

    private final byte[] digest;
    private final String value;
    private final boolean generated;

    private CashierToken(String value, boolean generated) {
        this.value = value;
        this.digest = sha256(value);
        this.generated = generated;
    }

    /**
     * The configured token, or a fresh one when {@code configured} is null.
     *
     * @throws DemoRefusedException when the configured token is too short, or holds spaces or
     *                              characters outside printable ASCII; the message never repeats it
     */
    static CashierToken from(String configured, SecureRandom random) {
        if (configured == null) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            return new CashierToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), true);
        }
        if (configured.length() < MIN_LENGTH || !configured.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new DemoRefusedException(VARIABLE + " must be at least " + MIN_LENGTH
                    + " printable characters (ASCII, no spaces); unset it to have one generated");
        }
        return new CashierToken(configured, false);
    }

    /** True when {@code presented} is the token; takes the same time wherever they differ. */
    boolean matches(String presented) {
        // hashing both sides first makes the comparison's time independent of the length too
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    /** True when the demo made the token up, so it must tell the cashier once. */
    boolean generated() {
        return generated;
    }

    /** The token itself: printed once at start-up when generated, never logged. */
    String value() {
        return value;
    }

    @Override
    public String toString() {
        return "CashierToken[***]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
