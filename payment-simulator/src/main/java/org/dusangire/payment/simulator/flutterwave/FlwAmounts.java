package org.dusangire.payment.simulator.flutterwave;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** Reads amounts as Flutterwave does: a JSON number or a numeric string, in major units. */
final class FlwAmounts {

    private FlwAmounts() {
    }

    /** The amount, or {@code null} when absent or not a plain positive decimal. */
    static BigDecimal read(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String text;
        if (node.isNumber()) {
            text = node.decimalValue().toPlainString();
        } else if (node.isTextual()) {
            text = node.asText().trim();
        } else {
            return null;
        }
        if (!text.matches("[0-9]{1,15}(\\.[0-9]{1,4})?")) {
            return null;
        }
        BigDecimal value = new BigDecimal(text);
        return value.signum() > 0 ? value : null;
    }
}
