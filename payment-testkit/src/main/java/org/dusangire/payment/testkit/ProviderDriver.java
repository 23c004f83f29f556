package org.dusangire.payment.testkit;

import java.util.List;
import java.util.Map;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.ProviderStatus;

/**
 * Acts as the customer and the provider for {@link PaymentGatewayContract}: a gateway's test
 * implements it with its simulator's control API. The refund methods are needed only by gateways
 * that support refunds; the defaults say the driver cannot do it.
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

    /**
     * Every refund the provider holds for the payment and has not given up, paid back or on its
     * way, as its amount (in any order): the provider's own ledger, which the contract compares
     * with what the gateway answered, so a refund paid out twice shows.
     */
    default List<Money> refundsAtProvider(Payment payment) {
        throw new UnsupportedOperationException(getClass().getName()
                + " cannot read the provider's refunds");
    }

    /**
     * The provider closes the connection of the next refund request without an answer: after
     * making the refund ({@code processed} true: the answer is lost) or before ({@code false}:
     * the request is lost).
     */
    default void loseNextRefund(boolean processed) {
        throw new UnsupportedOperationException(getClass().getName()
                + " cannot make the provider lose a refund");
    }
}
