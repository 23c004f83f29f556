package org.dusangire.payment.core.service;

import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.PaymentMethod;

/**
 * What the host asks for at checkout.
 *
 * <p>The texts are logged and kept in the history, so each must be one line: a line break or
 * other control character is refused ({@link PaymentValidationException} naming the field).
 *
 * @param orderReference the host's order or bill reference (1 to 100 characters)
 * @param money          what to collect; must be more than zero
 * @param method         how the customer pays
 * @param payer          who pays (phone for mobile money, email for card and bank transfer)
 * @param idempotencyKey the caller's key: the same key always yields the same payment and reaches
 *                       the provider at most once (1 to 200 characters)
 * @param description    short text shown to the payer; may be {@code null}
 */
public record CheckoutRequest(String orderReference, Money money, PaymentMethod method, Payer payer,
        String idempotencyKey, String description) {
    public CheckoutRequest {
        orderReference = requireText("orderReference", orderReference, 100);
        idempotencyKey = requireText("idempotencyKey", idempotencyKey, 200);
        if (money == null) {
            throw new PaymentValidationException("amount", "amount is required");
        }
        if (!money.isPositive()) {
            throw new PaymentValidationException("amount", "amount must be more than zero");
        }
        if (method == null) {
            throw new PaymentValidationException("method", "payment method is required");
        }
        payer = payer == null ? Payer.none() : payer;
        if (method.isMobileMoney() && payer.msisdn() == null) {
            throw new PaymentValidationException("phone", "a phone number is required for "
                    + method);
        }
        if (description != null && description.length() > 500) {
            throw new PaymentValidationException("description", "description is longer than 500 characters");
        }
        OneLineText.require("description", description);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static String requireText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new PaymentValidationException(field, field + " is required");
        }
        String v = value.trim();
        if (v.length() > max) {
            throw new PaymentValidationException(field, field + " is longer than " + max + " characters");
        }
        return OneLineText.require(field, v);
    }

    /** Builder for {@link CheckoutRequest}. */
    public static final class Builder {
        private String orderReference;
        private Money money;
        private PaymentMethod method;
        private Payer payer;
        private String idempotencyKey;
        private String description;

        private Builder() {
        }

        public Builder orderReference(String v) { this.orderReference = v; return this; }
        public Builder money(Money v) { this.money = v; return this; }
        public Builder method(PaymentMethod v) { this.method = v; return this; }
        public Builder payer(Payer v) { this.payer = v; return this; }
        public Builder idempotencyKey(String v) { this.idempotencyKey = v; return this; }
        public Builder description(String v) { this.description = v; return this; }

        public CheckoutRequest build() {
            return new CheckoutRequest(orderReference, money, method, payer, idempotencyKey,
                    description);
        }
    }
}
