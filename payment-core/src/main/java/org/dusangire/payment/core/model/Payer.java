package org.dusangire.payment.core.model;

import java.util.regex.Pattern;
import org.dusangire.payment.core.error.PaymentValidationException;

/**
 * Who pays: a mobile number for mobile money, an email (and name) for hosted checkouts. Any part
 * may be absent where the method does not need it. {@code toString} masks the number.
 */
public record Payer(Msisdn msisdn, String email, String name) {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s.]{2,}");

    public Payer {
        if (email != null) {
            email = email.trim();
            if (email.isEmpty()) {
                email = null;
            } else if (!EMAIL.matcher(email).matches()) {
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
}
