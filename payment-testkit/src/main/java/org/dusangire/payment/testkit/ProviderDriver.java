package org.dusangire.payment.testkit;

import java.util.Map;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.ProviderStatus;

/**
 * Acts as the customer and the provider for {@link PaymentGatewayContract}: a gateway's test
 * implements it with its simulator's control API.
 */
public interface ProviderDriver {

    /** The customer approves (pays the amount due). */
    void approve(Payment payment);

    /**
     * The failure scenarios the provider knows, by name, each with the status the gateway must
     * then report (for example {@code "declined" -> FAILED}, {@code "timeout" -> EXPIRED}).
     */
    Map<String, ProviderStatus> failureScenarios();

    /** Makes the payment end in the named failure scenario. */
    void fail(Payment payment, String scenario);

    /** The webhook the provider sends once the payment is final (after {@link #approve}). */
    InboundRequest authenticWebhook(Payment payment);

    /** A webhook for the payment that did not come from the provider. */
    InboundRequest forgedWebhook(Payment payment);
}
