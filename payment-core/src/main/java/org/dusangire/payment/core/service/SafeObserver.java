package org.dusangire.payment.core.service;

import java.time.Duration;
import java.util.function.Consumer;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PendingBacklog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The host's observer behind a guard: an observer that throws never changes a payment. */
final class SafeObserver implements PaymentObserver {
    private static final Logger log = LoggerFactory.getLogger(SafeObserver.class);

    private final PaymentObserver delegate;

    SafeObserver(PaymentObserver delegate) {
        this.delegate = delegate;
    }

    private void guard(String what, Consumer<PaymentObserver> call) {
        try {
            call.accept(delegate);
        } catch (RuntimeException e) {
            log.warn("payment observer failed on {}; ignored", what, e);
        }
    }

    @Override
    public ProviderCall providerCall(String gateway, ProviderOperation operation) {
        ProviderCall call;
        try {
            call = delegate.providerCall(gateway, operation);
        } catch (RuntimeException e) {
            log.warn("payment observer failed on providerCall; ignored", e);
            return ProviderCall.NONE;
        }
        ProviderCall started = call == null ? ProviderCall.NONE : call;
        return (outcome, duration) -> guard("providerCall end", o -> started.end(outcome, duration));
    }

    @Override
    public void initiation(String gateway, PaymentMethod method, InitiationOutcome outcome) {
        guard("initiation", o -> o.initiation(gateway, method, outcome));
    }

    @Override
    public void statusChange(String gateway, PaymentMethod method, PaymentStatus from,
            PaymentStatus to) {
        guard("statusChange", o -> o.statusChange(gateway, method, from, to));
    }

    @Override
    public void anomaly(String gateway, PaymentAnomaly.Kind kind) {
        guard("anomaly", o -> o.anomaly(gateway, kind));
    }

    @Override
    public void webhook(String gateway, WebhookOutcome outcome) {
        guard("webhook", o -> o.webhook(gateway, outcome));
    }

    @Override
    public void reconcilePass(ReconcileReport report, Duration duration) {
        guard("reconcilePass", o -> o.reconcilePass(report, duration));
    }

    @Override
    public void reconcilePassFailed(Duration duration) {
        guard("reconcilePassFailed", o -> o.reconcilePassFailed(duration));
    }

    @Override
    public void backlog(PendingBacklog backlog, Duration oldestAge) {
        guard("backlog", o -> o.backlog(backlog, oldestAge));
    }
}
