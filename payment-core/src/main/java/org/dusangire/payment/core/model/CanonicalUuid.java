package org.dusangire.payment.core.model;

import java.util.UUID;
import java.util.regex.Pattern;
import org.dusangire.payment.core.error.PaymentValidationException;

/** Parses the canonical text form of a UUID, refusing the loose forms {@link UUID#fromString} takes. */
final class CanonicalUuid {
    private static final Pattern CANONICAL = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private CanonicalUuid() {
    }

    static UUID parse(String text, String field, String message) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
            throw new PaymentValidationException(field, message);
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new PaymentValidationException(field, message);
        }
    }
}
