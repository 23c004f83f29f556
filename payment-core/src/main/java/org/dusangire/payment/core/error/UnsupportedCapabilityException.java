package org.dusangire.payment.core.error;

/** The gateway does not offer this optional capability (refund, partial refund, ...). */
public class UnsupportedCapabilityException extends PaymentException {
    public UnsupportedCapabilityException(String gatewayName, String capability) {
        super("gateway " + gatewayName + " does not support " + capability, gatewayName, null, null,
                null, null);
    }
}
