package org.dusangire.payment.core.error;

/** A missing, malformed or unsafe configuration value. The message names the variable to fix. */
public class PaymentConfigurationException extends PaymentException {
    private final String variable;

    public PaymentConfigurationException(String variable, String message) {
        super(variable == null ? message : variable + ": " + message);
        this.variable = variable;
    }

    public PaymentConfigurationException(String variable, String message, String gatewayName,
            String providerCode, Integer httpStatus) {
        super(variable == null ? message : variable + ": " + message, gatewayName, providerCode,
                null, httpStatus, null);
        this.variable = variable;
    }

    /** The configuration variable at fault, for example {@code SITE_URL}. */
    public String variable() {
        return variable;
    }
}
