package org.dusangire.payment.gateway.airtel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.gateway.http.JsonCodec;

/** Builds Airtel request bodies, keys in the documented order. */
final class AirtelWire {
    private AirtelWire() {
    }

    /**
     * The USSD-push body: our id as {@code transaction.id}, the amount as a JSON number at the
     * currency's scale, the national number without country code.
     */
    static ObjectNode payment(JsonCodec codec, Payment payment, String country, String merchantName) {
        String currency = payment.money().currency().getCurrencyCode();
        ObjectNode body = codec.object();
        body.put("reference", reference(payment, merchantName));
        body.putObject("subscriber").put("country", country).put("currency", currency)
                .put("msisdn", payment.payer().msisdn().nationalNumber());
        body.putObject("transaction").put("amount", payment.money().amount())
                .put("country", country).put("currency", currency)
                .put("id", payment.providerReference());
        return body;
    }

    static ObjectNode refund(JsonCodec codec, String airtelMoneyId) {
        ObjectNode body = codec.object();
        body.putObject("transaction").put("airtel_money_id", airtelMoneyId);
        return body;
    }

    /** Text shown to the payer: letters, digits, spaces and hyphens, 4 to 64 characters. */
    static String reference(Payment payment, String merchantName) {
        String text = clean(payment.orderReference());
        if (text.length() < 4) {
            text = clean(merchantName + " " + payment.orderReference());
        }
        if (text.length() < 4) {
            text = "Payment " + payment.id().toString().substring(0, 8);
        }
        return text.length() <= 64 ? text : text.substring(0, 64).trim();
    }

    private static String clean(String text) {
        return text == null ? "" : text.replaceAll("[^A-Za-z0-9 \\-]", " ")
                .replaceAll("\\s+", " ").trim();
    }
}
