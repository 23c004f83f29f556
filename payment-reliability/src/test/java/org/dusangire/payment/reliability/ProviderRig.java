package org.dusangire.payment.reliability;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.math.BigDecimal;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.service.CheckoutRequest;

/**
 * One provider as the suite drives it: its real gateway adapter talking to its simulator over a
 * loopback socket, the customer's behaviour, fault injection (the simulator's shared
 * {@code FaultInjector}) and the provider's own records. Adding a provider to every part of the
 * suite means writing one of these.
 */
interface ProviderRig extends AutoCloseable {

    /** The gateway's name, as in routes and storage. */
    String name();

    /** The gateway to register with a service whose public site is {@code siteUrl}. */
    PaymentGateway gateway();

    /** The service's clock, for adapters whose decisions depend on time (default: ignored). */
    default void clock(Clock clock) {
    }

    /** A checkout the provider will settle as {@code fate} once it receives it. */
    CheckoutRequest checkout(String orderReference, Fate fate);

    /** Sends callbacks (webhooks) to this site, where the webhook servlet is mounted at /payments. */
    void callbacksTo(URI siteUrl);

    /** From now on about {@code rate} of the provider's calls fail, and as many callbacks are lost. */
    void faults(double rate, long seed);

    /** No more faults. */
    void calm();

    /** Faults injected so far, lost callbacks included. */
    long faultsInjected();

    /** Calls the provider handled so far: API requests received plus callbacks sent or lost. */
    long providerCalls();

    /** Payment initiations the provider received, accepted or not. */
    int initiations();

    /** The provider's view of a reference. */
    ProviderView view(String reference);

    /** The money the provider actually paid back for the payment with this reference (its own ledger). */
    BigDecimal refundedAtProvider(String reference);

    /** The provider finishes the refunds it was still processing (default: none are left so). */
    default void finishRefunds() {
    }

    /** Every provider reference the provider received for each order reference. */
    Map<String, Set<String>> referencesByOrder();

    /** Every provider reference the provider received, once each. */
    default Stream<String> references() {
        return referencesByOrder().values().stream().flatMap(Set::stream).distinct();
    }

    @Override
    void close();
}
