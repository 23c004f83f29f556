package org.dusangire.payment.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.junit.jupiter.api.Test;

class CashOnDeliveryExampleTest {
    @Test
    void exampleTakesACashPaymentToSucceededAndPrintsEachStep() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Payment paid = CashOnDeliveryExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(out).contains("1. checkout:").contains("is PENDING via cash")
                .contains("2. tell the customer: Pay 35000 UGX in cash on delivery")
                .contains("3. listener: order BILL-2026-0042 is now SUCCEEDED (CASH_CONFIRMATION)")
                .contains("confirmed by cashier Grace");
    }
}
