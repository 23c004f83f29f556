package org.dusangire.payment.webhooks.servlet;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.InitiationResult;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.core.port.WebhookNotification;
import org.dusangire.payment.testkit.ScriptedPaymentGateway;

/**
 * The testkit's scripted gateway, plus what the servlet tests need to see: the last inbound
 * request exactly as the servlet built it, an MTN-like callback token read from the path (so the
 * core's token check runs), and a switch to fail unexpectedly.
 */
final class CapturingGateway implements PaymentGateway {
    private final ScriptedPaymentGateway delegate;
    private final boolean tokenInPath;
    private final AtomicReference<InboundRequest> last = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    CapturingGateway(ScriptedPaymentGateway delegate, boolean tokenInPath) {
        this.delegate = delegate;
        this.tokenInPath = tokenInPath;
    }

    InboundRequest lastRequest() {
        return last.get();
    }

    void failWith(RuntimeException e) {
        failure.set(e);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Set<PaymentMethod> methods() {
        return delegate.methods();
    }

    @Override
    public InitiationResult initiate(InitiationRequest request) {
        return delegate.initiate(request);
    }

    @Override
    public StatusReport checkStatus(Payment payment) {
        return delegate.checkStatus(payment);
    }

    @Override
    public WebhookNotification parseWebhook(InboundRequest request) {
        last.set(request);
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
        WebhookNotification n = delegate.parseWebhook(request);
        if (!tokenInPath) {
            return n;
        }
        String[] parts = request.path().split("/");
        String token = parts.length == 2 ? parts[1] : "";
        return new WebhookNotification(n.eventKey(), n.paymentReference(), token, n.reportedStatus(),
                n.providerTransactionId());
    }
}
