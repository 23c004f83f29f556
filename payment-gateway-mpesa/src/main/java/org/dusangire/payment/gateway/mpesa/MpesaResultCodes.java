package org.dusangire.payment.gateway.mpesa;

import java.util.Map;
import org.dusangire.payment.core.port.ProviderStatus;

/**
 * What each STK {@code ResultCode} means (the module README lists the sources). A code not listed
 * is {@link ProviderStatus#UNKNOWN}, never final: Daraja has no separate "failed" flag, so an
 * unknown code cannot be told from a new "still in progress" one.
 */
final class MpesaResultCodes {
    static final String PAID = "0";

    static final Map<String, ProviderStatus> MEANING = Map.ofEntries(
            Map.entry(PAID, ProviderStatus.SUCCEEDED),
            Map.entry("1", ProviderStatus.FAILED),          // insufficient balance
            Map.entry("1001", ProviderStatus.FAILED),       // subscriber locked by another transaction
            Map.entry("1019", ProviderStatus.EXPIRED),      // transaction expired
            Map.entry("1025", ProviderStatus.FAILED),       // error sending the push
            Map.entry("1032", ProviderStatus.CANCELLED),    // cancelled by the customer
            Map.entry("1037", ProviderStatus.EXPIRED),      // phone unreachable / no answer in time
            Map.entry("2001", ProviderStatus.FAILED),       // wrong PIN (initiator information invalid)
            Map.entry("9999", ProviderStatus.FAILED),       // error sending the push
            Map.entry("4999", ProviderStatus.PENDING));     // still under processing

    private MpesaResultCodes() {
    }

    /** The status a code means; UNKNOWN for an absent or unlisted code. */
    static ProviderStatus meaning(String resultCode) {
        if (resultCode == null) {
            return ProviderStatus.UNKNOWN;
        }
        return MEANING.getOrDefault(normalise(resultCode), ProviderStatus.UNKNOWN);
    }

    /** {@code "0"}, {@code 0} and {@code 0.0} alike: a code sent as a number or a string. */
    static String normalise(String resultCode) {
        String code = resultCode.trim();
        try {
            return new java.math.BigDecimal(code).toBigIntegerExact().toString();
        } catch (NumberFormatException | ArithmeticException e) {
            return code;
        }
    }
}
