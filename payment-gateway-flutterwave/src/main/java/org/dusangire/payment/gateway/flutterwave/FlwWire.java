package org.dusangire.payment.gateway.flutterwave;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Map;

/** Request bodies of the v3 API; {@code null} fields are left out by the codec. */
final class FlwWire {
    private FlwWire() {
    }

    /** {@code POST /v3/payments}: a Standard payment link. Amount in major units, as a number. */
    record PaymentRequest(@JsonProperty("tx_ref") String txRef, BigDecimal amount, String currency,
            @JsonProperty("redirect_url") String redirectUrl, Customer customer,
            @JsonProperty("payment_options") String paymentOptions, Customizations customizations,
            Map<String, String> meta) {
    }

    /** The payer; Flutterwave's docs spell the phone field {@code phonenumber}. */
    record Customer(String email, String name, String phonenumber) {
    }

    /** What the hosted page shows. */
    record Customizations(String title, String description) {
    }

    /**
     * {@code POST /v3/transactions/{id}/refund}; the amount is always sent (partial or full), and
     * {@code comments} carries our refund id (see {@link FlwRefunds#comments}).
     */
    record Refund(BigDecimal amount, String comments) {
    }
}
