package org.dusangire.payment.simulator.mpesa;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dusangire.payment.simulator.SimRequest;
import org.dusangire.payment.simulator.SimResponse;

/**
 * What Daraja checks on the STK push and query before it looks at the transaction: the bearer
 * token, the short code, the timestamp and the password built from them, and the push's fields;
 * each failure answered in Daraja's error envelope.
 */
final class MpesaChecks {

    /** {@code 2547XXXXXXXX} or {@code 2541XXXXXXXX}: a Safaricom number in international form. */
    static final Pattern SAFARICOM_NUMBER = Pattern.compile("254[17][0-9]{8}");
    private static final Pattern SHORTCODE = Pattern.compile("[0-9]{5,7}");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

    private final MpesaSettings settings;
    private final MpesaTokens tokens;
    private final MpesaBodies bodies;

    MpesaChecks(MpesaSettings settings, MpesaTokens tokens, MpesaBodies bodies) {
        this.settings = settings;
        this.tokens = tokens;
        this.bodies = bodies;
    }

    Optional<SimResponse> bearer(SimRequest request) {
        return tokens.validBearer(request.header("Authorization")) ? Optional.empty()
                : Optional.of(bodies.error(404, "404.001.03", "Invalid Access Token"));
    }

    /**
     * Short code, timestamp and password: base64(shortcode + passkey + timestamp). A known short
     * code with a wrong password is Daraja's "Wrong credentials" (HTTP 500, 500.001.1001).
     */
    Optional<SimResponse> merchant(JsonNode body) {
        String shortcode = text(body, "BusinessShortCode");
        if (shortcode == null || !SHORTCODE.matcher(shortcode).matches()) {
            return Optional.of(bodies.badRequest("BusinessShortCode"));
        }
        String timestamp = text(body, "Timestamp");
        if (timestamp == null || !validTimestamp(timestamp)) {
            return Optional.of(bodies.badRequest("Timestamp"));
        }
        if (!shortcode.equals(settings.shortcode())) {
            return Optional.of(bodies.error(500, "500.001.1001", "Merchant does not exist"));
        }
        String password = text(body, "Password");
        String expected = Base64.getEncoder().encodeToString((settings.shortcode()
                + settings.passkey() + timestamp).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(password)) {
            return Optional.of(bodies.error(500, "500.001.1001",
                    "[MerchantValidate] - Wrong credentials"));
        }
        return Optional.empty();
    }

    static boolean validTimestamp(String timestamp) {
        try {
            LocalDateTime.parse(timestamp, TIMESTAMP);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A positive whole number, sent as a JSON number or a string; {@code null} when not. */
    static BigDecimal wholeAmount(JsonNode body) {
        JsonNode node = body.get("Amount");
        if (node == null || !(node.isNumber() || node.isTextual())) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(node.asText().trim());
            if (value.signum() <= 0 || value.stripTrailingZeros().scale() > 0) {
                return null;
            }
            return value.setScale(0);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** A field's value as text, whether Daraja received it as a string or as a number. */
    static String text(JsonNode body, String field) {
        JsonNode node = body == null ? null : body.get(field);
        if (node == null || node.isNull() || !(node.isTextual() || node.isNumber())) {
            return null;
        }
        String value = node.isNumber() ? node.asText() : node.asText().trim();
        return value.isEmpty() ? null : value;
    }
}
