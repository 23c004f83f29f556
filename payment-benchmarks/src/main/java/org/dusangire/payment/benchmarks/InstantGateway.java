package org.dusangire.payment.benchmarks;

import java.util.Set;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.InitiationResult;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.core.port.WebhookNotification;

/**
 * A provider that accepts every payment and reports it paid when asked, keeping nothing: unlike
 * the testkit's scripted gateway, which records every reference forever.
 */
final class InstantGateway implements PaymentGateway {
    static final String NAME = "instant";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<PaymentMethod> methods() {
        return Set.of(PaymentMethod.MTN_MOBILE_MONEY);
    }

    @Override
    public InitiationResult initiate(InitiationRequest request) {
        return InitiationResult.accepted("{}");
    }

    @Override
    public StatusReport checkStatus(Payment payment) {
        return new StatusReport(ProviderStatus.SUCCEEDED, payment.providerReference(),
                payment.money(), "tx-" + payment.id(), null, "{\"status\":\"SUCCESSFUL\"}");
    }

    @Override
    public WebhookNotification parseWebhook(InboundRequest request) {
        throw new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED, NAME,
                "no webhooks");
    }
}
