package org.dusangire.payment.gateway.mpesa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.dusangire.payment.core.config.Secret;
import org.junit.jupiter.api.Test;

class MpesaWireTest {

    @Test
    void passwordIsBase64OfShortcodePasskeyAndNairobiTimestampAsInDarajasSample() {
        // Daraja's documented recipe (short code 174379, 2016-02-16 16:56:27 Nairobi time, UTC+3)
        // with an obviously fake passkey: base64 of short code + passkey + timestamp
        MpesaPassword.Stamp stamp = MpesaPassword.at(Instant.parse("2016-02-16T13:56:27Z"), "174379",
                Secret.of("FAKE-TEST-PASSKEY-NOT-A-REAL-ONE"));

        assertThat(stamp.timestamp()).isEqualTo("20160216165627");
        assertThat(stamp.password().reveal()).isEqualTo(
                "MTc0Mzc5RkFLRS1URVNULVBBU1NLRVktTk9ULUEtUkVBTC1PTkUyMDE2MDIxNjE2NTYyNw==");
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
