package org.dusangire.payment.core.error;

/**
 * Root of the library's unchecked exception family. Each instance carries, where known, the
 * gateway that was involved, the provider's own error code, our payment reference and the HTTP
 * status the provider answered with, so a host can log and route errors without parsing messages.
 */
public class PaymentException extends RuntimeException {
    private final String gatewayName;
    private final String providerCode;
    private final String paymentReference;
    private final Integer httpStatus;

    public PaymentException(String message) {
        this(message, null, null, null, null, null);
    }

    public PaymentException(String message, Throwable cause) {
        this(message, null, null, null, null, cause);
    }

    public PaymentException(String message, String gatewayName, String providerCode,
            String paymentReference, Integer httpStatus, Throwable cause) {
        super(message, cause);
        this.gatewayName = gatewayName;
        this.providerCode = providerCode;
        this.paymentReference = paymentReference;
        this.httpStatus = httpStatus;
    }

    /** The gateway involved, for example {@code mtn-momo}; {@code null} when none was. */
    public String gatewayName() {
        return gatewayName;
    }

    /** The provider's own error code, for example {@code PAYER_NOT_FOUND}; may be {@code null}. */
    public String providerCode() {
        return providerCode;
    }

    /** Our payment reference (the payment id) when the error concerns one payment. */
    public String paymentReference() {
        return paymentReference;
    }

    /** The HTTP status the provider answered with, when there was an answer. */
    public Integer httpStatus() {
        return httpStatus;
    }
}
