package org.dusangire.payment.gateway.mpesa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.dusangire.payment.core.config.Secret;
import org.junit.jupiter.api.Test;

class MpesaWireTest {

    @Test
    void passwordIsBase64OfShortcodePasskeyAndNairobiTimestampAsInDarajasSample() {
        // Daraja's documented sample: short code 174379, the sandbox passkey, 2016-02-16 16:56:27
        // Nairobi time (UTC+3)
        MpesaPassword.Stamp stamp = MpesaPassword.at(Instant.parse("2016-02-16T13:56:27Z"), "174379",
                Secret.of("bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919"));

        assertThat(stamp.timestamp()).isEqualTo("20160216165627");
        assertThat(stamp.password().reveal()).isEqualTo("MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkN"
                + "zFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMTYwMjE2MTY1NjI3");
        assertThat(stamp.password().toString()).doesNotContain("MTc0");
    }

    @Test
    void referenceAndDescriptionAreCutToDarajasLimitsAndKeptPlain() {
        assertThat(MpesaWire.clean("Order #A-1042/ß Clinic", 12, "x")).isEqualTo("Order A-1042");
        assertThat(MpesaWire.clean("Hôpital Saint-Éloi", 13, "x")).isEqualTo("Hopital Saint");
        assertThat(MpesaWire.clean("&&&", 13, "Payment")).isEqualTo("Payment");
        assertThat(MpesaWire.clean(null, 13, "Payment")).isEqualTo("Payment");
    }
}
