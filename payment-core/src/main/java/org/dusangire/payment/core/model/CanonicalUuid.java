package org.dusangire.payment.core.model;

import java.util.UUID;
import org.dusangire.payment.core.error.PaymentValidationException;

/** Parses the canonical text form of a UUID, refusing the loose forms {@link UUID#fromString} takes. */
final class CanonicalUuid {
    private static final int LENGTH = 36;

    private CanonicalUuid() {
    }

    /**
     * The UUID {@code text} spells in the canonical 8-4-4-4-12 form of hex digits in either case;
     * read digit by digit, since a parser as lenient as {@link UUID#fromString} accepts more (a
     * sign inside a group, short groups) and a regular expression cost more than the parse.
     */
    static UUID parse(String text, String field, String message) {
        if (text == null || text.length() != LENGTH) {
            throw new PaymentValidationException(field, message);
        }
        long high = 0;
        long low = 0;
        for (int i = 0, digits = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    throw new PaymentValidationException(field, message);
                }
                continue;
            }
            int value = Character.digit(c, 16);
            if (value < 0 || c > 'f') {
                throw new PaymentValidationException(field, message);
            }
            if (digits++ < 16) {
                high = high << 4 | value;
            } else {
                low = low << 4 | value;
            }
        }
        return new UUID(high, low);
    }
}
