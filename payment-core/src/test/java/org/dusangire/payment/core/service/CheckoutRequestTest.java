package org.dusangire.payment.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.PaymentMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckoutRequestTest {
    private static final Payer PHONE = Payer.ofPhone(Msisdn.parse("+256772123456"));

    private static CheckoutRequest.Builder valid() {
        return CheckoutRequest.builder()
                .orderReference("ORDER-1")
                .money(Money.of(1500, "UGX"))
                .method(PaymentMethod.MTN_MOBILE_MONEY)
                .payer(PHONE)
                .idempotencyKey("key-1")
                .description("Consultation");
    }

    private static void assertRefused(UnaryOperator<CheckoutRequest.Builder> change, String field, String message) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(PaymentValidationException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((PaymentValidationException) e).field()).isEqualTo(field));
    }

    @Test
    void validRequestKeepsWhatWasAskedWithTextTrimmed() {
        CheckoutRequest r = valid().orderReference("  ORDER-1 ").idempotencyKey(" key-1 ").build();

        assertThat(r.orderReference()).isEqualTo("ORDER-1");
        assertThat(r.idempotencyKey()).isEqualTo("key-1");
        assertThat(r.money()).isEqualTo(Money.of(1500, "UGX"));
        assertThat(r.payer()).isEqualTo(PHONE);
        assertThat(r.description()).isEqualTo("Consultation");
    }

    @Test
    void eachMissingFieldIsRefusedNamingIt() {
        assertRefused(b -> b.orderReference(null), "orderReference", "orderReference is required");
        assertRefused(b -> b.orderReference("  "), "orderReference", "orderReference is required");
        assertRefused(b -> b.idempotencyKey(null), "idempotencyKey", "idempotencyKey is required");
        assertRefused(b -> b.idempotencyKey(""), "idempotencyKey", "idempotencyKey is required");
        assertRefused(b -> b.money(null), "amount", "amount is required");
        assertRefused(b -> b.method(null), "method", "payment method is required");
    }

    @Test
    void tooLongTextIsRefusedNamingTheFieldAndLimit() {
        assertThat(valid().orderReference("r".repeat(100)).build().orderReference()).hasSize(100);
        assertRefused(b -> b.orderReference("r".repeat(101)), "orderReference",
                "orderReference is longer than 100 characters");
        assertThat(valid().idempotencyKey("k".repeat(200)).build().idempotencyKey()).hasSize(200);
        assertRefused(b -> b.idempotencyKey("k".repeat(201)), "idempotencyKey",
                "idempotencyKey is longer than 200 characters");
        assertThat(valid().description("d".repeat(500)).build().description()).hasSize(500);
        assertRefused(b -> b.description("d".repeat(501)), "description",
                "description is longer than 500 characters");
    }

    @Test
    void zeroAmountIsRefused() {
        assertRefused(b -> b.money(Money.of(0, "UGX")), "amount", "amount must be more than zero");
        assertRefused(b -> b.money(Money.of("0.00", "KES")), "amount", "amount must be more than zero");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MTN_MOBILE_MONEY", "AIRTEL_MONEY", "MPESA"})
    void mobileMoneyWithoutAPhoneNumberIsRefused(String name) {
        PaymentMethod method = PaymentMethod.valueOf(name);
        assertRefused(b -> b.method(method).payer(null), "phone", "a phone number is required for " + method);
        assertRefused(b -> b.method(method).payer(new Payer(null, "jane@hospital.example", "Jane")), "phone",
                "a phone number is required for " + method);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CARD", "BANK_TRANSFER", "CASH_ON_DELIVERY"})
    void otherMethodsNeedNoPhoneNumberAndDefaultToAnEmptyPayer(String name) {
        PaymentMethod method = PaymentMethod.valueOf(name);
        CheckoutRequest r = valid().method(method).payer(null).description(null).build();

        assertThat(r.payer()).isEqualTo(Payer.none());
        assertThat(r.description()).isNull();
    }

    /** CR, LF, NUL, TAB, ESC, DEL, NEL and the Unicode line and paragraph separators. */
    private static final String[] LINE_FORGERS = {"\r", "\n", "\r\n", "\u0000", "\t", "\u001b",
            "\u007f", "\u0085", "\u2028", "\u2029"};

    @Test
    void lineBreaksAndControlCharactersInLoggedTextAreRefusedNamingTheField() {
        for (String bad : LINE_FORGERS) {
            String forged = "A-1" + bad + "INFO payment X SUCCEEDED";
            assertRefused(b -> b.orderReference(forged), "orderReference",
                    "orderReference must not contain line breaks or other control characters");
            assertRefused(b -> b.idempotencyKey(forged), "idempotencyKey",
                    "idempotencyKey must not contain line breaks or other control characters");
            assertRefused(b -> b.description(forged), "description",
                    "description must not contain line breaks or other control characters");
        }
    }

    @Test
    void ordinaryTextWithAccentsAndSymbolsIsKept() {
        CheckoutRequest r = valid().orderReference("FACTURE-Émile/2026#7").idempotencyKey("k:é-1")
                .description("Consultation — Dr. Okello (½ day) ✓").build();

        assertThat(r.orderReference()).isEqualTo("FACTURE-Émile/2026#7");
        assertThat(r.description()).isEqualTo("Consultation — Dr. Okello (½ day) ✓");
    }

    @Test
    void refundTextWithLineBreaksIsRefusedNamingTheField() {
        org.dusangire.payment.core.model.PaymentId id = org.dusangire.payment.core.model.PaymentId.random();
        for (String bad : LINE_FORGERS) {
            for (String field : new String[] {"reason", "actor", "idempotencyKey"}) {
                String forged = "x" + bad + "y";
                assertThatThrownBy(() -> new RefundCommand(id, null,
                        field.equals("reason") ? forged : null, field.equals("actor") ? forged : null,
                        field.equals("idempotencyKey") ? forged : null))
                        .isInstanceOf(PaymentValidationException.class)
                        .hasMessage(field + " must not contain line breaks or other control characters")
                        .satisfies(e -> assertThat(((PaymentValidationException) e).field())
                                .isEqualTo(field));
            }
        }
    }
}
