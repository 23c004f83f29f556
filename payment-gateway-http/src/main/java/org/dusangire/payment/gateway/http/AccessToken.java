package org.dusangire.payment.gateway.http;

import java.time.Duration;
import java.util.Objects;
import org.dusangire.payment.core.config.Secret;

/**
 * A bearer token just issued by a provider's token endpoint.
 *
 * @param value    the token, hidden from {@code toString}
 * @param lifetime how long the provider says it is valid ({@code expires_in})
 */
public record AccessToken(Secret value, Duration lifetime) {
    public AccessToken {
        Objects.requireNonNull(value, "value must not be null");
        Objects.requireNonNull(lifetime, "lifetime must not be null");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive");
        }
    }
}
