package org.dusangire.payment.simulator.airtel;

import java.util.Map;

/**
 * The response and result codes the simulator uses, with Airtel's reasons (Uganda error-code page
 * as transcribed in the provider reference, part B.4.1).
 */
final class AirtelCodes {

    static final String AMBIGUOUS = "DP00800001000";
    static final String SUCCESS = "DP00800001001";
    static final String INCORRECT_PIN = "DP00800001002";
    static final String LIMIT_EXCEEDED = "DP00800001003";
    static final String INVALID_AMOUNT = "DP00800001004";
    static final String INVALID_TRANSACTION = "DP00800001005";
    static final String IN_PROCESS = "DP00800001006";
    static final String NOT_ENOUGH_BALANCE = "DP00800001007";
    static final String REFUSED = "DP00800001008";
    static final String DO_NOT_HONOR = "DP00800001009";
    static final String NOT_PERMITTED = "DP00800001010";
    static final String TIMED_OUT = "DP00800001024";
    static final String NOT_FOUND = "DP00800001025";
    static final String FORBIDDEN = "DP00800001026";
    static final String KEY_FETCHED = "DP00800001027";
    static final String EXPIRED = "DP00800001029";

    static final String ESB_SUCCESS = "ESB000010";
    static final String ESB_FAILED = "ESB000011";
    static final String ESB_MSISDN_LENGTH = "ESB000033";
    static final String ESB_COUNTRY = "ESB000034";
    static final String ESB_CURRENCY = "ESB000035";
    static final String ESB_MSISDN_FORMAT = "ESB000036";
    static final String ESB_DUPLICATE = "ESB000041";
    static final String ESB_NOT_FOUND = "ESB000045";
    static final String ROUTER_MISSING_FIELD = "ROUTER003";
    static final String ROUTER_COUNTRY = "ROUTER006";
    static final String ROUTER_CURRENCY = "ROUTER112";

    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry(AMBIGUOUS, "Ambiguous"),
            Map.entry(SUCCESS, "Success"),
            Map.entry(INCORRECT_PIN, "Incorrect Pin"),
            Map.entry(LIMIT_EXCEEDED, "Exceeds withdrawal amount limit(s)"),
            Map.entry(INVALID_AMOUNT, "Invalid Amount"),
            Map.entry(INVALID_TRANSACTION, "Transaction ID is invalid"),
            Map.entry(IN_PROCESS, "In process"),
            Map.entry(NOT_ENOUGH_BALANCE, "Not enough balance"),
            Map.entry(REFUSED, "Refused"),
            Map.entry(DO_NOT_HONOR, "Do not honor"),
            Map.entry(NOT_PERMITTED, "Transaction not permitted to Payee"),
            Map.entry(TIMED_OUT, "Transaction Timed Out"),
            Map.entry(NOT_FOUND, "Transaction Not Found"),
            Map.entry(FORBIDDEN, "X-signature and payload did not match"),
            Map.entry(EXPIRED, "Transaction Expired"));

    private AirtelCodes() {
    }

    /** Airtel's reason text for a DP code; the code itself when unknown. */
    static String reason(String code) {
        return REASONS.getOrDefault(code, code);
    }
}
