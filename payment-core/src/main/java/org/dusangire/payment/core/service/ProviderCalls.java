package org.dusangire.payment.core.service;

import java.time.Duration;
import java.util.function.Supplier;
import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.port.PaymentGateway;

/**
 * Every call the service makes to a provider goes through here, so each one is seen the same
 * way: a failure is kept for {@link PaymentService#health()}, the {@link PaymentObserver} hears
 * of each call (gateway, operation, outcome, duration), and the caller's own handling
 * (outcome unknown, refusal) stays where it was.
 */
final class ProviderCalls {
    private final HealthDesk health;
    private final PaymentObserver observer;

    ProviderCalls(HealthDesk health, PaymentObserver observer) {
        this.health = health;
        this.observer = observer;
    }

    /** Runs {@code call} against {@code gateway}, rethrowing whatever it throws. */
    <T> T call(PaymentGateway gateway, ProviderOperation operation, Supplier<T> call) {
        PaymentObserver.ProviderCall observed = observer.providerCall(gateway.name(), operation);
        long started = System.nanoTime();
        T result;
        try {
            result = call.get();
        } catch (GatewayRejectedException e) {
            health.callSucceeded(gateway.name()); // the provider answered: it is reachable
            observed.end(PaymentObserver.CallOutcome.REJECTED, since(started));
            throw e;
        } catch (RuntimeException e) {
            health.callFailed(gateway.name(), operation, e);
            observed.end(e instanceof GatewayUnavailableException
                    ? PaymentObserver.CallOutcome.UNAVAILABLE : PaymentObserver.CallOutcome.ERROR,
                    since(started));
            throw e;
        }
        health.callSucceeded(gateway.name());
        observed.end(PaymentObserver.CallOutcome.SUCCESS, since(started));
        return result;
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
