package org.dusangire.payment.core.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential (API key, client secret, webhook hash). Its {@code toString} never shows the value,
 * so a secret that ends up in a log line or an exception message stays hidden. Comparison is in
 * constant time.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps a non-blank secret value. */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "secret must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("secret must not be blank");
        }
        return new Secret(value);
    }

    /** The clear value, for the one place that must send it to the provider. */
    public String reveal() {
        return value;
    }

    /** Constant-time comparison with a candidate value, for example a webhook header. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && matches(s.value);
    }

    @Override
    public int hashCode() {
        return 0; // a hash of the value would leak information about it
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
