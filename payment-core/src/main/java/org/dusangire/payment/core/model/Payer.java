package org.dusangire.payment.core.model;

import org.dusangire.payment.core.error.PaymentValidationException;

/**
 * Who pays: a mobile number for mobile money, an email (and name) for hosted checkouts. Any part
 * may be absent where the method does not need it. {@code toString} masks the number.
 */
public record Payer(Msisdn msisdn, String email, String name) {

    public Payer {
        if (email != null) {
            email = email.trim();
            if (email.isEmpty()) {
                email = null;
            } else if (!isEmail(email)) {
                throw new PaymentValidationException("email", "email address is not valid");
            }
        }
        if (name != null) {
            name = name.trim();
            if (name.isEmpty()) {
                name = null;
            } else if (name.length() > 100) {
                throw new PaymentValidationException("name", "name is longer than 100 characters");
            } else if (name.chars().anyMatch(c -> Character.isISOControl(c)
                    || c == '\u2028' || c == '\u2029')) {
                // the same one-line rule as the checkout's other texts: no forged log lines
                throw new PaymentValidationException("name",
                        "name must not contain line breaks or other control characters");
            }
        }
    }

    public static Payer ofPhone(Msisdn msisdn) {
        return new Payer(msisdn, null, null);
    }

    public static Payer none() {
        return new Payer(null, null, null);
    }

    /**
     * Whether {@code text} has the shape {@code [^@\s]{1,64}@[^@\s]{1,255}\.[^@\s.]{2,}}: one
     * {@code @} after 1 to 64 characters, then 1 to 255 characters before the last dot and at least
     * two after it, with no white space anywhere. Checked in one pass, as payments are read far
     * more often than the expression was worth.
     */
    static boolean isEmail(String text) {
        int at = text.indexOf('@');
        int dot = text.lastIndexOf('.');
        if (at < 1 || at > 64 || dot <= at + 1 || dot - at - 1 > 255 || text.length() - dot - 1 < 2) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '@' && i != at || c == ' ' || c >= '\t' && c <= '\r') {
                return false;
            }
        }
        return true;
    }
}
