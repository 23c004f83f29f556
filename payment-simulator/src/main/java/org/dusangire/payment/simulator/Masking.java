package org.dusangire.payment.simulator;

/**
 * Masks identifiers before they reach a log line.
 */
public final class Masking {

    private Masking() {
    }

    /** Keeps the first four and last two characters of a phone number: {@code 4673*****50}. */
    public static String msisdn(String msisdn) {
        if (msisdn == null) {
            return "null";
        }
        if (msisdn.length() <= 6) {
            return "*".repeat(msisdn.length());
        }
        return msisdn.substring(0, 4) + "*".repeat(msisdn.length() - 6)
                + msisdn.substring(msisdn.length() - 2);
    }
}
