package org.dusangire.payment.core.config;

import java.util.Locale;

/** Whether the library talks to provider sandboxes or takes real money. */
public enum PaymentEnvironment {
    SANDBOX, PRODUCTION;

    /** Parses {@code sandbox} or {@code production}, in any letter case. */
    public static PaymentEnvironment parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public boolean isProduction() {
        return this == PRODUCTION;
    }
}
