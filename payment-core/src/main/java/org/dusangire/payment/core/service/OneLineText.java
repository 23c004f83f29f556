package org.dusangire.payment.core.service;

import org.dusangire.payment.core.error.PaymentValidationException;

/**
 * The rule for caller text that ends up in logs, history and events (order references, keys,
 * descriptions, names of who acted, reasons): one line of printable text. A line break or other
 * control character would let a caller forge log lines or hide what follows, so it is refused,
 * not cleaned, and the refusal names the field.
 */
final class OneLineText {
    static final String REFUSAL = " must not contain line breaks or other control characters";

    private OneLineText() {
    }

    /** True for C0 and C1 controls (CR, LF, TAB, NUL, ESC, DEL, NEL) and U+2028, U+2029. */
    static boolean isForbidden(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    /**
     * @throws PaymentValidationException naming {@code field} when {@code value} holds a forbidden
     *                                    character; {@code null} passes
     */
    static String require(String field, String value) {
        if (value != null && value.chars().anyMatch(OneLineText::isForbidden)) {
            throw new PaymentValidationException(field, field + REFUSAL);
        }
        return value;
    }
}
