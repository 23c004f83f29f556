package org.dusangire.payment.reliability;

import java.util.Set;
import java.util.function.Consumer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.Refund;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.InitiationResult;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.RefundRequest;
import org.dusangire.payment.core.port.RefundResult;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.core.port.WebhookNotification;

/**
 * The real gateway, untouched, plus the customer: as soon as a call to the provider returns (or
 * fails: the provider may hold the payment anyway), and before any status question, the rig's
 * customer gets the chance to act on what the provider now holds. So the customer's answer is
 * fixed before our clock can expire the payment, as MTN's sandbox numbers fix it for MTN, and the
 * provider's own records decide the verdict. Every call goes to the real adapter.
 */
final class CustomerAtProvider implements PaymentGateway {
    private final PaymentGateway real;
    private final Consumer<Payment> customer;

    CustomerAtProvider(PaymentGateway real, Consumer<Payment> customer) {
        this.real = real;
        this.customer = customer;
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public Set<PaymentMethod> methods() {
        return real.methods();
    }

    @Override
    public void validate(Payment payment) {
        real.validate(payment);
    }

    @Override
    public InitiationResult initiate(InitiationRequest request) {
        try {
            return real.initiate(request);
        } finally {
            customer.accept(request.payment());
        }
    }

    @Override
    public StatusReport checkStatus(Payment payment) {
        customer.accept(payment);
        return real.checkStatus(payment);
    }

    @Override
    public WebhookNotification parseWebhook(InboundRequest request) {
        return real.parseWebhook(request);
    }

    @Override
    public boolean supportsRefunds() {
        return real.supportsRefunds();
    }

    @Override
    public boolean supportsPartialRefunds() {
        return real.supportsPartialRefunds();
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        return real.refund(request);
    }

    @Override
    public RefundResult checkRefundStatus(Payment payment, Refund refund) {
        return real.checkRefundStatus(payment, refund);
    }
}
