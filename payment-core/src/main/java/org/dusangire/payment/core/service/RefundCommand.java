package org.dusangire.payment.core.service;

import java.util.Objects;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.PaymentId;

/**
 * What the host asks for when money goes back.
 *
 * @param paymentId      the paid payment to refund
 * @param amount         how much; {@code null} for everything still refundable
 * @param reason         why, for the provider's and our records (at most 500 characters); may be
 *                       {@code null}
 * @param actor          who asks for it; required for cash, where it names who handed the money
 *                       back (at most 100 characters)
 * @param idempotencyKey the caller's key (at most 200 characters): the same key always yields the
 *                       same refund and reaches the provider at most once; {@code null} for none
 */
public record RefundCommand(PaymentId paymentId, Money amount, String reason, String actor,
        String idempotencyKey) {
    public RefundCommand {
        Objects.requireNonNull(paymentId, "paymentId must not be null");
        if (amount != null && !amount.isPositive()) {
            throw new PaymentValidationException("amount", "refund must be more than zero");
        }
        reason = optionalText("reason", reason, 500);
        actor = optionalText("actor", actor, 100);
        idempotencyKey = optionalText("idempotencyKey", idempotencyKey, 200);
    }

    /** A refund of everything still refundable. */
    public static RefundCommand full(PaymentId paymentId) {
        return new RefundCommand(paymentId, null, null, null, null);
    }

    /** A refund of part of the payment. */
    public static RefundCommand partial(PaymentId paymentId, Money amount) {
        return new RefundCommand(paymentId, Objects.requireNonNull(amount, "amount must not be null"),
                null, null, null);
    }

    public RefundCommand withReason(String reason) {
        return new RefundCommand(paymentId, amount, reason, actor, idempotencyKey);
    }

    public RefundCommand withActor(String actor) {
        return new RefundCommand(paymentId, amount, reason, actor, idempotencyKey);
    }

    public RefundCommand withIdempotencyKey(String idempotencyKey) {
        return new RefundCommand(paymentId, amount, reason, actor, idempotencyKey);
    }

    private static String optionalText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.length() > max) {
            throw new PaymentValidationException(field, field + " is longer than " + max
                    + " characters");
        }
        return OneLineText.require(field, v);
    }
}
