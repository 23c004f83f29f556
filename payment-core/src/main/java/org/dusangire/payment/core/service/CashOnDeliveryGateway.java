package org.dusangire.payment.core.service;

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
 * The built-in manual gateway for cash on delivery. There is no provider: the payment waits
 * until a cashier confirms it through {@link PaymentService#confirmCashPayment}, or expires.
 */
public final class CashOnDeliveryGateway implements PaymentGateway {
    /** The gateway's name. */
    public static final String NAME = "cash";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<PaymentMethod> methods() {
        return Set.of(PaymentMethod.CASH_ON_DELIVERY);
    }

    @Override
    public InitiationResult initiate(InitiationRequest request) {
        return InitiationResult.accepted(null);
    }

    @Override
    public StatusReport checkStatus(Payment payment) {
        return StatusReport.of(ProviderStatus.PENDING, null);
    }

    @Override
    public WebhookNotification parseWebhook(InboundRequest request) {
        throw new WebhookRejectedException(WebhookRejectedException.Reason.AUTHENTICATION, NAME,
                "cash payments have no webhooks");
    }
}
