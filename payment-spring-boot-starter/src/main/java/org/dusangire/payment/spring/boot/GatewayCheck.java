package org.dusangire.payment.spring.boot;

import java.util.Objects;
import org.dusangire.payment.core.config.StartupCheck;
import org.dusangire.payment.core.config.StartupCheck.GatewayConfigReader;

/**
 * A gateway module found on the classpath whose variable is set: its settings join the one
 * {@link StartupCheck} of the application, so its problems are refused together with all others.
 */
record GatewayCheck<T>(String variable, Class<T> type, GatewayConfigReader<T> reader) {
    GatewayCheck {
        Objects.requireNonNull(variable, "variable must not be null");
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(reader, "reader must not be null");
    }

    void addTo(StartupCheck check) {
        check.gatewayIfSet(variable, type, reader);
    }
}
