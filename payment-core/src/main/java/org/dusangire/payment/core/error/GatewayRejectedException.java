package org.dusangire.payment.core.error;

/**
 * The provider answered and definitively refused the request (bad payer, invalid currency,
 * refused credentials). The outcome is known: nothing was or will be charged for this request.
 */
public class GatewayRejectedException extends PaymentException {
    public GatewayRejectedException(String message, String gatewayName, String providerCode,
            String paymentReference, Integer httpStatus) {
        super(message, gatewayName, providerCode, paymentReference, httpStatus, null);
    }
}
