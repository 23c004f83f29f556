package org.dusangire.payment.gateway.mtn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MtnTextTest {

    @Test
    void aCleanTextIsReturnedAsItIs() {
        for (String text : List.of("Order BILL-42", "Payment to Dusangire Hospital", "a", "1.5, x-ray")) {
            assertThat(MtnText.isClean(text)).as(text).isTrue();
            assertThat(MtnText.clean(text, "Payment")).isSameAs(text);
        }
    }

    @Test
    void whatAnyRuleWouldChangeIsNotCalledClean() {
        for (String text : List.of("", " lead", "trail ", "two  spaces", "O'Brien", "Umit\u0308",
                "caf\u00e9", "a&b", "tab\there", "x".repeat(MtnText.MAX_LENGTH + 1))) {
            assertThat(MtnText.isClean(text)).as(text).isFalse();
            assertThat(MtnText.clean(text, "Payment")).isEqualTo(MtnText.cleanFully(text.isBlank() ? "Payment" : text));
        }
    }

    /** The shortcut must never return what the full rules would not. */
    @Test
    void theShortcutAgreesWithTheFullRulesOnRandomTexts() {
        String alphabet = "aZ09 .,-'&\u00e9\u0308\t";
        Random random = new Random(20261208L);
        List<String> shortcut = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(i % 50 == 0 ? 200 : 12);
            for (int j = 0; j < length; j++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = b.toString();
            if (MtnText.isClean(text)) {
                shortcut.add(text);
            }
            assertThat(MtnText.clean(text, "Payment"))
                    .as("%s", text)
                    .isEqualTo(MtnText.cleanFully(text.isBlank() ? "Payment" : text));
        }
        // the draw reached the shortcut often enough for the agreement to mean something
        assertThat(shortcut).hasSizeGreaterThan(1_000);
    }
}
