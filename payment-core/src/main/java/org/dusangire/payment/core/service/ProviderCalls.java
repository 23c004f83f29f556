package org.dusangire.payment.core.service;

import java.util.function.Supplier;
import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.port.PaymentGateway;

/**
 * Every call the service makes to a provider goes through here, so each one is seen the same
 * way: a failure is kept for {@link PaymentService#health()}, and the caller's own handling
 * (outcome unknown, refusal) stays where it was.
 */
final class ProviderCalls {
    private final HealthDesk health;

    ProviderCalls(HealthDesk health) {
        this.health = health;
    }

    /** Runs {@code call} against {@code gateway}, rethrowing whatever it throws. */
    <T> T call(PaymentGateway gateway, ProviderOperation operation, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (GatewayRejectedException e) {
            health.callSucceeded(gateway.name()); // the provider answered: it is reachable
            throw e;
        } catch (RuntimeException e) {
            health.callFailed(gateway.name(), operation, e);
            throw e;
        }
        health.callSucceeded(gateway.name());
        return result;
    }
}
