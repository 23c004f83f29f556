package org.dusangire.payment.gateway.mtn;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Cleans free text for {@code payerMessage} and {@code payeeNote}: MTN refuses apostrophes,
 * ampersands and other special characters with a 400, and anything over 160 characters.
 */
final class MtnText {
    static final int MAX_LENGTH = 160;
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9 .,-]");
    private static final Pattern SPACES = Pattern.compile(" {2,}");
    private static final Pattern MARKS = Pattern.compile("\\p{M}");

    private MtnText() {
    }

    /** Accents folded to ASCII, other characters dropped, spaces collapsed, cut to 160. */
    static String clean(String text, String fallback) {
        String source = text == null || text.isBlank() ? fallback : text;
        String folded = MARKS.matcher(Normalizer.normalize(source, Normalizer.Form.NFKD)).replaceAll("");
        String cleaned = SPACES.matcher(NOT_ALLOWED.matcher(folded).replaceAll(" ")).replaceAll(" ").trim();
        if (cleaned.length() > MAX_LENGTH) {
            cleaned = cleaned.substring(0, MAX_LENGTH).trim();
        }
        return cleaned.isEmpty() ? "Payment" : cleaned;
    }
}
