package org.dusangire.payment.gateway.mpesa;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import org.dusangire.payment.core.config.Secret;

/**
 * The {@code Timestamp} and {@code Password} every STK push and query carries: the timestamp in
 * Nairobi time as {@code yyyyMMddHHmmss}, the password base64(short code + passkey + timestamp).
 * The password is a secret: it proves the passkey and never reaches a log.
 */
final class MpesaPassword {
    static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(NAIROBI);

    /** One timestamp and the password built with it. */
    record Stamp(String timestamp, Secret password) {
    }

    private MpesaPassword() {
    }

    static Stamp at(Instant now, String shortcode, Secret passkey) {
        String timestamp = TIMESTAMP.format(now);
        String password = Base64.getEncoder().encodeToString((shortcode + passkey.reveal() + timestamp)
                .getBytes(StandardCharsets.UTF_8));
        return new Stamp(timestamp, Secret.of(password));
    }
}
