package org.dusangire.payment.core.port;

import java.util.Set;
import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.error.UnsupportedCapabilityException;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.Refund;

/**
 * The port every payment provider adapter implements (one per provider). A gateway talks to its
 * provider and maps answers into the core's vocabulary; it never touches the repository and never
 * decides a payment's status by itself: the service does, after checking what the gateway reports.
 *
 * <p>Mandatory operations are abstract; optional capabilities (refunds) are default methods that
 * report "unsupported".
 */
public interface PaymentGateway {

    /** Stable name used in routes and storage, e.g. {@code mtn-momo}, {@code flutterwave}. */
    String name();

    /** The payment methods this gateway can serve. */
    Set<PaymentMethod> methods();

    /**
     * The currencies (ISO 4217 codes) this gateway's account collects; empty means any. With
     * {@link #countries()} it routes a payment when several gateways serve one method (two MTN
     * accounts, one in UGX and one in RWF).
     */
    default Set<String> currencies() {
        return Set.of();
    }

    /**
     * The countries (ISO 3166 codes) of the payers this gateway serves, judged by the payer's
     * phone number; empty means any (a card checkout).
     */
    default Set<String> countries() {
        return Set.of();
    }

    /** Who chooses the reference a payment is known by at the provider, and what a retry may do. */
    enum ReferenceRule {
        /**
         * We send our payment id as the reference (MTN, Airtel, Flutterwave). Sending the
         * initiation again reuses it, so the provider can refuse a duplicate; the service resends
         * only when the status API says the provider never received it.
         */
        OURS_REUSED,
        /**
         * The provider assigns its own reference and answers it at initiation (M-Pesa's
         * {@code CheckoutRequestID}); it has no idempotency of ours. The service stores the
         * reference before anything else can depend on it, never sends the initiation twice, and
         * settles the payment by the status API under that reference. If the answer was lost, only
         * an authenticated callback can tell the reference; until then the outcome stays unknown.
         */
        PROVIDER_ASSIGNED
    }

    /** This gateway's reference rule; {@link ReferenceRule#OURS_REUSED} unless it says otherwise. */
    default ReferenceRule referenceRule() {
        return ReferenceRule.OURS_REUSED;
    }

    /**
     * Checks, before anything is stored or sent, that this gateway can take the payment (currency,
     * payer fields it needs). The default accepts everything.
     *
     * @throws PaymentValidationException saying what is missing or wrong
     */
    default void validate(Payment payment) {
    }

    /**
     * Starts the payment at the provider. With {@link ReferenceRule#OURS_REUSED} the payment's
     * {@link Payment#providerReference()} (its id) is the reference to send, and calling it again
     * for the same payment must be safe: it reuses the same reference, and a provider's "already
     * exists" answer counts as accepted. With {@link ReferenceRule#PROVIDER_ASSIGNED} it is called
     * once per payment and returns the provider's reference in
     * {@link InitiationResult#providerReference()}.
     *
     * @throws GatewayRejectedException    the provider refused: the outcome is known, nothing charged
     * @throws GatewayUnavailableException timeout, connection failure or 5xx: the outcome is unknown
     */
    InitiationResult initiate(InitiationRequest request);

    /**
     * Asks the provider where the payment stands, under {@link Payment#providerReference()} (for a
     * {@link ReferenceRule#PROVIDER_ASSIGNED} gateway, the reference its initiation answered; the
     * service does not ask before it is known). Never returns a final status the provider did not
     * state; an answer it cannot map is {@link ProviderStatus#UNKNOWN}.
     *
     * @throws GatewayUnavailableException when the provider cannot be asked right now
     */
    StatusReport checkStatus(Payment payment);

    /**
     * Authenticates and parses a raw inbound webhook.
     *
     * @throws WebhookRejectedException with reason AUTHENTICATION when the request is not from the
     *                                  provider, MALFORMED when it cannot be understood
     */
    WebhookNotification parseWebhook(InboundRequest request);

    /** True when {@link #refund} is implemented. */
    default boolean supportsRefunds() {
        return false;
    }

    /** True when refunds for less than the refundable amount are possible. */
    default boolean supportsPartialRefunds() {
        return false;
    }

    /**
     * Sends a refund for a paid payment under {@code request.refundId()}. The service calls it
     * once per refund, and again with the same refund id only when
     * {@link #checkRefundStatus} answered {@link RefundResult.Status#NOT_FOUND}.
     *
     * @throws UnsupportedCapabilityException when the gateway cannot refund
     * @throws GatewayRejectedException       when the provider refuses the refund
     * @throws GatewayUnavailableException    when the outcome is unknown
     */
    default RefundResult refund(RefundRequest request) {
        throw new UnsupportedCapabilityException(name(), "refunds");
    }

    /**
     * Asks the provider where a refund stands: MTN's refund status, Airtel's enquiry, Flutterwave's
     * refund details. {@link RefundResult.Status#NOT_FOUND} is for a provider that certainly has no
     * refund under our reference; when the gateway cannot be sure (the refund's answer was lost and
     * the provider keys refunds by its own id), it answers {@link RefundResult.Status#UNKNOWN}.
     *
     * @param payment the refunded payment
     * @param refund  the stored refund: our id, amount, and the provider's id when one was given
     * @throws UnsupportedCapabilityException when the gateway cannot refund
     * @throws GatewayUnavailableException    when the provider cannot be asked right now
     */
    default RefundResult checkRefundStatus(Payment payment, Refund refund) {
        throw new UnsupportedCapabilityException(name(), "refunds");
    }
}
