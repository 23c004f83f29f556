package org.dusangire.payment.core.error;

/** Input that cannot be accepted (amount, phone number, currency...). Nothing was changed. */
public class PaymentValidationException extends PaymentException {
    private final String field;

    public PaymentValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The input field at fault, for example {@code amount} or {@code phone}. */
    public String field() {
        return field;
    }
}
