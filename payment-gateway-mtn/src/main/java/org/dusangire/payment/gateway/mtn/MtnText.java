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
        // most texts (an order number, a hospital's name) are already clean: the rules below
        // would return them unchanged, so they are returned without a normalizer and three regexes
        return isClean(source) ? source : cleanFully(source);
    }

    /** The rules applied one by one; what {@link #clean} returns for any text it must change. */
    static String cleanFully(String source) {
        String folded = MARKS.matcher(Normalizer.normalize(source, Normalizer.Form.NFKD)).replaceAll("");
        String cleaned = SPACES.matcher(NOT_ALLOWED.matcher(folded).replaceAll(" ")).replaceAll(" ").trim();
        if (cleaned.length() > MAX_LENGTH) {
            cleaned = cleaned.substring(0, MAX_LENGTH).trim();
        }
        return cleaned.isEmpty() ? "Payment" : cleaned;
    }

    /**
     * True when every rule leaves {@code text} as it is: 1 to 160 allowed characters, no space at
     * either end and no two in a row.
     */
    static boolean isClean(String text) {
        int n = text.length();
        if (n == 0 || n > MAX_LENGTH || text.charAt(0) == ' ' || text.charAt(n - 1) == ' ') {
            return false;
        }
        char previous = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == ' ' || c == '.' || c == ',' || c == '-';
            if (!allowed || c == ' ' && previous == ' ') {
                return false;
            }
            previous = c;
        }
        return true;
    }
}
