package org.dusangire.payment.gateway.mpesa;

import java.math.BigDecimal;
import java.net.URI;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request bodies as Daraja expects them, with its capitalised field names, in its documented
 * order. {@code Amount} goes as a JSON number of whole shillings.
 */
final class MpesaWire {
    /** Daraja's documented limits. */
    static final int MAX_ACCOUNT_REFERENCE = 12;
    static final int MAX_TRANSACTION_DESC = 13;

    private MpesaWire() {
    }

    static Map<String, Object> stkPush(MpesaConfig config, MpesaPassword.Stamp stamp,
            BigDecimal wholeShillings, String msisdn, URI callbackUrl, String accountReference,
            String transactionDesc) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("BusinessShortCode", config.shortcode());
        body.put("Password", stamp.password().reveal());
        body.put("Timestamp", stamp.timestamp());
        body.put("TransactionType", config.transactionType().wire());
        body.put("Amount", wholeShillings);
        body.put("PartyA", msisdn);
        body.put("PartyB", config.partyB());
        body.put("PhoneNumber", msisdn);
        body.put("CallBackURL", callbackUrl.toString());
        body.put("AccountReference", accountReference);
        body.put("TransactionDesc", transactionDesc);
        return body;
    }

    static Map<String, Object> stkQuery(MpesaConfig config, MpesaPassword.Stamp stamp,
            String checkoutRequestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("BusinessShortCode", config.shortcode());
        body.put("Password", stamp.password().reveal());
        body.put("Timestamp", stamp.timestamp());
        body.put("CheckoutRequestID", checkoutRequestId);
        return body;
    }

    /**
     * Letters, digits, spaces and {@code -} only (accents folded), cut to {@code max}; the
     * fallback when nothing is left. The customer reads both on the prompt.
     */
    static String clean(String text, int max, String fallback) {
        String source = text == null ? "" : text;
        String folded = Normalizer.normalize(source, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String cleaned = folded.replaceAll("[^A-Za-z0-9 -]", " ").replaceAll(" {2,}", " ").trim();
        if (cleaned.length() > max) {
            cleaned = cleaned.substring(0, max).trim();
        }
        return cleaned.isEmpty() ? fallback : cleaned;
    }
}
