package org.dusangire.payment.core.service;

import java.util.Set;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.InitiationResult;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.RefundRequest;
import org.dusangire.payment.core.port.RefundResult;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.core.port.WebhookNotification;

/**
 * The built-in manual gateway for cash on delivery. There is no provider: the payment waits
 * until a cashier confirms it through {@link PaymentService#confirmCashPayment}, or expires. A
 * refund is money handed back over the counter, recorded with who handed it back.
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

    /** Cash is handed back over the counter; the refund's actor says who did it. */
    @Override
    public boolean supportsRefunds() {
        return true;
    }

    @Override
    public boolean supportsPartialRefunds() {
        return true;
    }

    /** Recording a cash refund is the fact itself: the cashier handed the money back. */
    @Override
    public RefundResult refund(RefundRequest request) {
        return new RefundResult(RefundResult.Status.COMPLETED, null, null);
    }

    /**
     * A cash refund is asked about only when its recording was interrupted after it was reserved:
     * the cashier asked for it to record money handed back, so it stands as completed.
     */
    @Override
    public RefundResult checkRefundStatus(Payment payment, Refund refund) {
        return new RefundResult(RefundResult.Status.COMPLETED, null, null);
    }

    @Override
    public WebhookNotification parseWebhook(InboundRequest request) {
        throw new WebhookRejectedException(WebhookRejectedException.Reason.AUTHENTICATION, NAME,
                "cash payments have no webhooks");
    }
}
