package org.dusangire.payment.gateway.airtel;

import java.util.Map;
import java.util.Set;

/**
 * Airtel's collection response codes and the code families that matter to the gateway (provider
 * reference §B.4.1, Uganda error-code page).
 */
final class AirtelCodes {
    static final String IN_PROCESS = "DP00800001006";
    static final String SUCCESS = "DP00800001001";
    static final String NOT_FOUND = "DP00800001025";
    static final String ESB_NOT_FOUND = "ESB000045";
    static final String ESB_DUPLICATE = "ESB000041";
    static final String ESB_SUCCESS = "ESB000010";
    static final String ESB_FAILED = "ESB000011";

    /** Every documented collection response code with its reason. */
    static final Map<String, String> MEANINGS = Map.ofEntries(
            Map.entry("DP00800001000", "Ambiguous"),
            Map.entry("DP00800001001", "Success"),
            Map.entry("DP00800001002", "Incorrect Pin"),
            Map.entry("DP00800001003", "Exceeds withdrawal amount limit(s)"),
            Map.entry("DP00800001004", "Invalid Amount"),
            Map.entry("DP00800001005", "Transaction ID is invalid"),
            Map.entry("DP00800001006", "In process"),
            Map.entry("DP00800001007", "Not enough balance"),
            Map.entry("DP00800001008", "Refused"),
            Map.entry("DP00800001009", "Do not honor"),
            Map.entry("DP00800001010", "Transaction not permitted to Payee"),
            Map.entry("DP00800001024", "Transaction Timed Out"),
            Map.entry("DP00800001025", "Transaction Not Found"),
            Map.entry("DP00800001026", "Forbidden: x-signature and payload did not match"),
            Map.entry("DP00800001027", "Encryption key fetched"),
            Map.entry("DP00800001028", "Encryption key fetching failed"),
            Map.entry("DP00800001029", "Transaction Expired"));

    /** Codes that mean Airtel does not know yet: enquire, never conclude. */
    static final Set<String> AMBIGUOUS = Set.of("DP00800001000", "ESB000001", "ESB000004",
            "ESB000008", "ESB000014", "ROUTER117", "0000900");

    private AirtelCodes() {
    }

    /** {@code CODE: meaning} for a known code, the code verbatim otherwise. */
    static String describe(String code) {
        String meaning = MEANINGS.get(code);
        return meaning == null ? code : code + ": " + meaning;
    }

    static boolean isNotFound(String code) {
        return NOT_FOUND.equals(code) || ESB_NOT_FOUND.equals(code);
    }
}
