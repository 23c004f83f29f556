package org.dusangire.payment.core.error;

/** An inbound webhook or callback that failed authentication or could not be parsed. */
public class WebhookRejectedException extends PaymentException {
    /** Why the webhook was refused: the HTTP adapter answers 401 or 400 accordingly. */
    public enum Reason { AUTHENTICATION, MALFORMED }

    private final Reason reason;

    public WebhookRejectedException(Reason reason, String gatewayName, String message) {
        super(message, gatewayName, null, null, null, null);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
